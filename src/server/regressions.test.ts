// Behaviour found broken once and fixed; each block keeps it fixed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickLang } from "./http/i18n.js";
import { buildUser } from "./test/factories.js";
import { createTestApp, loginAs, TEST_PASSWORD, type TestContext } from "./test/harness.js";

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestApp(); });
afterAll(async () => ctx?.close());

describe("children above a user's region: only the chain to it is listed or counted", () => {
  it("counts only the children a township official may see (limit=1)", async () => {
    const town = await loginAs(ctx.app, "raohe_town");
    const first = (await town.request({ method: "GET", url: "/api/units/230524/children", query: { limit: "1" } })).json();
    expect(first).toMatchObject({ items: [{ code: "230524100000" }], total: 1 });
  });
  it("pages a village cadre to his village among his township's children (limit=1)", async () => {
    const village = await loginAs(ctx.app, "raohe_village");
    const page = (await village.request({ method: "GET", url: "/api/units/230524100000/children", query: { limit: "1" } })).json();
    expect(page).toMatchObject({ items: [{ code: "230524100200" }], total: 1 });
  });
  it("gives a township official the child count of his county that he can see", async () => {
    const town = await loginAs(ctx.app, "raohe_town");
    expect((await town.request({ method: "GET", url: "/api/units/230524" })).json().childCount).toBe(1);
  });
});

describe("concurrent creation of one username", () => {
  it("answers 409, never 500, when the same username is created twice at once", async () => {
    const admin = await loginAs(ctx.app, "raohe_admin");
    for (let round = 0; round < 5; round++) {
      const payload = { username: `race${round}${Date.now().toString(36)}`, displayName: "并发", role: "village_cadre", scopeCode: "230524101200", password: "Race-pass-2026" };
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => admin.request({ method: "POST", url: "/api/users", payload })))).map((r) => r.statusCode);
      expect(statuses.sort()).toEqual([201, 409, 409, 409, 409, 409]);
    }
  });
});

describe("content types", () => {
  it("refuses text/plain on a JSON route with 415", async () => {
    const user = await loginAs(ctx.app, "raohe_office");
    const res = await user.request({ method: "POST", url: "/api/me/password", payload: "hello", headers: { "content-type": "text/plain" } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("validation details in the caller's language", () => {
  const english = async (request: Parameters<Awaited<ReturnType<typeof loginAs>>["request"]>[0]) => {
    const admin = await loginAs(ctx.app, "raohe_admin");
    return (await admin.request({ ...request, headers: { "accept-language": "en" } })).json().error.details as { path: string; message: string }[];
  };
  it("says 'letters and digits' in English only, to an English caller", async () => {
    const [d] = await english({ method: "POST", url: "/api/users", payload: { username: "abcd", displayName: "x", role: "village_cadre", scopeCode: "230524101200", password: "only-letters-here" } });
    expect(d!.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it("shows the schema's own username rule, not a raw regular expression", async () => {
    const [d] = await english({ method: "POST", url: "/api/users", payload: { username: "Bad Name", displayName: "x", role: "village_cadre", scopeCode: "230524101200", password: "Abcdefgh1234" } });
    expect(d!.message).not.toContain("^[a-z]");
  });
  it("names the body itself as 'body', not 'body.'", async () => {
    const [d] = await english({ method: "PATCH", url: `/api/users/${crypto.randomUUID()}`, payload: {} });
    expect(d!.path).toBe("body");
    expect(d!.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("Accept-Language weights", () => {
  it("treats q=0 as 'not acceptable'", () => {
    expect(pickLang("en;q=0")).toBe("zh-CN");
    expect(pickLang("zh;q=0, en")).toBe("en");
  });
});

describe("changing one's own password", () => {
  it("holds a user's own new password to the same rule as one an admin sets", async () => {
    const u = await buildUser(ctx.db);
    const s = await loginAs(ctx.app, u.username);
    const res = await s.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: TEST_PASSWORD, newPassword: "aaaaaaaaaa" } });
    expect(res.statusCode).toBe(400);
  });
  it("does not clear 'must change password' when the new password is the old one", async () => {
    const u = await buildUser(ctx.db, { mustChangePassword: true });
    const s = await loginAs(ctx.app, u.username);
    const res = await s.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } });
    expect(res.statusCode).toBe(400);
    expect((await s.request({ method: "GET", url: "/api/me" })).json().mustChangePassword).toBe(true);
  });
});

describe("a password set by someone else", () => {
  it("must be changed before any other change of state", async () => {
    const u = await buildUser(ctx.db, { mustChangePassword: true });
    const s = await loginAs(ctx.app, u.username);
    const refused = await s.request({ method: "PATCH", url: `/api/users/${crypto.randomUUID()}`, payload: { displayName: "x" } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await s.request({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
    const changed = await s.request({ method: "POST", url: "/api/me/password", payload: { currentPassword: TEST_PASSWORD, newPassword: "My-own-pass-2026" } });
    expect(changed.statusCode).toBe(200);
    expect((await s.request({ method: "GET", url: "/api/me" })).json().mustChangePassword).toBe(false);
  });
});

describe("API documentation", () => {
  it("is readable without logging in", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain("/api/units/{code}");
  });
});
