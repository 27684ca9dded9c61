import type { IndexChildren, IndexIssuers, IndexSeries } from "../../../contracts/burden-index.js";
import { api } from "../../api/client.js";

type Period = { unit: string; from: string; to: string };

export const indexApi = {
  series: (q: Period & { baseline?: number }, signal?: AbortSignal) => api.get<IndexSeries>("/api/index", q, signal),
  children: (q: { unit: string; month: string }, signal?: AbortSignal) => api.get<IndexChildren>("/api/index/children", q, signal),
  issuers: (q: Period, signal?: AbortSignal) => api.get<IndexIssuers>("/api/index/issuers", { ...q, limit: 10 }, signal),
};

export { downloadXlsx } from "../../api/download.js";
