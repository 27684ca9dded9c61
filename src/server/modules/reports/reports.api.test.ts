import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { solveChallenge } from "../cases/guard.js";
import { submitPublicReport } from "../cases/test-fixtures.js";
import { mondayOf } from "../monitoring/weeks.js";

/** One entry of a .docx (a zip), found through the central directory; stored or deflated. */
function zipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extra, comment, offset] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} not in the zip`);
}

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

  it("in English by the lang parameter or Accept-Language, .docx and PDF alike", async () => {
    const office = await as("raohe_office");
    const documentXml = async (payload: Buffer) => zipEntry(payload, "word/document.xml");
    const text = (xml: Buffer) => xml.toString("utf8").replace(/<[^>]+>/g, "");
    const byParam = await office.request({ method: "GET", url: "/api/reports/monthly.docx", query: { month, lang: "en" } });
    expect([byParam.statusCode, byParam.headers["content-language"]]).toEqual([200, "en"]);
    expect(byParam.headers["content-disposition"]).toContain(`monthly-report-230524-${month}-en.docx`);
    const english = text(await documentXml(byParam.rawPayload));
    expect(english).toContain("Monthly Report on Reducing the Burden on the Grassroots");
    expect(english).toContain("5. Monitoring points");
    expect(english).toMatch(/answered 1 village-week this month: the admitted burdens answered were estimated at 2 hours and took 4 hours/);
    expect(english).not.toContain("本月");
    const byHeader = await office.request({ method: "GET", url: "/api/reports/monthly.docx", query: { month }, headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(text(await documentXml(byHeader.rawPayload))).toContain("1. The load on the grassroots");
    // The parameter wins over the header; Chinese stays the default.
    const chinese = await office.request({ method: "GET", url: "/api/reports/monthly.docx", query: { month, lang: "zh-CN" }, headers: { "accept-language": "en" } });
    expect(text(await documentXml(chinese.rawPayload))).toContain("一、基层负担总量");
    const bad = await office.request({ method: "GET", url: "/api/reports/monthly.docx", query: { month, lang: "fr" } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const pdf = await office.request({ method: "GET", url: "/api/reports/monthly.pdf", query: { month, lang: "en" } });
    if (pdf.statusCode === 503) return; // no CJK font on this machine
    expect([pdf.statusCode, pdf.headers["content-language"]]).toEqual([200, "en"]);
    expect(pdf.rawPayload.includes(Buffer.from("/Lang (en)"))).toBe(true);
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
