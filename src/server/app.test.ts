import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "./test/harness.js";

let ctx: TestContext;
let user: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  user = await loginAs(ctx.app, "raohe_office");
});
afterAll(async () => ctx?.close());

const MIB = 1024 * 1024;

describe("the application", () => {
  it("reports its health and the database it runs on, without login", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, db: process.env.DATABASE_URL ? "postgres" : "pglite" });
    expect(ctx.database.kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("describes its API as an OpenAPI 3 document", async () => {
    const res = await user.request({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain("减负通");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/auth/login", "/api/units/{code}", "/api/units/{code}/children", "/api/users", "/api/users/{id}", "/api/audit"]));
    expect(doc.paths["/api/users"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["username", "displayName", "role", "scopeCode", "password"]),
    );
  });

  it("answers an unknown API route with the JSON error shape in the caller's language", async () => {
    const zh = await user.request({ method: "GET", url: "/api/no-such-thing" });
    expect(zh.statusCode).toBe(404);
    expect(zh.headers["content-type"]).toMatch(/^application\/json/);
    expect(zh.json()).toEqual({ error: { code: "NOT_FOUND", message: "未找到" } });
    const en = await user.request({ method: "POST", url: "/api/users/x/y/z", headers: { "accept-language": "en" }, payload: {} });
    expect(en.statusCode).toBe(404);
    expect(en.json()).toEqual({ error: { code: "NOT_FOUND", message: "Not found" } });
    // Without a session even the shape of the API stays closed.
    expect((await ctx.app.inject({ method: "GET", url: "/api/no-such-thing" })).statusCode).toBe(401);
  });

  it("tags every response with a request id, keeping the caller's", async () => {
    const own = await ctx.app.inject({ method: "GET", url: "/api/health", headers: { "x-request-id": "req-abc-123" } });
    expect(own.headers["x-request-id"]).toBe("req-abc-123");
    const made = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(made.headers["x-request-id"]).toBeTruthy();
  });
});

describe("the public unit lookup", () => {
  // Each test speaks from its own address, so their rate-limit buckets stay apart.
  it("names a unit without login, and nothing more", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/public/units/230524", remoteAddress: "198.51.100.1" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: "230524", name: "饶河县", level: "county" });
    const village = await ctx.app.inject({ method: "GET", url: "/api/public/units/230524100200", remoteAddress: "198.51.100.1" });
    expect(village.json()).toEqual({ code: "230524100200", name: "饶河村委会", level: "village" });
  });

  it("does not name departments, and says so like for an unknown code", async () => {
    for (const code of ["230524D06", "230524100999"]) {
      const res = await ctx.app.inject({ method: "GET", url: `/api/public/units/${code}`, remoteAddress: "198.51.100.2" });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({ code: "UNIT_NOT_FOUND", message: `未找到单位 ${code}` });
    }
    expect((await ctx.app.inject({ method: "GET", url: "/api/public/units/abc", remoteAddress: "198.51.100.2" })).statusCode).toBe(400);
  });

  it("serves 60 requests a minute per client; the 61st is 429 RATE_LIMITED", async () => {
    const ask = (ip: string, lang?: string) =>
      ctx.app.inject({ method: "GET", url: "/api/public/units/230524", remoteAddress: ip, headers: lang ? { "accept-language": lang } : {} });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await ask("203.0.113.7")).statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await ask("203.0.113.7");
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual({ error: { code: "RATE_LIMITED", message: "请求过于频繁，请稍后再试" } });
    expect((await ask("203.0.113.7", "en")).json().error.message).toBe("Too many requests; try again later");
    expect((await ask("203.0.113.8")).statusCode).toBe(200);
  });
});

describe("request bodies", () => {
  it("refuses a body over 1 MiB with 413, logged in or not", async () => {
    const big = JSON.stringify({ username: "raohe_office", password: "x".repeat(MIB) });
    const anon = await ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: big, headers: { "content-type": "application/json" } });
    expect(anon.statusCode).toBe(413);
    expect(anon.json()).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "请求内容过大" } });
    const admin = await loginAs(ctx.app, "raohe_admin");
    const bigUser = JSON.stringify({ username: "big", displayName: "x".repeat(MIB), role: "office", scopeCode: "230524", password: "Abcdefgh123" });
    const res = await admin.request({ method: "POST", url: "/api/users", payload: bigUser, headers: { "content-type": "application/json", "accept-language": "en" } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request is too large" });
  });

  it("accepts a body just under the limit as far as parsing goes", async () => {
    const body = JSON.stringify({ username: "raohe_office", password: "x".repeat(MIB - 100) });
    const res = await ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: body, headers: { "content-type": "application/json" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("refuses a content type the API does not speak with 415", async () => {
    for (const type of ["application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await user.request({ method: "POST", url: "/api/me/password", payload: "a=b", headers: { "content-type": type } });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message: "不支持的内容类型" });
    }
  });
});
