import type { IndexChildren, IndexIssuers, IndexSeries } from "../../../contracts/burden-index.js";
import { api, type Lang } from "../../api/client.js";

type Period = { unit: string; from: string; to: string };

export const indexApi = {
  series: (q: Period & { baseline?: number }, signal?: AbortSignal) => api.get<IndexSeries>("/api/index", q, signal),
  children: (q: { unit: string; month: string }, signal?: AbortSignal) => api.get<IndexChildren>("/api/index/children", q, signal),
  issuers: (q: Period, signal?: AbortSignal) => api.get<IndexIssuers>("/api/index/issuers", { ...q, limit: 10 }, signal),
};

/** Fetches an .xlsx answer in the user's language and hands it to the browser as a download. */
export async function downloadXlsx(path: string, query: Record<string, string>, lang: Lang, fileName: string): Promise<void> {
  const res = await fetch(`${path}?${new URLSearchParams(query).toString()}`, { credentials: "same-origin", headers: { "Accept-Language": lang === "en" ? "en" : "zh-CN" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
