import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { DEFAULT_DEADLINE_DAYS } from "./deadlines.js";
import { cases } from "./schema.js";
import { submitPublicReport } from "./test-fixtures.js";

let ctx: TestContext;
let office: Session;
let town: Session;
let atushi: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  town = await loginAs(ctx.app, "raohe_town");
  atushi = await loginAs(ctx.app, "atushi_office");
});
afterAll(async () => ctx?.close());

const atushiUnit = "653001100000";
const auditCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`)).rows[0]?.n);
const put = (who: Session, what: "deadlines" | "routing", payload: Record<string, unknown>) => who.request({ method: "PUT", url: `/api/cases/settings/${what}`, payload });

describe("a county office sets how its region handles cases", () => {
  it("starts from the defaults in code", async () => {
    const res = await office.request({ method: "GET", url: "/api/cases/settings" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: "230524", deadlines: DEFAULT_DEADLINE_DAYS });
    expect(res.json().routing).toContainEqual({ category: "statistical_fraud", handlerRole: "commission" });
    expect(res.json().routing).toContainEqual({ category: "fingertip", handlerRole: "office" });
  });

  it("sets working days per state, kept apart from other regions", async () => {
    const res = await put(office, "deadlines", { verifying: 15, rectifying: 40 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deadlines).toMatchObject({ verifying: 15, rectifying: 40, received: 3 });
    expect((await put(office, "deadlines", { received: 2 })).json().deadlines).toMatchObject({ verifying: 15, received: 2 });
    expect((await atushi.request({ method: "GET", url: "/api/cases/settings" })).json().deadlines).toEqual(DEFAULT_DEADLINE_DAYS);
  });

  it("routes a category to the commission; new reports follow the rule", async () => {
    expect((await put(office, "routing", { category: "fingertip", handlerRole: "commission" })).statusCode).toBe(200);
    const text = `规则测试：镇里要求每天在三个APP上打卡并截图 ${Math.random()}`;
    expect((await submitPublicReport(ctx.app, { text })).statusCode).toBe(201);
    const [row] = await ctx.db.select().from(cases).where(eq(cases.text, text));
    expect(row?.handlerRole).toBe("commission");
    // Atushi's reports of the same category are untouched by Raohe's rule.
    const other = `规则测试（阿图什）：每天打卡截图 ${Math.random()}`;
    await submitPublicReport(ctx.app, { text: other, unitCode: "653001100000" });
    expect((await ctx.db.select().from(cases).where(eq(cases.text, other)))[0]?.handlerRole).toBe("office");
  });

  it.each([
    ["a township official", () => put(town, "deadlines", { verifying: 5 }), 403, "FORBIDDEN"],
    ["zero days", () => put(office, "deadlines", { verifying: 0 }), 400, "VALIDATION_FAILED"],
    ["a state that does not exist", () => put(office, "deadlines", { reopened: 5 }), 400, "VALIDATION_FAILED"],
    ["an unknown handler", () => put(office, "routing", { category: "fingertip", handlerRole: "police" }), 400, "VALIDATION_FAILED"],
  ])("refuses %s and writes nothing", async (_name, call, status, code) => {
    const before = await auditCount();
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await auditCount()).toBe(before);
  });

  it("tells the report form whether the user may report and is a 直报点 officer", async () => {
    expect((await town.request({ method: "GET", url: "/api/cases/reporting" })).json()).toEqual({ canReport: true, point: false });
    expect((await office.request({ method: "GET", url: "/api/cases/reporting" })).json()).toEqual({ canReport: false, point: false });
  });
});

describe("QR posters", () => {
  it("prints an A4 PDF for a township of the office's region, pointing at its report page", async () => {
    const res = await office.request({ method: "GET", url: "/api/cases/posters/230524100000" });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.rawPayload.length).toBeGreaterThan(5000);
    // The CJK font is embedded as a subset, not whole (the collection file is ~20 MB).
    expect(res.rawPayload.length).toBeLessThan(2_000_000);
  });

  it.each([
    ["a unit of another region", atushiUnit, () => office, 404, "UNIT_NOT_FOUND"],
    ["a unit that does not exist", "230524100999", () => office, 404, "UNIT_NOT_FOUND"],
    ["a township official", "230524100000", () => town, 403, "FORBIDDEN"],
  ])("refuses %s", async (_name, code, who, status, errorCode) => {
    const res = await who().request({ method: "GET", url: `/api/cases/posters/${code}` });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(errorCode);
  });
});
