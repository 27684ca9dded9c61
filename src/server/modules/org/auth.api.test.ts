import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestApp, loginAs, TEST_PASSWORD, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const login = (username: string, password: string, lang = "zh-CN") =>
  ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, headers: { "accept-language": lang } });

describe("logging in", () => {
  it("lets a demo user in with an HTTP-only SameSite cookie and tells him what he may do", async () => {
    const res = await login("raohe_office", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "jianfu_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    const me = res.json();
    expect(me).toMatchObject({ username: "raohe_office", role: "office", scope: { code: "230524", name: "饶河县" } });
    expect(me.can).toContain("units.read");
    expect(me.can).not.toContain("users.manage");
  });

  it("refuses a wrong password in the caller's language", async () => {
    const zh = await login("raohe_town", "wrong-password");
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ error: { code: "INVALID_CREDENTIALS", message: "用户名或密码错误" } });
    const en = await login("raohe_town", "wrong-password", "en-US,en;q=0.9");
    expect(en.json().error.message).toBe("Wrong username or password");
  });

  it("answers an unknown user exactly like a wrong password", async () => {
    const res = await login("nobody_here", "whatever-123");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("INVALID_CREDENTIALS");
  });

  it("locks an account after five wrong passwords, even against the right one", async () => {
    for (let i = 0; i < 4; i++) expect((await login("xiaojiahe_town", `bad-${i}`)).statusCode).toBe(401);
    const fifth = await login("xiaojiahe_town", "bad-5");
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain("15");
    const right = await login("xiaojiahe_town", TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe("ACCOUNT_LOCKED");
  });

  it("rejects malformed and oversized bodies with 400 and no session", async () => {
    const bad = await ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("MALFORMED_JSON");
    const wrongType = await ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: 42, password: ["x"] } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe("VALIDATION_FAILED");
    expect(wrongType.json().error.details.map((d: { path: string }) => d.path)).toEqual(["body.username", "body.password"]);
    const long = await login("x".repeat(65), TEST_PASSWORD);
    expect(long.statusCode).toBe(400);
    expect(long.cookies).toHaveLength(0);
  });
});

describe("sessions", () => {
  it("serves /api/me to a logged-in user and 401 to anyone else", async () => {
    const s = await loginAs(ctx.app, "raohe_village");
    const me = await s.request({ method: "GET", url: "/api/me" });
    expect(me.json()).toMatchObject({ role: "village_cadre", scope: { code: "230524100200", name: "饶河村委会", level: "village" } });
    const anon = await ctx.app.inject({ method: "GET", url: "/api/me" });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("tells a user whose session has expired to log in again", async () => {
    const s = await loginAs(ctx.app, "raohe_mzj");
    await ctx.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where user_id = (select id from users where username = 'raohe_mzj')`);
    const res = await s.request({ method: "GET", url: "/api/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("SESSION_EXPIRED");
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const s = await loginAs(ctx.app, "raohe_tjj");
    const res = await ctx.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_FAILED");
    const forged = await ctx.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie, "x-csrf-token": "forged" } });
    expect(forged.statusCode).toBe(403);
    expect((await s.request({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
  });

  it("ends the session on logout", async () => {
    const s = await loginAs(ctx.app, "raohe_xwb");
    expect((await s.request({ method: "POST", url: "/api/auth/logout" })).statusCode).toBe(200);
    expect((await s.request({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
  });

  it("lets a user change his own password, with the current one", async () => {
    const s = await loginAs(ctx.app, "jiaping_village");
    const wrong = await s.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: "nope", newPassword: "Another-pass-99" } });
    expect(wrong.statusCode).toBe(401);
    const ok = await s.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: TEST_PASSWORD, newPassword: "Another-pass-99" } });
    expect(ok.statusCode).toBe(200);
    expect((await login("jiaping_village", "Another-pass-99")).statusCode).toBe(200);
  });
});
