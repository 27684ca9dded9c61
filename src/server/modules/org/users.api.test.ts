import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions } from "fastify";
import { buildUser, countRows } from "../../test/factories.js";
import { createTestApp, loginAs, TEST_PASSWORD, uniqueUsername, type Session, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
/** 饶河县系统管理员: an admin whose scope is the county 230524. */
let admin: Session;
let adminId: string;
let atushiTownId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await loginAs(ctx.app, "raohe_admin");
  adminId = (await admin.request({ method: "GET", url: "/api/me" })).json().id;
  const nation = await loginAs(ctx.app, "admin");
  atushiTownId = (await nation.request({ method: "GET", url: "/api/users", query: { q: "atushi_town" } })).json().items[0].id;
});
afterAll(async () => ctx?.close());

const login = (username: string, password: string) =>
  ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

const newAccount = (overrides: Record<string, unknown> = {}) => ({
  username: uniqueUsername("n"),
  displayName: "佳平村 新干部",
  role: "village_cadre",
  scopeCode: "230524101200",
  password: "Initial-pass-2026",
  ...overrides,
});

const patch = (id: string, payload: unknown) => admin.request({ method: "PATCH", url: `/api/users/${id}`, payload: payload as InjectOptions["payload"] });

describe("creating an account", () => {
  it("creates an account that is listed and whose owner must change the password he was given", async () => {
    const body = newAccount();
    const res = await admin.request({ method: "POST", url: "/api/users", payload: body });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: body.username,
      displayName: "佳平村 新干部",
      role: "village_cadre",
      scope: { code: "230524101200", name: "佳平村委会", level: "village" },
      disabled: false,
      locked: false,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).not.toHaveProperty("passwordHash");

    const listed = (await admin.request({ method: "GET", url: "/api/users", query: { q: body.username } })).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0].id).toBe(created.id);

    const first = await login(body.username, body.password);
    expect(first.statusCode).toBe(200);
    expect(first.json().mustChangePassword).toBe(true);
    const owner = await loginAs(ctx.app, body.username, body.password);
    expect((await owner.request({ method: "GET", url: "/api/me" })).json().mustChangePassword).toBe(true);
    const changed = await owner.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: body.password, newPassword: "Own-choice-2026" } });
    expect(changed.statusCode).toBe(200);
    expect((await owner.request({ method: "GET", url: "/api/me" })).json().mustChangePassword).toBe(false);
  });

  it("refuses a username already taken, even by an account outside his scope", async () => {
    const body = newAccount();
    expect((await admin.request({ method: "POST", url: "/api/users", payload: body })).statusCode).toBe(201);
    const again = await admin.request({ method: "POST", url: "/api/users", payload: { ...body, displayName: "另一个人" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: "USERNAME_TAKEN", message: `用户名 ${body.username} 已被使用` });
    const foreign = await admin.request({ method: "POST", url: "/api/users", payload: newAccount({ username: "atushi_office" }) });
    expect(foreign.statusCode).toBe(409);
    const padded = await admin.request({ method: "POST", url: "/api/users", payload: newAccount({ username: "  raohe_office  " }) });
    expect(padded.statusCode).toBe(409);
  });
});

describe("disabling and enabling an account", () => {
  it("shuts a disabled user out, ends his open sessions, and lets him in again once enabled", async () => {
    const target = await buildUser(ctx.db);
    const his = await loginAs(ctx.app, target.username);
    expect((await his.request({ method: "GET", url: "/api/me" })).statusCode).toBe(200);

    const disabled = await patch(target.id, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    expect((await his.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);

    const refused = await login(target.username, TEST_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: "ACCOUNT_DISABLED", message: "该账号已停用，请联系管理员" });
    expect(refused.cookies).toHaveLength(0);
    // Without the password nobody learns that the account is disabled.
    expect((await login(target.username, "Not-his-password-1")).json().error.code).toBe("INVALID_CREDENTIALS");
    const listed = (await admin.request({ method: "GET", url: "/api/users", query: { q: target.username } })).json();
    expect(listed.items[0].disabled).toBe(true);

    const enabled = await patch(target.id, { disabled: false });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().disabled).toBe(false);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("does not let an admin disable himself or change his own role or scope, but lets him rename himself", async () => {
    for (const change of [{ disabled: true }, { role: "office" }, { scopeCode: "230524" }]) {
      const res = await patch(adminId, change);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("CANNOT_CHANGE_SELF");
    }
    const renamed = await patch(adminId, { displayName: "饶河县 管理员（改名）" });
    expect(renamed.statusCode).toBe(200);
    const me = (await admin.request({ method: "GET", url: "/api/me" })).json();
    expect(me).toMatchObject({ role: "admin", displayName: "饶河县 管理员（改名）", scope: { code: "230524" } });
  });

  it("moves an account to another scope inside his county and changes its role with it", async () => {
    const target = await buildUser(ctx.db);
    const moved = await patch(target.id, { role: "township_official", scopeCode: "230524102000" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: "township_official", scope: { code: "230524102000", name: "西丰镇" } });
    const his = await loginAs(ctx.app, target.username);
    expect((await his.request({ method: "GET", url: "/api/me" })).json()).toMatchObject({ role: "township_official", scope: { code: "230524102000" } });
  });
});

describe("resetting a password", () => {
  it("retires the old password, requires the new one to be changed, and ends open sessions", async () => {
    const target = await buildUser(ctx.db);
    const his = await loginAs(ctx.app, target.username);
    const res = await admin.request({ method: "POST", url: `/api/users/${target.id}/reset-password`, payload: { password: "Given-by-admin-7" } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await his.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    const old = await login(target.username, TEST_PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe("INVALID_CREDENTIALS");
    const fresh = await login(target.username, "Given-by-admin-7");
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().mustChangePassword).toBe(true);
  });

  it("unlocks an account locked by wrong passwords", async () => {
    const target = await buildUser(ctx.db);
    for (let i = 0; i < 5; i++) await login(target.username, `wrong-${i}-password`);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(423);
    const listed = (await admin.request({ method: "GET", url: "/api/users", query: { q: target.username } })).json();
    expect(listed.items[0].locked).toBe(true);

    await admin.request({ method: "POST", url: `/api/users/${target.id}/reset-password`, payload: { password: "Unlock-me-2026" } });
    expect((await login(target.username, "Unlock-me-2026")).statusCode).toBe(200);
    const after = (await admin.request({ method: "GET", url: "/api/users", query: { q: target.username } })).json();
    expect(after.items[0].locked).toBe(false);
  });
});

describe("listing accounts", () => {
  const tag = `lst${Date.now().toString(36)}`;
  const made: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) made.push((await buildUser(ctx.db, { username: `${tag}_v${i}` })).id);
    for (let i = 0; i < 2; i++) {
      made.push((await buildUser(ctx.db, { username: `${tag}_t${i}`, role: "township_official", scopeCode: "230524102000", displayName: `西丰镇 ${tag}标记` })).id);
    }
  });
  const list = async (query: Record<string, string>) => {
    const res = await admin.request({ method: "GET", url: "/api/users", query });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string; username: string; role: string; displayName: string }[]; total: number };
  };

  it("filters by a word of the username or display name, and by role", async () => {
    const byWord = await list({ q: tag });
    expect(byWord.total).toBe(5);
    expect(byWord.items.map((u) => u.id).sort()).toEqual([...made].sort());
    const byRole = await list({ q: tag, role: "township_official" });
    expect(byRole.total).toBe(2);
    expect(byRole.items.every((u) => u.role === "township_official")).toBe(true);
    const byName = await list({ q: `${tag}标记` });
    expect(byName.items.map((u) => u.username).sort()).toEqual([`${tag}_t0`, `${tag}_t1`]);
    const villageCadres = await list({ role: "village_cadre", limit: "200" });
    expect(villageCadres.items.map((u) => u.username)).toEqual(expect.arrayContaining(["raohe_village", "jiaping_village", `${tag}_v0`]));
    expect(villageCadres.items.every((u) => u.role === "village_cadre")).toBe(true);
  });

  it("takes % and _ in the word literally", async () => {
    expect((await list({ q: "%" })).total).toBe(0);
    expect((await list({ q: `${tag}%` })).total).toBe(0);
    const underscore = await list({ q: "_", limit: "200" });
    expect(underscore.items.every((u) => u.username.includes("_") || u.displayName.includes("_"))).toBe(true);
  });

  it("pages with limit and offset and always tells the total", async () => {
    const pages = await Promise.all(["0", "2", "4"].map((offset) => list({ q: tag, limit: "2", offset })));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    const ids = pages.flatMap((p) => p.items.map((u) => u.id));
    expect(new Set(ids).size).toBe(5);
    expect((await list({ q: tag, limit: "2", offset: "10" })).items).toEqual([]);
  });

  it("refuses a page size above 200", async () => {
    const res = await admin.request({ method: "GET", url: "/api/users", query: { limit: "201" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });
});

type Bad = { name: string; request: () => InjectOptions; status: number; code: string; zh: string; en: string };
const post = (payload: unknown): InjectOptions => ({ method: "POST", url: "/api/users", payload: payload as InjectOptions["payload"] });
const patchOf = (id: () => string, payload: unknown) => (): InjectOptions => ({ method: "PATCH", url: `/api/users/${id()}`, payload: payload as InjectOptions["payload"] });
const INVALID = { status: 400, code: "VALIDATION_FAILED", zh: "请求内容不符合要求", en: "The request is not valid" };
const NO_USER = { status: 404, code: "USER_NOT_FOUND", zh: "未找到该用户", en: "No such user" };
const someoneElse = () => randomUUID();

const BAD: Bad[] = [
  { name: "create: every field of the wrong type", request: () => post({ username: 42, displayName: true, role: 7, scopeCode: 230524, password: 1234567890 }), ...INVALID },
  { name: "create: display name of 41 characters", request: () => post(newAccount({ displayName: "长".repeat(41) })), ...INVALID },
  { name: "create: blank display name", request: () => post(newAccount({ displayName: "   " })), ...INVALID },
  { name: "create: username with capitals and a space", request: () => post(newAccount({ username: "Bad Name" })), ...INVALID },
  { name: "create: username of two letters", request: () => post(newAccount({ username: "ab" })), ...INVALID },
  { name: "create: password without digits", request: () => post(newAccount({ password: "only-letters-here" })), ...INVALID },
  { name: "create: password without letters", request: () => post(newAccount({ password: "1234567890123" })), ...INVALID },
  { name: "create: password of 9 characters", request: () => post(newAccount({ password: "Abcdef123" })), ...INVALID },
  { name: "create: unknown role", request: () => post(newAccount({ role: "boss" })), ...INVALID },
  { name: "create: malformed scope code abc", request: () => post(newAccount({ scopeCode: "abc" })), ...INVALID },
  { name: "create: malformed scope code 12345", request: () => post(newAccount({ scopeCode: "12345" })), ...INVALID },
  { name: "create: missing fields", request: () => post({}), ...INVALID },
  {
    name: "create: unknown scope code",
    request: () => post(newAccount({ scopeCode: "230524100999" })),
    status: 404,
    code: "UNIT_NOT_FOUND",
    zh: "未找到单位 230524100999",
    en: "No unit with code 230524100999",
  },
  {
    name: "create: scope outside his county",
    request: () => post(newAccount({ role: "township_official", scopeCode: "653001100000" })),
    status: 403,
    code: "OUT_OF_SCOPE",
    zh: "单位 653001100000 不在您的管辖范围内",
    en: "Unit 653001100000 is outside your scope",
  },
  {
    name: "create: a role that does not fit the scope's level",
    request: () => post(newAccount({ role: "village_cadre", scopeCode: "230524100000" })),
    status: 400,
    code: "ROLE_SCOPE_MISMATCH",
    zh: "角色“村(社区)干部”不能以乡级单位为管辖范围",
    en: 'The role "village cadre" cannot have a township-level unit as its scope',
  },
  {
    name: "create: a username already taken",
    request: () => post(newAccount({ username: "raohe_office" })),
    status: 409,
    code: "USERNAME_TAKEN",
    zh: "用户名 raohe_office 已被使用",
    en: "The username raohe_office is taken",
  },
  {
    name: "create: malformed JSON",
    request: () => ({ method: "POST", url: "/api/users", payload: '{"username": "x",', headers: { "content-type": "application/json" } }),
    status: 400,
    code: "MALFORMED_JSON",
    zh: "请求体不是合法的 JSON",
    en: "The request body is not valid JSON",
  },
  {
    name: "create: no CSRF token",
    request: () => ({ ...post(newAccount()), headers: { "x-csrf-token": "" } }),
    status: 403,
    code: "CSRF_FAILED",
    zh: "请求缺少有效的防伪令牌（CSRF），请刷新页面后重试",
    en: "Missing or wrong CSRF token; reload the page and retry",
  },
  { name: "update: empty body", request: patchOf(() => atushiTownId, {}), ...INVALID },
  { name: "update: only unknown fields", request: patchOf(() => adminId, { password: "Sneaky-pass-2026" }), ...INVALID },
  { name: "update: display name of 41 characters", request: patchOf(() => adminId, { displayName: "长".repeat(41) }), ...INVALID },
  { name: "update: disabled as a string", request: patchOf(() => adminId, { disabled: "yes" }), ...INVALID },
  { name: "update: malformed scope code", request: patchOf(() => adminId, { scopeCode: "23052" }), ...INVALID },
  { name: "update: id that is not a uuid", request: patchOf(() => "12345", { displayName: "某人" }), ...INVALID },
  { name: "update: unknown user id", request: patchOf(someoneElse, { displayName: "某人" }), ...NO_USER },
  { name: "update: a user outside his county", request: patchOf(() => atushiTownId, { displayName: "某人" }), ...NO_USER },
  {
    name: "update: disabling himself",
    request: patchOf(() => adminId, { disabled: true }),
    status: 400,
    code: "CANNOT_CHANGE_SELF",
    zh: "不能停用自己或更改自己的角色",
    en: "You cannot disable yourself or change your own role",
  },
  { name: "reset: unknown user id", request: () => ({ method: "POST", url: `/api/users/${randomUUID()}/reset-password`, payload: { password: "Valid-pass-2026" } }), ...NO_USER },
  { name: "reset: id that is not a uuid", request: () => ({ method: "POST", url: "/api/users/not-a-uuid/reset-password", payload: { password: "Valid-pass-2026" } }), ...INVALID },
  { name: "reset: weak password", request: () => ({ method: "POST", url: `/api/users/${atushiTownId}/reset-password`, payload: { password: "weak" } }), ...INVALID },
  {
    name: "reset: a user outside his county",
    request: () => ({ method: "POST", url: `/api/users/${atushiTownId}/reset-password`, payload: { password: "Valid-pass-2026" } }),
    ...NO_USER,
  },
];

describe("a bad request writes nothing and is answered in the caller's language", () => {
  it.each(BAD)("$name → $status $code", async (bad) => {
    const before = { users: await countRows(ctx.db, "users"), audit: await countRows(ctx.db, "audit_log") };
    for (const [lang, message] of [
      [undefined, bad.zh],
      ["zh-CN,zh;q=0.9", bad.zh],
      ["en-US,en;q=0.9", bad.en],
    ] as const) {
      const options = bad.request();
      const res = await admin.request({ ...options, headers: { ...options.headers, ...(lang ? { "accept-language": lang } : {}) } });
      expect(res.statusCode, res.body).toBe(bad.status);
      expect(res.json().error).toMatchObject({ code: bad.code, message });
    }
    expect(await countRows(ctx.db, "users")).toBe(before.users);
    expect(await countRows(ctx.db, "audit_log")).toBe(before.audit);
  });

  it("names each wrong field in the details, in the caller's language", async () => {
    const body = { username: 42, displayName: "长".repeat(41), role: "village_cadre", scopeCode: "230524101200", password: "Initial-pass-2026" };
    const zh = (await admin.request(post(body))).json().error.details as { path: string; message: string }[];
    const en = (await admin.request({ ...post(body), headers: { "accept-language": "en" } })).json().error.details as { path: string; message: string }[];
    expect(zh.map((d) => d.path)).toEqual(["body.username", "body.displayName"]);
    expect(en.map((d) => d.path)).toEqual(["body.username", "body.displayName"]);
    expect(zh[0]!.message).toBe("缺失或类型错误：应为文本");
    expect(en[0]!.message).toBe("wrong type or missing: expected string");
    expect(zh[1]!.message).toMatch(/40/);
    expect(zh[1]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en[1]!.message).toMatch(/40/);
    expect(en[1]!.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
