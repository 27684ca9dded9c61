import type { z } from "zod";
import type {
  CreateUser,
  Login,
  Me,
  UnitChildren,
  UnitDetail,
  UnitSearchResult,
  UpdateUser,
  User,
  UserList,
  ZAuditList,
  ZAuditVerify,
} from "../../contracts/org.js";
import type { Role, UnitLevel } from "../../contracts/roles.js";
import type {
  BurdenDetail,
  BurdenInput,
  BurdenKind,
  BurdenStatus,
  BurdenWriteResult,
  GateResult,
  VerifyResult,
  ZBurdenList,
  ZDecide,
  ZHoursSummary,
  ZInbox,
  ZGateSettingsPatch,
  ZGateSettingsView,
  ZRegisterEntries,
  ZRuleList,
} from "../../contracts/burdens.js";
import { XLSX_MIME, type DutyDifferencesInput, type DutyList, type DutyVersions, type DutyWriteResult } from "../../contracts/duties.js";
import type { CalendarYear, SetCalendarDay } from "../../contracts/calendar.js";
import { api, request } from "./client.js";

export type AuditList = z.infer<typeof ZAuditList>;
export type AuditEntry = AuditList["items"][number];
export type AuditVerify = z.infer<typeof ZAuditVerify>;
export type Ok = { ok: true };

const enc = encodeURIComponent;

export const authApi = {
  login: (body: Login) => api.post<Me>("/api/auth/login", body),
  logout: () => api.post<Ok>("/api/auth/logout"),
  me: () => api.get<Me>("/api/me"),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<unknown>("/api/me/password", body),
};

export const unitsApi = {
  get: (code: string, signal?: AbortSignal) => api.get<UnitDetail>(`/api/units/${enc(code)}`, undefined, signal),
  children: (code: string, page: { limit: number; offset: number }) =>
    api.get<UnitChildren>(`/api/units/${enc(code)}/children`, page),
  search: (query: { q: string; level?: UnitLevel; within?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<UnitSearchResult>("/api/units", { limit: 20, ...query }, signal),
};

export type UserListQuery = { q?: string; role?: Role; limit: number; offset: number };

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) => api.get<UserList>("/api/users", query, signal),
  create: (body: CreateUser) => api.post<User>("/api/users", body),
  update: (id: string, body: UpdateUser) => api.patch<User>(`/api/users/${enc(id)}`, body),
  resetPassword: (id: string, password: string) => api.post<unknown>(`/api/users/${enc(id)}/reset-password`, { password }),
};

export const auditApi = {
  list: (query: { limit: number; before?: number }) => api.get<AuditList>("/api/audit", query),
  verify: () => api.get<AuditVerify>("/api/audit/verify"),
};

export type BurdenList = z.infer<typeof ZBurdenList>;
export type Inbox = z.infer<typeof ZInbox>;
export type InboxItem = Inbox["items"][number];
export type HoursSummary = z.infer<typeof ZHoursSummary>;
export type RuleList = z.infer<typeof ZRuleList>;
export type Decide = z.infer<typeof ZDecide>;
export type BurdenListQuery = { status?: BurdenStatus; kind?: BurdenKind; q?: string; limit: number; offset: number };

export const burdensApi = {
  check: (body: BurdenInput, signal?: AbortSignal) => request<GateResult>("POST", "/api/admission/check", { body, signal }),
  create: (body: BurdenInput) => api.post<BurdenWriteResult>("/api/burdens", body),
  update: (id: string, body: BurdenInput) => api.put<BurdenWriteResult>(`/api/burdens/${enc(id)}`, body),
  submit: (id: string) => api.post<BurdenWriteResult>(`/api/burdens/${enc(id)}/submit`),
  decide: (id: string, body: Decide) => api.post<BurdenWriteResult>(`/api/burdens/${enc(id)}/decide`, body),
  withdraw: (id: string, reason: string) => api.post<BurdenWriteResult>(`/api/burdens/${enc(id)}/withdraw`, { reason }),
  list: (query: BurdenListQuery, signal?: AbortSignal) => api.get<BurdenList>("/api/burdens", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<BurdenDetail>(`/api/burdens/${enc(id)}`, undefined, signal),
  hours: (query: { by: "issuer" | "target"; year?: number; limit?: number }, signal?: AbortSignal) =>
    api.get<HoursSummary>("/api/burdens/hours", query, signal),
  rules: (signal?: AbortSignal) => api.get<RuleList>("/api/gate/rules", undefined, signal),
};

export const inboxApi = {
  list: (signal?: AbortSignal) => api.get<Inbox>("/api/inbox", undefined, signal),
};

/** No login needed: anyone may check an admission number. */
export const publicApi = {
  verify: (number: string, signal?: AbortSignal) => api.get<VerifyResult>(`/api/public/verify/${enc(number)}`, undefined, signal),
  qrUrl: (number: string) => `/api/public/verify/${enc(number)}/qr.svg`,
};

export const dutiesApi = {
  list: (unitCode: string, on: string | undefined, signal?: AbortSignal) => api.get<DutyList>(`/api/duties/${enc(unitCode)}`, { on }, signal),
  versions: (unitCode: string, signal?: AbortSignal) => api.get<DutyVersions>(`/api/duties/${enc(unitCode)}/versions`, undefined, signal),
  /** The raw .xlsx file is the body; reason and effective date go in the query string. */
  importXlsx: (unitCode: string, file: Blob, query: { reason: string; effectiveFrom: string }) =>
    api.upload<DutyWriteResult>(`/api/duties/${enc(unitCode)}/import`, new Blob([file], { type: XLSX_MIME }), query),
  exportUrl: (unitCode: string, on?: string) => `/api/duties/${enc(unitCode)}/export.xlsx${on ? `?on=${enc(on)}` : ""}`,
  /** A township's whole set of differences from its county template, as a new version. */
  setDifferences: (unitCode: string, body: DutyDifferencesInput) => api.post<DutyWriteResult>(`/api/duties/${enc(unitCode)}/differences`, body),
};

export const calendarApi = {
  year: (year: number, signal?: AbortSignal) => api.get<CalendarYear>(`/api/calendar/${year}`, undefined, signal),
  setDay: (body: SetCalendarDay) => api.post<CalendarYear>("/api/calendar/days", body),
  deleteDay: (date: string) => api.del<Ok>(`/api/calendar/days/${enc(date)}`),
};

export type GateSettingsView = z.infer<typeof ZGateSettingsView>;
export type GateSettingsPatch = z.infer<typeof ZGateSettingsPatch>;
export type RegisterEntries = z.infer<typeof ZRegisterEntries>;

export const gateApi = {
  settings: (regionCode: string, signal?: AbortSignal) => api.get<GateSettingsView>(`/api/gate/settings/${enc(regionCode)}`, undefined, signal),
  saveSettings: (regionCode: string, patch: GateSettingsPatch) => api.put<Ok>(`/api/gate/settings/${enc(regionCode)}`, patch),
  addRegister: (body: RegisterEntries) => api.post<Ok>("/api/gate/registers", body),
};
