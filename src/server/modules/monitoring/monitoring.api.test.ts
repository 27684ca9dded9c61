import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { actorByUsername } from "../org/auth.js";
import { correctAnswer } from "./corrections.js";
import { remindLastWeek } from "./reminders.js";
import { mondayOf } from "./weeks.js";

/** Monitoring points 监测点 through the API: choosing, the weekly survey, idempotent answers, reminders. */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const week = mondayOf(today);
let burdenId = "";

beforeAll(async () => {
  ctx = await createTestApp();
  const dept = await as("raohe_nyncj");
  const created = await dept.request({
    method: "POST",
    url: "/api/burdens",
    payload: {
      kind: "form",
      issuer: "230524D01",
      targets: ["230524100200", "230524101200"],
      title: "监测点测试：农业生产情况周报",
      text: "请每周报送农业生产情况，监测点测试用。",
      issuedOn: today,
      deadline: addDays(today, 60),
      frequency: "weekly",
      minutesPerTarget: 90,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  burdenId = created.json().id;
  const submitted = await dept.request({ method: "POST", url: `/api/burdens/${burdenId}/submit` });
  if (submitted.json().status === "in_review") {
    const res = await (await as("raohe_office")).request({ method: "POST", url: `/api/burdens/${burdenId}/decide`, payload: { decision: "admit", reason: "测试：准入" } });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => ctx?.close());

const answer = (over: Record<string, unknown> = {}) => ({ week, idempotencyKey: "key-00000001", items: [{ burdenId, hours: 2.5 }], unregistered: [{ text: "镇里临时要求报送秸秆禁烧照片", issuerName: "某镇农业站", hours: 1.5 }], ...over });

describe("monitoring points", () => {
  it("the office chooses villages of its region, nothing else", async () => {
    const office = await as("raohe_office");
    const res = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100200" } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((p: { unit: { code: string } }) => p.unit.code)).toEqual(["230524100200"]);
    const again = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100200" } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "MONITORING_POINT_EXISTS"]);
    const township = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100000" } });
    expect([township.statusCode, township.json().error.code]).toEqual([400, "MONITORING_NOT_A_VILLAGE"]);
    const other = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "653001100200" } });
    expect([other.statusCode, other.json().error.code]).toEqual([400, "MONITORING_NOT_A_VILLAGE"]);
    const bad = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "abc" } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const english = await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100000" }, headers: { "accept-language": "en" } });
    expect(english.json().error.message).toContain("not a village");
  });

  it("the point's cadre sees the week's admitted burdens; another village is no point", async () => {
    const survey = await (await as("raohe_village")).request({ method: "GET", url: "/api/monitoring/survey" });
    expect(survey.statusCode, survey.body).toBe(200);
    expect(survey.json()).toMatchObject({ week, answer: null, burdens: [{ burdenId, issuer: { code: "230524D01" }, expectedHours: 1.5 }] });
    const jiaping = await (await as("jiaping_village")).request({ method: "GET", url: "/api/monitoring/survey" });
    expect([jiaping.statusCode, jiaping.json().error.code]).toEqual([404, "MONITORING_POINT_NOT_FOUND"]);
  });

  it("refuses bad answers and writes nothing", async () => {
    const village = await as("raohe_village");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ items: [{ burdenId, hours: 200 }] }, 400, "VALIDATION_FAILED"],
      [{ items: [{ burdenId, hours: -1 }] }, 400, "VALIDATION_FAILED"],
      [{ items: [{ burdenId, hours: 1.25 }] }, 400, "VALIDATION_FAILED"],
      [{ items: [{ burdenId: randomUUID(), hours: 1 }] }, 400, "MONITORING_BURDEN_NOT_LISTED"],
      [{ items: [{ burdenId, hours: 1 }, { burdenId, hours: 2 }] }, 400, "MONITORING_BURDEN_TWICE"],
      [{ week: addDays(week, 1) }, 400, "MONITORING_WEEK_INVALID"],
      [{ week: addDays(week, 7) }, 400, "MONITORING_WEEK_INVALID"],
      [{ week: addDays(week, -7) }, 400, "MONITORING_WEEK_INVALID"],
      [{ unregistered: [{ text: "", hours: 1 }] }, 400, "VALIDATION_FAILED"],
      [{ idempotencyKey: "short" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [over, status, code] of cases) {
      const res = await village.request({ method: "POST", url: "/api/monitoring/answers", payload: answer({ idempotencyKey: `bad-${randomUUID()}`, ...over }) });
      expect([res.statusCode, res.json().error?.code], JSON.stringify(over)).toEqual([status, code]);
    }
    const { rows } = await ctx.db.execute(sql`select count(*)::int as n from monitoring_answers`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("an answer is recorded once: a retry returns it, a second answer for the week is refused", async () => {
    const village = await as("raohe_village");
    const first = await village.request({ method: "POST", url: "/api/monitoring/answers", payload: answer() });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ week, actualHours: 2.5, expectedHours: 1.5, unregistered: [{ issuerName: "某镇农业站", hours: 1.5 }] });
    const retry = await village.request({ method: "POST", url: "/api/monitoring/answers", payload: answer() });
    expect([retry.statusCode, retry.json().id]).toEqual([200, first.json().id]);
    const reused = await village.request({ method: "POST", url: "/api/monitoring/answers", payload: answer({ items: [{ burdenId, hours: 3 }] }) });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);
    const second = await village.request({ method: "POST", url: "/api/monitoring/answers", payload: answer({ idempotencyKey: "key-00000002" }) });
    expect([second.statusCode, second.json().error.code]).toEqual([409, "MONITORING_WEEK_ANSWERED"]);
    const { rows } = await ctx.db.execute(sql`select count(*)::int as n from monitoring_answers`);
    expect(rows[0]).toEqual({ n: 1 });
    const survey = await village.request({ method: "GET", url: "/api/monitoring/survey" });
    expect(survey.json().answer.id).toBe(first.json().id);
  });

  it("feeds the index as actual hours next to expected, at the village and every unit above", async () => {
    const month = (await (await as("raohe_village")).request({ method: "GET", url: "/api/monitoring/survey" })).json().answer.month as string;
    for (const unit of ["230524100200", "230524100000", "230524"]) {
      const res = await (await as("raohe_office")).request({ method: "GET", url: "/api/index", query: { unit, from: month, to: month } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().months[0].actual, unit).toEqual({ answers: 1, expectedHours: 1.5, actualHours: 2.5, unregisteredHours: 1.5, unregistered: 1 });
      expect(res.json().actualTotals.answers).toBe(1);
    }
    const xlsx = await (await as("raohe_office")).request({ method: "GET", url: "/api/index.xlsx", query: { unit: "230524", from: month, to: month } });
    expect(xlsx.statusCode).toBe(200);
  });

  it("lists missing answers; the township reminds its own; the job reminds last week's", async () => {
    const office = await as("raohe_office");
    expect((await office.request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524101200" } })).statusCode).toBe(201);
    const list = await office.request({ method: "GET", url: "/api/monitoring/points" });
    expect(list.json()).toMatchObject({ week, missing: 1 });
    expect(list.json().items.map((p: { unit: { code: string }; answered: boolean }) => [p.unit.code, p.answered])).toEqual([
      ["230524100200", true],
      ["230524101200", false],
    ]);
    const raoheTown = await (await as("raohe_town")).request({ method: "POST", url: "/api/monitoring/reminders", payload: { week } });
    expect(raoheTown.json().units).toEqual([]);
    const xiaojiahe = await (await as("xiaojiahe_town")).request({ method: "POST", url: "/api/monitoring/reminders", payload: { week } });
    expect(xiaojiahe.statusCode, xiaojiahe.body).toBe(200);
    expect(xiaojiahe.json().units.map((u: { code: string }) => u.code)).toEqual(["230524101200"]);
    // The same day again is the same reminder.
    await (await as("xiaojiahe_town")).request({ method: "POST", url: "/api/monitoring/reminders", payload: { week } });
    const after = await office.request({ method: "GET", url: "/api/monitoring/points" });
    expect(after.json().items[1].reminders).toBe(1);
    const survey = await (await as("jiaping_village")).request({ method: "GET", url: "/api/monitoring/survey" });
    expect(survey.json().reminded).toBe(true);
    // The job, run a week later (today injected): last week is this week, the Jiaping point still missing.
    const job = await remindLastWeek(ctx.db, addDays(week, 8));
    expect(job).toMatchObject({ week, remindedOn: addDays(week, 8), units: [{ code: "230524101200" }] });
    const none = await remindLastWeek(ctx.db, addDays(week, -1));
    expect(none.units).toEqual([]);
  });

  it("the office reads answers with the burdens that came without an admission number; a retired point keeps them", async () => {
    const office = await as("raohe_office");
    const res = await office.request({ method: "GET", url: "/api/monitoring/answers", query: { week } });
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].unregistered[0].text).toContain("秸秆禁烧");
    const retired = await office.request({ method: "DELETE", url: "/api/monitoring/points/230524101200" });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().items).toHaveLength(1);
    const gone = await office.request({ method: "DELETE", url: "/api/monitoring/points/230524101200" });
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, "MONITORING_POINT_NOT_FOUND"]);
    const actor = await actorByUsername(ctx.db, "raohe_office");
    expect(actor).not.toBeNull();
  });
});

describe("correcting a sent answer 更正", () => {
  const actualAt = async (unit: string, month: string) =>
    (await (await as("raohe_office")).request({ method: "GET", url: "/api/index", query: { unit, from: month, to: month } })).json().months[0].actual;
  const sent = async () => (await (await as("raohe_village")).request({ method: "GET", url: "/api/monitoring/survey" })).json().answer as { id: string; month: string; revision: number };
  const correction = (over: Record<string, unknown> = {}) => ({ revision: 1, idempotencyKey: "fix-00000001", items: [{ burdenId, hours: 4 }], unregistered: [], ...over });

  it("the village corrects its own answer in its window: the index follows, a retry is harmless, a stale copy is refused", async () => {
    const village = await as("raohe_village");
    const { id, month } = await sent();
    const res = await village.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: correction() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 2, actualHours: 4, unregistered: [], corrections: [{ revision: 2, role: "village_cadre", reason: null, before: { actualHours: 2.5, unregisteredHours: 1.5 }, after: { actualHours: 4, unregisteredHours: 0 } }] });
    for (const unit of ["230524100200", "230524100000", "230524"]) expect(await actualAt(unit, month), unit).toEqual({ answers: 1, expectedHours: 1.5, actualHours: 4, unregisteredHours: 0, unregistered: 0 });
    const retry = await village.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: correction() });
    expect([retry.statusCode, retry.json().revision]).toEqual([200, 2]);
    const reused = await village.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: correction({ items: [{ burdenId, hours: 5 }] }) });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);
    const stale = await village.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: correction({ idempotencyKey: "fix-00000002", items: [{ burdenId, hours: 5 }] }) });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, "MONITORING_ANSWER_CHANGED"]);
    expect((await actualAt("230524", month)).actualHours).toBe(4);
    const { rows } = await ctx.db.execute(sql`select count(*)::int as n from audit_log where action = 'monitoring.answer.correct' and entity_id = ${id}`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("refuses bad corrections and changes nothing", async () => {
    const village = await as("raohe_village");
    const { id, month } = await sent();
    const cases: [string, Record<string, unknown>, number, string][] = [
      [id, { items: [{ burdenId, hours: 200 }] }, 400, "VALIDATION_FAILED"],
      [id, { revision: 0 }, 400, "VALIDATION_FAILED"],
      [id, { items: [{ burdenId: randomUUID(), hours: 1 }] }, 400, "MONITORING_BURDEN_NOT_LISTED"],
      [id, { items: [{ burdenId, hours: 1 }, { burdenId, hours: 1 }] }, 400, "MONITORING_BURDEN_TWICE"],
      ["not-a-uuid", {}, 400, "VALIDATION_FAILED"],
      [randomUUID(), {}, 404, "MONITORING_ANSWER_NOT_FOUND"],
    ];
    for (const [target, over, status, code] of cases) {
      const res = await village.request({ method: "PUT", url: `/api/monitoring/answers/${target}`, payload: correction({ revision: 2, idempotencyKey: `bad-${randomUUID()}`, ...over }) });
      expect([res.statusCode, res.json().error?.code], JSON.stringify(over)).toEqual([status, code]);
    }
    expect((await sent()).revision).toBe(2);
    expect((await actualAt("230524", month)).actualHours).toBe(4);
  });

  it("its township corrects it with a reason, at any time; other townships, the office and departments cannot", async () => {
    const { id, month } = await sent();
    const payload = correction({ revision: 2, idempotencyKey: "town-00000001", items: [{ burdenId, hours: 3 }], unregistered: [{ text: "镇里临时要求报送秸秆禁烧照片", hours: 1 }] });
    for (const user of ["xiaojiahe_town", "raohe_office", "raohe_nyncj", "jiaping_village"]) {
      const res = await (await as(user)).request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: { ...payload, reason: "核实后更正" } });
      expect([res.statusCode, res.json().error?.code], user).toEqual([404, "MONITORING_ANSWER_NOT_FOUND"]);
    }
    const anonymous = await ctx.app.inject({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: { ...payload, reason: "核实后更正" } });
    expect(anonymous.statusCode).toBe(401);
    const town = await as("raohe_town");
    const noReason = await town.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload, headers: { "accept-language": "en" } });
    expect([noReason.statusCode, noReason.json().error.code, noReason.json().error.message]).toEqual([400, "MONITORING_REASON_REQUIRED", "A township correcting a village's answer must give a reason"]);
    const res = await town.request({ method: "PUT", url: `/api/monitoring/answers/${id}`, payload: { ...payload, reason: "村里多报了会议时间，核实后更正" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 3, actualHours: 3, corrections: [{ revision: 2 }, { revision: 3, role: "township_official", reason: "村里多报了会议时间，核实后更正", after: { actualHours: 3, unregisteredHours: 1 } }] });
    expect(await actualAt("230524", month)).toEqual({ answers: 1, expectedHours: 1.5, actualHours: 3, unregisteredHours: 1, unregistered: 1 });
  });

  it("after the window only the township corrects", async () => {
    const { id, revision } = await sent();
    const village = (await actorByUsername(ctx.db, "raohe_village"))!;
    const town = (await actorByUsername(ctx.db, "raohe_town"))!;
    const late = addDays(week, 6 + 15);
    const input = { revision, idempotencyKey: "late-00000001", items: [{ burdenId, hours: 2 }], unregistered: [] };
    await expect(correctAnswer(ctx.db, village, id, input, late)).rejects.toMatchObject({ code: "MONITORING_CORRECTION_CLOSED" });
    await expect(correctAnswer(ctx.db, village, id, input, addDays(week, 6 + 14))).resolves.toMatchObject({ replayed: false, answer: { revision: revision + 1 } });
    const byTown = await correctAnswer(ctx.db, town, id, { ...input, revision: revision + 1, idempotencyKey: "late-00000002", reason: "乡镇复核" }, late);
    expect(byTown.answer).toMatchObject({ revision: revision + 2, actualHours: 2 });
  });
});
