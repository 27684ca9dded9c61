import type { z } from "zod";
import type {
  CadreReport,
  CaseDetail,
  CaseStatus,
  CaseTask,
  Evidence,
  Notice,
  NoticeInput,
  TaskInput,
  Identity,
  PublicReport,
  PublicUnitList,
  ReporterView,
  ZCaseList,
} from "../../../contracts/cases.js";
import { api } from "../../api/client.js";

export type CaseList = z.infer<typeof ZCaseList>;
export type CaseListQuery = { status?: CaseStatus; overdue?: "true"; revisitDue?: "true"; dueSoon?: "true"; limit: number; offset: number };
export type Receipt = { receipt: string; receivedOn: string };
type Ok = { ok: true };
const enc = encodeURIComponent;

/** The calls of the public report page: no session, no CSRF token needed. */
export const publicReportApi = {
  challenge: () => api.get<{ challenge: string; bits: number }>("/api/public/reports/challenge"),
  units: (q: string, signal?: AbortSignal) => api.get<PublicUnitList>("/api/public/reports/units", { q }, signal),
  submit: (body: PublicReport) => api.post<Receipt>("/api/public/reports", body),
  follow: (receipt: string) => api.get<ReporterView>(`/api/public/reports/${enc(receipt)}`),
  write: (receipt: string, text: string) => api.post<Ok>(`/api/public/reports/${enc(receipt)}/messages`, { text }),
  /** The server decides the type from the content; an unnamed type is sent as plain bytes. */
  upload: (receipt: string, file: File) =>
    api.upload<Evidence>(`/api/public/reports/${enc(receipt)}/evidence`, new Blob([file], { type: file.type || "application/octet-stream" })),
};

export const noticesApi = {
  published: (region?: string) => api.get<{ items: Notice[] }>("/api/public/notices", { region }),
  mine: (signal?: AbortSignal) => api.get<{ items: Notice[] }>("/api/notices", undefined, signal),
  create: (body: NoticeInput) => api.post<Notice>("/api/notices", body),
  publish: (id: string) => api.post<Notice>(`/api/notices/${enc(id)}/publish`),
};

export const casesApi = {
  report: (body: CadreReport) => api.post<Receipt>("/api/cases", body),
  list: (query: CaseListQuery, signal?: AbortSignal) =>
    api.get<CaseList>("/api/cases", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/api/cases/${enc(id)}`, undefined, signal),
  transition: (id: string, to: CaseStatus, reason: string) => api.post<Ok>(`/api/cases/${enc(id)}/transition`, { to, reason }),
  note: (id: string, text: string) => api.post<Ok>(`/api/cases/${enc(id)}/notes`, { text }),
  message: (id: string, text: string) => api.post<Ok>(`/api/cases/${enc(id)}/messages`, { text }),
  assign: (id: string, userId: string) => api.post<Ok>(`/api/cases/${enc(id)}/assign`, { userId }),
  reveal: (id: string, reason: string) => api.post<Identity>(`/api/cases/${enc(id)}/reveal`, { reason }),
  addTask: (id: string, body: TaskInput) => api.post<Ok>(`/api/cases/${enc(id)}/tasks`, body),
  myTasks: (signal?: AbortSignal) => api.get<{ items: CaseTask[] }>("/api/rectification-tasks", undefined, signal),
  answerTask: (taskId: string, proof: string) => api.post<Ok>(`/api/rectification-tasks/${enc(taskId)}/proof`, { proof }),
};
