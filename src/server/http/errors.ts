import { LEVEL_NAMES, ROLE_NAMES, type Role, type UnitLevel } from "../../contracts/roles.js";
import type { Lang } from "./i18n.js";

const roleName = (role: string | number | undefined, lang: "zh" | "en") => ROLE_NAMES[role as Role]?.[lang] ?? String(role);
const levelName = (level: string | number | undefined, lang: "zh" | "en") => LEVEL_NAMES[level as UnitLevel]?.[lang] ?? String(level);

type Params = Record<string, string | number>;
type Message = { status: number; zh: (p: Params) => string; en: (p: Params) => string };

const m = (status: number, zh: string | ((p: Params) => string), en: string | ((p: Params) => string)): Message => ({
  status,
  zh: typeof zh === "string" ? () => zh : zh,
  en: typeof en === "string" ? () => en : en,
});

/** Every user-facing error code, its HTTP status and its message in both languages. */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: m(400, "请求内容不符合要求", "The request is not valid"),
  MALFORMED_JSON: m(400, "请求体不是合法的 JSON", "The request body is not valid JSON"),
  UNAUTHENTICATED: m(401, "请先登录", "Please log in"),
  SESSION_EXPIRED: m(401, "登录已过期，请重新登录", "Your session has expired; please log in again"),
  INVALID_CREDENTIALS: m(401, "用户名或密码错误", "Wrong username or password"),
  ACCOUNT_DISABLED: m(403, "该账号已停用，请联系管理员", "This account is disabled; contact your administrator"),
  ACCOUNT_LOCKED: m(
    423,
    (p) => `连续登录失败次数过多，账号已锁定，请 ${p.minutes} 分钟后再试`,
    (p) => `Too many failed logins; the account is locked for ${p.minutes} more minute(s)`,
  ),
  CSRF_FAILED: m(403, "请求缺少有效的防伪令牌（CSRF），请刷新页面后重试", "Missing or wrong CSRF token; reload the page and retry"),
  PASSWORD_CHANGE_REQUIRED: m(403, "请先修改初始密码", "Change the password you were given before doing anything else"),
  FORBIDDEN: m(403, "无权执行此操作", "You are not allowed to do this"),
  OUT_OF_SCOPE: m(
    403,
    (p) => `单位 ${p.code} 不在您的管辖范围内`,
    (p) => `Unit ${p.code} is outside your scope`,
  ),
  NOT_FOUND: m(404, "未找到", "Not found"),
  UNIT_NOT_FOUND: m(404, (p) => `未找到单位 ${p.code}`, (p) => `No unit with code ${p.code}`),
  USER_NOT_FOUND: m(404, "未找到该用户", "No such user"),
  USERNAME_TAKEN: m(409, (p) => `用户名 ${p.username} 已被使用`, (p) => `The username ${p.username} is taken`),
  ROLE_SCOPE_MISMATCH: m(
    400,
    (p) => `角色“${roleName(p.role, "zh")}”不能以${levelName(p.level, "zh")}单位为管辖范围`,
    (p) => `The role "${roleName(p.role, "en")}" cannot have a ${levelName(p.level, "en")}-level unit as its scope`,
  ),
  CANNOT_CHANGE_SELF: m(400, "不能停用自己或更改自己的角色", "You cannot disable yourself or change your own role"),
  PAYLOAD_TOO_LARGE: m(413, "请求内容过大", "The request is too large"),
  UNSUPPORTED_MEDIA_TYPE: m(415, "不支持的内容类型", "Unsupported content type"),
  RATE_LIMITED: m(429, "请求过于频繁，请稍后再试", "Too many requests; try again later"),
  INTERNAL: m(500, "服务器内部错误，请稍后重试", "Internal server error; please retry later"),
} satisfies Record<string, Message>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The only error type thrown for a user-facing failure; the error handler turns it into the JSON shape. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
    readonly details?: { path: string; message: string }[],
  ) {
    super(code);
  }
  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export function messageFor(code: ErrorCode, lang: Lang, params: Params = {}): string {
  const entry = ERROR_CATALOG[code];
  return lang === "en" ? entry.en(params) : entry.zh(params);
}
