import type { z } from "zod";
import {
  XLSX_MIME,
  type Checks,
  type Figures,
  type Form,
  type Indicator,
  type IndicatorInput,
  type MappingBody,
  type MappingResult,
  type OneTable,
  type SubmitResult,
  type ZClassification,
  type ZFormList,
  type ZIndicatorList,
} from "../../../contracts/forms.js";
import { api } from "../../api/client.js";

export type IndicatorList = z.infer<typeof ZIndicatorList>;
export type FormList = z.infer<typeof ZFormList>;
export type Classification = z.infer<typeof ZClassification>;
export type Answer = { indicatorId: string; periodKey: string; value: string };

const enc = encodeURIComponent;

/** The county whose catalog a user works with: the first six digits of any code below a county. */
export const countyOf = (code: string): string => code.slice(0, 6);

export const formsApi = {
  indicators: (region: string, signal?: AbortSignal) => api.get<IndicatorList>(`/api/forms/catalogs/${enc(region)}/indicators`, undefined, signal),
  createIndicator: (region: string, body: IndicatorInput) => api.post<Indicator>(`/api/forms/catalogs/${enc(region)}/indicators`, body),
  updateIndicator: (id: string, body: IndicatorInput) => api.put<Indicator>(`/api/forms/indicators/${enc(id)}`, body),
  catalogExportUrl: (region: string) => `/api/forms/catalogs/${enc(region)}/export.xlsx`,
  importCatalog: (region: string, file: Blob) =>
    api.upload<{ created: number; updated: number }>(`/api/forms/catalogs/${enc(region)}/import`, new Blob([file], { type: XLSX_MIME })),
  list: (signal?: AbortSignal) => api.get<FormList>("/api/forms", undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Form>(`/api/forms/${enc(id)}`, undefined, signal),
  upload: (file: Blob, query: { burdenId: string; fileName: string; referenceDate?: string }) =>
    api.upload<Form>("/api/forms/upload", new Blob([file], { type: /\.csv$/i.test(query.fileName) ? "text/csv" : XLSX_MIME }), query),
  map: (id: string, body: MappingBody) => api.put<MappingResult>(`/api/forms/${enc(id)}/mapping`, body),
  classification: (id: string, signal?: AbortSignal) => api.get<Classification>(`/api/forms/${enc(id)}/classification`, undefined, signal),
  exportUrl: (id: string) => `/api/forms/${enc(id)}/export.xlsx`,
  figures: (query: { from?: string; to?: string }, signal?: AbortSignal) => api.get<Figures>("/api/forms/figures", query, signal),
  checks: (region: string, periodKey: string, signal?: AbortSignal) => api.get<Checks>(`/api/forms/catalogs/${enc(region)}/checks`, { periodKey }, signal),
  oneTable: (unit: string, signal?: AbortSignal) => api.get<OneTable>(`/api/forms/one-table/${enc(unit)}`, undefined, signal),
  saveDraft: (unit: string, values: Answer[]) => api.put<{ savedAt: string; count: number }>(`/api/forms/one-table/${enc(unit)}/draft`, { values }),
  submit: (unit: string, idempotencyKey: string, values: Answer[]) =>
    api.post<SubmitResult>(`/api/forms/one-table/${enc(unit)}/submit`, { idempotencyKey, values }),
};
