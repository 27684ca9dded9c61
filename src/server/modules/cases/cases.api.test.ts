import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { buildUser } from "../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { auditLog } from "../audit/schema.js";
import { formatAdmissionNumber } from "../burdens/admission-number.js";
import { seedDemoBurdens } from "../burdens/demo.js";
import { loadWorkingCalendar } from "../calendar/calendar.js";
import { addWorkingDays } from "./deadlines.js";
import { seedDemoCases } from "./demo.js";
import { escalateOverdue } from "./handling.js";
import { caseDeadlineSettings, cases, caseEvents } from "./schema.js";
import { freshAddress, REPORT, submitPublicReport } from "./test-fixtures.js";

let ctx: TestContext;
let office: Session;
let jiwei: Session;
let village: Session;
let town: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  jiwei = await loginAs(ctx.app, "raohe_jiwei");
  village = await loginAs(ctx.app, "raohe_village");
  town = await loginAs(ctx.app, "raohe_town");
});
afterAll(async () => ctx?.close());

const rowCount = async (table: "cases" | "case_events" | "audit_log") =>
  Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]?.n);

const follow = (receipt: string, lang = "zh-CN") =>
  ctx.app.inject({ method: "GET", url: `/api/public/reports/${encodeURIComponent(receipt)}`, remoteAddress: freshAddress(), headers: { "accept-language": lang } });

/** The id of the one case holding a text (tests write unique texts). */
const caseIdOf = async (text: string) => {
  const [row] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text));
  if (!row) throw new Error(`no case with text ${text}`);
  return row.id;
};

const uniqueText = (label: string) => `${REPORT.text}（${label} ${Math.random().toString(36).slice(2)}）`;

describe("public intake with a receipt code", () => {
  it("takes a report, answers a 16-digit receipt, and keeps only the day", async () => {
    const text = uniqueText("public");
    const res = await submitPublicReport(ctx.app, { text });
    expect(res.statusCode, res.body).toBe(201);
    const { receipt, receivedOn } = res.json<{ receipt: string; receivedOn: string }>();
    expect(receipt).toMatch(/^\d{16}$/);
    expect(receivedOn).toBe(chinaToday());
    const id = await caseIdOf(text);
    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ channel: "public", anonymous: true, identityCipher: null, handlerRegionPath: "100000.230000.230500.230524", handlerRole: "office" });
    expect(JSON.stringify(row)).not.toContain(receipt);
    const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events.map((e) => [e.kind, e.at])).toEqual([["received", null]]);
    // The audit log records the intake against the handling region, not the case: it cannot date the report.
    expect(await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id))).toEqual([]);
  });

  it("lets the receipt holder follow the case and talk with the handler, who writes notes he never sees", async () => {
    const text = uniqueText("follow");
    const { receipt } = (await submitPublicReport(ctx.app, { text })).json<{ receipt: string }>();
    const id = await caseIdOf(text);
    const spaced = receipt.replace(/(\d{4})(?=\d)/g, "$1 ");
    expect((await follow(spaced)).json()).toMatchObject({ status: "received", category: "fingertip", unit: { code: "230524100000", name: "饶河镇" } });

    const say = await ctx.app.inject({ method: "POST", url: `/api/public/reports/${receipt}/messages`, remoteAddress: freshAddress(), payload: { text: "补充：打卡截图要求每天晚上九点前发到群里。" } });
    expect(say.statusCode, say.body).toBe(201);
    expect((await office.request({ method: "POST", url: `/api/cases/${id}/notes`, payload: { text: "内部：先向镇党委核实工作群记录。" } })).statusCode).toBe(201);
    expect((await office.request({ method: "POST", url: `/api/cases/${id}/messages`, payload: { text: "已收到，正在核实，请保留截图。" } })).statusCode).toBe(201);
    expect((await office.request({ method: "POST", url: `/api/cases/${id}/transition`, payload: { to: "verifying", reason: "启动核实程序" } })).statusCode).toBe(200);

    const view = (await follow(receipt)).json<{ status: string; events: { kind: string; from: string | null; text: string | null }[] }>();
    expect(view.status).toBe("verifying");
    expect(view.events.map((e) => [e.kind, e.from, e.text])).toEqual([
      ["received", null, null],
      ["message", "reporter", "补充：打卡截图要求每天晚上九点前发到群里。"],
      ["message", "handler", "已收到，正在核实，请保留截图。"],
      ["status", null, null],
    ]);
    expect(JSON.stringify(view)).not.toContain("内部");
    expect(JSON.stringify(view)).not.toContain("王主任");

    const detail = (await office.request({ method: "GET", url: `/api/cases/${id}` })).json<{ events: { kind: string; visibleToReporter: boolean }[] }>();
    expect(detail.events.map((e) => [e.kind, e.visibleToReporter])).toEqual([
      ["received", true],
      ["message", true],
      ["note", false],
      ["message", true],
      ["status", true],
    ]);
  });

  it("answers a wrong receipt the same whether or not a case is behind it, in the reader's language", async () => {
    const a = await follow("0000000000000000");
    const b = await follow("1234 5678 9012 3456", "en");
    expect(a.statusCode).toBe(404);
    expect(a.json()).toEqual({ error: { code: "RECEIPT_NOT_FOUND", message: "回执码不正确" } });
    expect(b.json()).toEqual({ error: { code: "RECEIPT_NOT_FOUND", message: "Wrong receipt code" } });
    const malformed = await follow("12345", "en");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toEqual({ code: "RECEIPT_INVALID", message: "A receipt code is 16 digits" });
    const write = await ctx.app.inject({ method: "POST", url: "/api/public/reports/0000000000000000/messages", remoteAddress: freshAddress(), payload: { text: "这条留言不应该被保存下来。" } });
    expect(write.statusCode).toBe(404);
  });

  it("ties a report to a burden by its admission number, as the person typed it", async () => {
    await seedDemoBurdens(ctx.db);
    const found = await ctx.db.execute<{ n: string }>(sql`select admission_number as n from burdens where status = 'admitted' limit 1`);
    const number = found.rows[0]!.n;
    const text = uniqueText("admission");
    const res = await submitPublicReport(ctx.app, { text, admissionNumber: ` ${number.toLowerCase().replace(/-/g, "－")} `, noAdmission: false });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await ctx.db.select().from(cases).where(eq(cases.text, text));
    expect(row).toMatchObject({ admissionNumber: number, noAdmission: false });
  });

  it("finds the unit to report by name without a login", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/public/reports/units", query: { q: "饶河镇" }, remoteAddress: freshAddress() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual({ code: "230524100000", name: "饶河镇", level: "township", parentName: "饶河县" });
  });

  it("stores a script in the text as text", async () => {
    const text = `<script>alert("x")</script> 要求每村每周上报三张表格，${Math.random()}`;
    const { receipt } = (await submitPublicReport(ctx.app, { text })).json<{ receipt: string }>();
    expect((await follow(receipt)).statusCode).toBe(200);
    expect((await ctx.db.select().from(cases).where(eq(cases.text, text))).length).toBe(1);
  });
});

describe("bad input writes nothing and says why", () => {
  const unknownAdmission = formatAdmissionNumber("230524", 2026, 999999);
  it.each([
    ["a category that does not exist", { category: "corruption" }, 400, "VALIDATION_FAILED"],
    ["a text over 5,000 characters", { text: "报".repeat(5001) }, 400, "VALIDATION_FAILED"],
    ["a text under 10 characters", { text: "太多会" }, 400, "VALIDATION_FAILED"],
    ["an unknown field", { ip: "1.2.3.4" }, 400, "VALIDATION_FAILED"],
    ["a wrong proof of work", { nonce: "x" }, 400, "PROOF_OF_WORK_FAILED"],
    ["a forged challenge", { challenge: "9999999999999.abc.def" }, 400, "PROOF_OF_WORK_FAILED"],
    ["an admission number and 'had none' at once", { admissionNumber: unknownAdmission, noAdmission: true }, 400, "CASE_ADMISSION_CONFLICT"],
    ["a malformed admission number", { admissionNumber: "230524-2026-000001-Y", noAdmission: false }, 400, "ADMISSION_NUMBER_INVALID"],
    ["an admission number nobody was given", { admissionNumber: unknownAdmission, noAdmission: false }, 404, "ADMISSION_NUMBER_UNKNOWN"],
    ["a unit that does not exist", { unitCode: "230524100999" }, 404, "UNIT_NOT_FOUND"],
    ["the nation as the reported unit", { unitCode: "100000" }, 400, "CASE_UNIT_NOT_REPORTABLE"],
  ])("refuses %s", async (_name, body, status, code) => {
    const before = await Promise.all([rowCount("cases"), rowCount("case_events"), rowCount("audit_log")]);
    const res = await submitPublicReport(ctx.app, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await Promise.all([rowCount("cases"), rowCount("case_events"), rowCount("audit_log")])).toEqual(before);
  });

  it("answers in English when asked", async () => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/public/reports", remoteAddress: freshAddress(), headers: { "accept-language": "en" }, payload: { ...REPORT, challenge: "1.a.b", nonce: "1" } });
    expect(res.json().error).toMatchObject({ code: "PROOF_OF_WORK_FAILED", message: "The page check expired or failed; reload the page and submit again" });
  });

  it("limits a flood from one client without keeping its address", async () => {
    const address = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await submitPublicReport(ctx.app, { text: "太短" }, address)).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(answers[10]).toBe(429);
    const rows = await ctx.db.execute(sql`select * from cases`);
    expect(JSON.stringify(rows.rows)).not.toContain(address);
  });
});

describe("demo cases", () => {
  it("are seeded once, each routed above the unit it is about", async () => {
    expect(await seedDemoCases(ctx.db)).toBe(0);
    const listed = (await office.request({ method: "GET", url: "/api/cases", query: { limit: "200" } })).json<{ items: { unit: { code: string } }[] }>();
    expect(listed.items.map((c) => c.unit.code)).toEqual(expect.arrayContaining(["230524100000", "230524101000"]));
    // The case about the county itself went to the city; the county's office does not see it.
    expect(listed.items.map((c) => c.unit.code)).not.toContain("230524");
    // Each demo case was handled to a published notice: the county office's and the city commission's.
    const notices = await ctx.app.inject({ method: "GET", url: "/api/public/notices", remoteAddress: freshAddress() });
    expect(notices.json().items.map((n: { issuer: string }) => n.issuer)).toEqual(expect.arrayContaining(["饶河县整治形式主义为基层减负专项工作机制办公室", "双鸭山市纪委监委"]));
  });
});

describe("cadres and 直报点 officers", () => {
  it("keeps an anonymous cadre's name from everyone", async () => {
    const text = uniqueText("anonymous cadre");
    const res = await village.request({ method: "POST", url: "/api/cases", payload: { ...REPORT, text, anonymous: true } });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(text);
    const detail = (await office.request({ method: "GET", url: `/api/cases/${id}` })).json();
    expect(detail).toMatchObject({ channel: "cadre", anonymous: true, hasIdentity: false });
    expect(detail.actions).not.toContain("reveal");
    const reveal = await office.request({ method: "POST", url: `/api/cases/${id}/reveal`, payload: { reason: "核实需要" } });
    expect(reveal.json().error.code).toBe("CASE_NO_IDENTITY");
    expect(JSON.stringify(await ctx.db.select().from(auditLog).where(eq(auditLog.actorName, "饶河村 吴书记")))).not.toContain("case");
  });

  it("reveals a named reporter only to the handling office, with a reason, in the audit log", async () => {
    const text = uniqueText("named cadre");
    expect((await village.request({ method: "POST", url: "/api/cases", payload: { ...REPORT, text, anonymous: false } })).statusCode).toBe(201);
    const id = await caseIdOf(text);
    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.identityCipher).toBeTruthy();
    expect(row?.identityCipher).not.toContain("raohe_village");
    const reveal = await office.request({ method: "POST", url: `/api/cases/${id}/reveal`, payload: { reason: "需当面了解情况" } });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json()).toMatchObject({ kind: "user", username: "raohe_village", displayName: "饶河村 吴书记", unitCode: "230524100200" });
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => [a.action, a.actorName])).toContainEqual(["case.identity_revealed", "饶河县减负办 王主任"]);
  });

  it("refuses to decrypt an altered identity and records the attempt", async () => {
    const text = uniqueText("tamper");
    await village.request({ method: "POST", url: "/api/cases", payload: { ...REPORT, text } });
    const id = await caseIdOf(text);
    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, id));
    const raw = Buffer.from(row!.identityCipher!, "base64");
    raw[30] = (raw[30] ?? 0) ^ 0xff;
    await ctx.db.update(cases).set({ identityCipher: raw.toString("base64") }).where(eq(cases.id, id));
    const reveal = await office.request({ method: "POST", url: `/api/cases/${id}/reveal`, payload: { reason: "核实需要" }, headers: { "accept-language": "en" } });
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json().error.code).toBe("IDENTITY_UNREADABLE");
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toContain("case.identity_tampered");
  });

  it("routes a 直报点 officer's report to the commission in his name, even when he ticks anonymous", async () => {
    const me = (await village.request({ method: "GET", url: "/api/me" })).json<{ id: string }>();
    expect((await town.request({ method: "POST", url: "/api/cases/points", payload: { userId: me.id } })).statusCode).toBe(403);
    const designate = await office.request({ method: "POST", url: "/api/cases/points", payload: { userId: me.id } });
    expect(designate.statusCode, designate.body).toBe(200);
    expect((await office.request({ method: "GET", url: "/api/cases/points" })).json().items).toContainEqual(expect.objectContaining({ username: "raohe_village", unitCode: "230524100200" }));
    const text = uniqueText("point");
    expect((await village.request({ method: "POST", url: "/api/cases", payload: { ...REPORT, text, anonymous: true } })).statusCode).toBe(201);
    const id = await caseIdOf(text);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).statusCode).toBe(404);
    const detail = (await jiwei.request({ method: "GET", url: `/api/cases/${id}` })).json();
    expect(detail).toMatchObject({ channel: "point", handlerRole: "commission", hasIdentity: true });
    expect((await office.request({ method: "DELETE", url: `/api/cases/points/${me.id}` })).statusCode).toBe(200);
  });
});

describe("handling with working-day deadlines and escalation", () => {
  const newCase = async (label: string) => {
    const text = uniqueText(label);
    await submitPublicReport(ctx.app, { text });
    return caseIdOf(text);
  };
  const move = (id: string, to: string, who = office) => who.request({ method: "POST", url: `/api/cases/${id}/transition`, payload: { to, reason: "按程序办理" } });

  it("follows the states in order, each with its deadline in working days", async () => {
    const id = await newCase("states");
    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const calendar = await loadWorkingCalendar(ctx.db, [year, year + 1]);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).json().deadline).toBe(addWorkingDays(calendar, today, 3));
    const wrong = await move(id, "closed");
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe("CASE_WRONG_TRANSITION");
    for (const to of ["verifying", "substantiated", "rectifying", "verified", "closed"]) expect((await move(id, to)).statusCode).toBe(200);
    const detail = (await office.request({ method: "GET", url: `/api/cases/${id}` })).json();
    expect(detail).toMatchObject({ status: "closed", deadline: null, next: ["rectifying"], revisitOn: addDays(today, 90) });
    await ctx.db.update(cases).set({ revisitOn: addDays(today, -1) }).where(eq(cases.id, id));
    const due = await office.request({ method: "GET", url: "/api/cases", query: { revisitDue: "true", limit: "200" } });
    expect(due.json().items.map((c: { id: string }) => c.id)).toContain(id);
    // A rebound (or a fake rectification) reopens the case; the revisit is off until it is closed again.
    expect((await move(id, "rectifying")).statusCode).toBe(200);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).json()).toMatchObject({ status: "rectifying", revisitOn: null });
  });

  it("uses the days a region's office set over the defaults", async () => {
    await ctx.db.insert(caseDeadlineSettings).values({ regionCode: "230524", regionPath: "100000.230000.230500.230524", days: { verifying: 2 } });
    const id = await newCase("settings");
    await move(id, "verifying");
    const today = chinaToday();
    const calendar = await loadWorkingCalendar(ctx.db, [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).json().deadline).toBe(addWorkingDays(calendar, today, 2));
    await ctx.db.delete(caseDeadlineSettings).where(eq(caseDeadlineSettings.regionCode, "230524"));
  });

  it("offers open cases of the same unit that read alike as likely duplicates", async () => {
    const first = await newCase("dup");
    const text = "饶河镇要求每个村每天在学习APP上打卡截图上报，排名靠后的全镇通报批评。";
    await submitPublicReport(ctx.app, { text });
    const second = await caseIdOf(text);
    const unrelated = "饶河镇借调村干部到镇里搞创建迎检，已经三个月没有回村工作，村里的事没人管。";
    await submitPublicReport(ctx.app, { text: unrelated, category: "secondment" });
    const similar = (await office.request({ method: "GET", url: `/api/cases/${second}` })).json<{ similar: { id: string; score: number }[] }>().similar;
    expect(similar.map((c) => c.id)).toContain(first);
    expect(similar.map((c) => c.id)).not.toContain(await caseIdOf(unrelated));
    expect(similar[0]!.score).toBeGreaterThanOrEqual(0.35);
  });

  it("assigns only to a colleague of the handling body", async () => {
    const id = await newCase("assign");
    const colleague = await buildUser(ctx.db, { role: "office", scopeCode: "230524D05" });
    const stranger = await buildUser(ctx.db, { role: "office", scopeCode: "653001" });
    expect((await office.request({ method: "POST", url: `/api/cases/${id}/assign`, payload: { userId: stranger.id } })).json().error.code).toBe("CASE_ASSIGNEE_INVALID");
    expect((await office.request({ method: "POST", url: `/api/cases/${id}/assign`, payload: { userId: colleague.id } })).statusCode).toBe(200);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).json().assignee.id).toBe(colleague.id);
  });

  it("escalates an overdue case once to the same body of the city, which then sees it", async () => {
    const id = await newCase("escalate");
    const cityOffice = await buildUser(ctx.db, { role: "office", scopeCode: "230500" });
    const city = await loginAs(ctx.app, cityOffice.username);
    expect((await city.request({ method: "GET", url: `/api/cases/${id}` })).statusCode).toBe(404);
    await ctx.db.update(cases).set({ deadline: "2026-01-05" }).where(eq(cases.id, id));
    expect((await office.request({ method: "GET", url: "/api/cases", query: { overdue: "true" } })).json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect(await escalateOverdue(ctx.db, chinaToday())).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdue(ctx.db, chinaToday())).toBe(0);
    const seen = await city.request({ method: "GET", url: `/api/cases/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ escalationLevel: 1, overdue: true });
    expect(seen.json().actions).not.toContain("reveal");
    expect(seen.json().events.map((e: { kind: string }) => e.kind)).toContain("escalated");
  });
});
