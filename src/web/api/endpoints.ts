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
import { api } from "./client.js";

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
