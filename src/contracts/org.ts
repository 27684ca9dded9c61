import { z } from "zod";
import { ZOrgType, ZRole, ZUnitCode, ZUnitLevel } from "./roles.js";

// ---- units 组织单元 ----
export const ZUnit = z.object({
  code: z.string(),
  name: z.string(),
  level: ZUnitLevel,
  parentCode: z.string().nullable(),
  provinceCode: z.string(),
  orgType: ZOrgType.nullable(),
});
export type Unit = z.infer<typeof ZUnit>;

export const ZUnitDetail = ZUnit.extend({
  ancestors: z.array(ZUnit).describe("from the nation down to the parent"),
  childCount: z.number().int(),
});
export type UnitDetail = z.infer<typeof ZUnitDetail>;

export const ZUnitCodeParams = z.object({ code: ZUnitCode });

export const ZUnitChildrenQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const ZUnitChildren = z.object({
  items: z.array(ZUnit.extend({ hasChildren: z.boolean() })),
  total: z.number().int(),
});
export type UnitChildren = z.infer<typeof ZUnitChildren>;

export const ZUnitSearchQuery = z.object({
  q: z.string().trim().min(1).max(50),
  level: ZUnitLevel.optional(),
  within: ZUnitCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZUnitSearchResult = z.object({
  items: z.array(ZUnit.extend({ pathNames: z.array(z.string()).describe("names from province down") })),
});
export type UnitSearchResult = z.infer<typeof ZUnitSearchResult>;

// ---- auth ----
export const ZLogin = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof ZLogin>;

export const ZAction = z.enum(["users.manage", "units.read", "audit.read", "burdens.issue", "burdens.review", "inbox.read"]);

export const ZMe = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  scope: ZUnit,
  mustChangePassword: z.boolean(),
  regionCode: z.string().describe("the subtree this user looks at: his scope, or a department's county"),
  csrfToken: z.string(),
  can: z.array(ZAction).describe("what the server lets this user do; buttons follow it"),
});
export type Me = z.infer<typeof ZMe>;

// ---- users 用户 (admin) ----
export const ZPassword = z
  .string()
  .min(10)
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: "password needs letters and digits / 密码须包含字母和数字" });

export const ZUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  scope: ZUnit,
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof ZUser>;

export const ZUserList = z.object({ items: z.array(ZUser), total: z.number().int() });
export type UserList = z.infer<typeof ZUserList>;

export const ZUserListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: ZRole.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZCreateUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, "username: 3–32 lowercase letters, digits, _ . - / 用户名为3–32位小写字母、数字或_.-"),
  displayName: z.string().trim().min(1).max(40),
  role: ZRole,
  scopeCode: ZUnitCode,
  password: ZPassword,
});
export type CreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    role: ZRole.optional(),
    scopeCode: ZUnitCode.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change / 没有要修改的内容" });
export type UpdateUser = z.infer<typeof ZUpdateUser>;

export const ZChangePassword = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: ZPassword })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "the new password must differ from the current one / 新密码不能与当前密码相同",
    path: ["newPassword"],
  });

export const ZResetPassword = z.object({ password: ZPassword });
export const ZUserIdParams = z.object({ id: z.string().uuid() });

// ---- audit 审计 ----
export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditList = z.object({ items: z.array(ZAuditEntry) });
export const ZAuditListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});
export const ZAuditVerify = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerify = z.infer<typeof ZAuditVerify>;

export const ZHealth = z.object({ ok: z.literal(true), db: z.enum(["pglite", "postgres"]) });
export const ZOk = z.object({ ok: z.literal(true) });
