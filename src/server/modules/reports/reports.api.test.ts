import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { solveChallenge } from "../cases/guard.js";
import { submitPublicReport } from "../cases/test-fixtures.js";
import { mondayOf } from "../monitoring/weeks.js";

/** The monthly report 月度减负报告: its figures agree with the modules they come from; .docx and PDF carry a chart. */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const month = addDays(mondayOf(today), 3).slice(0, 7);

beforeAll(async () => {
  ctx = await createTestApp();
  const dept = await as("raohe_nyncj");
  const created = await dept.request({
    method: "POST",
    url: "/api/burdens",
    payload: { kind: "form", issuer: "230524D01", targets: ["230524100200"], title: "月报测试：春耕进度周报", text: "请每周报送春耕进度，月报测试用。", issuedOn: today, deadline: addDays(today, 60), frequency: "weekly", minutesPerTarget: 120 },
  });
  const id = created.json().id as string;
  const submitted = await dept.request({ method: "POST", url: `/api/burdens/${id}/submit` });
  if (submitted.json().status === "in_review") await (await as("raohe_office")).request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "测试：准入" } });
  await (await as("raohe_office")).request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100200" } });
  const answered = await (await as("raohe_village")).request({
    method: "POST",
    url: "/api/monitoring/answers",
    payload: { week: mondayOf(today), idempotencyKey: "report-test-1", items: [{ burdenId: id, hours: 4 }], unregistered: [{ text: "临时报送照片", hours: 1 }] },
  });
  expect(answered.statusCode, answered.body).toBe(201);
  const { challenge } = (await ctx.app.inject({ method: "GET", url: "/api/public/satisfaction/challenge" })).json();
  await ctx.app.inject({ method: "POST", url: "/api/public/satisfaction/230524100200", payload: { q1: 4, q2: 5, q3: 3, q4: 4, challenge, nonce: solveChallenge(challenge) } });
  expect((await submitPublicReport(ctx.app)).statusCode).toBe(201);
});
afterAll(async () => ctx?.close());

describe("monthly report", () => {
  it("gathers the month's figures of the index, monitoring, satisfaction and cases", async () => {
    const res = await (await as("raohe_office")).request({ method: "GET", url: "/api/reports/monthly", query: { month } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.unit.code).toBe("230524");
    expect(r.trend).toHaveLength(12);
    expect(r.trend.at(-1).month).toBe(month);
    expect(r.monitoring).toMatchObject({ points: 1, answers: 1, actualHours: 4, expectedHours: 2, unregistered: 1, unregisteredHours: 1 });
    if (today.slice(0, 7) === month) expect(r.satisfaction).toMatchObject({ responses: 1, q2: 5, overall: 4 });
    const index = (await (await as("raohe_office")).request({ method: "GET", url: "/api/index", query: { from: month, to: month } })).json();
    expect(r.burden.hours).toBe(index.months[0].hours);
    expect(r.burden.burdens).toBe(index.months[0].burdens);
    expect(r.issuers[0]).toMatchObject({ code: "230524D01" });
    // The demo public report is about a township and is routed to the county's commission, not its office.
    const jiwei = (await (await as("raohe_jiwei")).request({ method: "GET", url: "/api/reports/monthly", query: { month: today.slice(0, 7) } })).json();
    const office = (await (await as("raohe_office")).request({ method: "GET", url: "/api/reports/monthly", query: { month: today.slice(0, 7) } })).json();
    expect(jiwei.cases.received + office.cases.received).toBeGreaterThanOrEqual(1);
    const admin = (await (await as("raohe_admin")).request({ method: "GET", url: "/api/reports/monthly", query: { month } })).json();
    expect(admin.cases).toBeNull();
  });

  it("as .docx and PDF, each with a chart image", async () => {
    const office = await as("raohe_office");
    const docx = await office.request({ method: "GET", url: "/api/reports/monthly.docx", query: { month } });
    expect(docx.statusCode, docx.body.slice(0, 200)).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.headers["content-disposition"]).toContain("filename*=UTF-8''");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(docx.rawPayload.includes(Buffer.from("word/media/"))).toBe(true);
    const pdf = await office.request({ method: "GET", url: "/api/reports/monthly.pdf", query: { month } });
    if (pdf.statusCode === 503) return; // no CJK font on this machine
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.rawPayload.includes(Buffer.from("/Subtype /Image"))).toBe(true);
  });

  it("refuses bad input in the user's language", async () => {
    const office = await as("raohe_office");
    const bad: [Record<string, string>, number, string][] = [
      [{ month: "2026-13" }, 400, "VALIDATION_FAILED"],
      [{ month: "" }, 400, "VALIDATION_FAILED"],
      [{ month, unit: "653001" }, 404, "INDEX_UNIT_NOT_FOUND"],
      [{ month, unit: "12x" }, 400, "VALIDATION_FAILED"],
      [{ month, baseline: "1800" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [query, status, code] of bad) {
      const res = await office.request({ method: "GET", url: "/api/reports/monthly.pdf", query, headers: { "accept-language": "en" } });
      expect([res.statusCode, res.json().error.code], JSON.stringify(query)).toEqual([status, code]);
    }
    const village = await (await as("raohe_village")).request({ method: "GET", url: "/api/reports/monthly", query: { month } });
    expect([village.statusCode, village.json().error.code]).toEqual([403, "FORBIDDEN"]);
  });
});
