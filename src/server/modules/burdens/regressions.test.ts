// Behaviour found broken once and fixed; each block keeps it fixed.
import { addDays } from "../../kernel/dates.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe("gate settings", () => {
  it("a partial documentMaxChars patch keeps the other cap", async () => {
    const office = await loginAs(ctx.app, "raohe_office");
    const res = await office.request({ method: "PUT", url: "/api/gate/settings/230524", payload: { documentMaxChars: { general: 3000 } } });
    expect(res.statusCode, res.body).toBe(200);
    const view = await office.request({ method: "GET", url: "/api/gate/settings/230524" });
    expect(view.json().effective.documentMaxChars).toEqual({ general: 3000, specific: 4000 });
  });

  it("hides Raohe's gate settings from Atushi as it hides the region itself", async () => {
    const atushi = await loginAs(ctx.app, "atushi_office");
    expect((await atushi.request({ method: "GET", url: "/api/units/230524" })).statusCode).toBe(404);
    expect((await atushi.request({ method: "GET", url: "/api/gate/settings/230524" })).statusCode).toBe(404);
  });
});

describe("drafts", () => {
  it("hides a department's draft from another department on every endpoint, not only GET", async () => {
    const nyncj = await loginAs(ctx.app, "raohe_nyncj");
    const today = chinaToday();
    const body = { kind: "task", issuer: "230524D01", targets: ["230524100200"], title: "草稿：农业技术推广培训名单", text: "", issuedOn: today, deadline: addDays(today, 30), frequency: "once", minutesPerTarget: 20 };
    const draft = (await nyncj.request({ method: "POST", url: "/api/burdens", payload: body })).json();
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    for (const req of [
      { method: "GET" as const, url: `/api/burdens/${draft.id}` },
      { method: "PUT" as const, url: `/api/burdens/${draft.id}`, payload: body },
      { method: "POST" as const, url: `/api/burdens/${draft.id}/submit` },
      { method: "POST" as const, url: `/api/burdens/${draft.id}/withdraw`, payload: { reason: "越权撤回" } },
    ]) {
      const res = await tjj.request(req);
      expect(res.statusCode, `${req.method} ${req.url}: ${res.body}`).toBe(404);
    }
    const jiwei = await loginAs(ctx.app, "raohe_jiwei");
    const decide = await jiwei.request({ method: "POST", url: `/api/burdens/${draft.id}/decide`, payload: { decision: "admit", reason: "越权审核" } });
    expect(decide.statusCode, decide.body).toBe(404);
  });
});
