import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/synthetic-hierarchy.js";
import { addDays } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "../burdens/prepare.js";
import { expireOverdue } from "../burdens/registry.js";
import { importLedger } from "../burdens/ledger.js";
import { correctAnswer } from "../monitoring/corrections.js";
import { choosePoint } from "../monitoring/points.js";
import { rebuildActual } from "../monitoring/reminders.js";
import { loadSurvey, submitAnswer } from "../monitoring/survey.js";
import { actorByUsername } from "../org/auth.js";
import { rebuildIndex } from "./rollup.js";

/**
 * The burden index is kept incrementally (rollup.ts, called by the registry on admission and
 * withdrawal). After random admissions, returns, withdrawals and expiries it must equal the plain
 * aggregate of the in-force burden_targets, computed here independently, and equal its own rebuild.
 */

let ctx: TestContext;
const issuers: [string, Session][] = [];
let office: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  issuers.push(["230524D01", await loginAs(ctx.app, "raohe_nyncj")], ["230524D02", await loginAs(ctx.app, "raohe_tjj")]);
  office = await loginAs(ctx.app, "raohe_office");
});
afterAll(async () => ctx?.close());

const FREQUENCIES = ["once", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
const KINDS = ["task", "form", "inspection"] as const;
const TARGETS = [
  { under: "230524", level: "township" },
  { under: "230524100000", level: "village" },
  ["230524100200", "230524101200"],
  ["230524100000"],
];
const start = addDays(chinaToday(), 3);

type Cell = { burdens: number; flagged: number; targets: number; minutes: number };
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, "0")}` <= to.slice(0, 7); m === 12 ? ((m = 1), y++) : m++)
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
};

/** The index as the raw rows say it should be: every unit on each path × every month, in JS. */
async function expectedIndex() {
  const { rows } = await ctx.db.execute<{ burden_id: string; unit_path: string; monthly_minutes: number; load_from: string; load_to: string; kind: string; issuer_code: string; findings: { severity: string }[] }>(sql`
    select t.burden_id, t.unit_path, t.monthly_minutes, t.load_from::text, t.load_to::text, b.kind, b.issuer_code, b.findings
    from burden_targets t join burdens b on b.id = t.burden_id where t.in_force`);
  const cells = new Map<string, { burdens: Set<string>; flagged: Set<string>; targets: number; minutes: number }>();
  const issuerCells = new Map<string, { burdens: Set<string>; targets: number; minutes: number }>();
  for (const r of rows) {
    for (const code of r.unit_path.split(".")) {
      for (const month of monthsBetween(r.load_from, r.load_to)) {
        const c = cells.get(`${code}|${month}|${r.kind}`) ?? { burdens: new Set(), flagged: new Set(), targets: 0, minutes: 0 };
        c.burdens.add(r.burden_id);
        if (r.findings.some((f) => f.severity !== "info")) c.flagged.add(r.burden_id);
        c.targets++;
        c.minutes += Number(r.monthly_minutes);
        cells.set(`${code}|${month}|${r.kind}`, c);
        if (code.length === 12 && !code.endsWith("000")) continue;
        const i = issuerCells.get(`${code}|${month}|${r.issuer_code}`) ?? { burdens: new Set(), targets: 0, minutes: 0 };
        i.burdens.add(r.burden_id);
        i.targets++;
        i.minutes += Number(r.monthly_minutes);
        issuerCells.set(`${code}|${month}|${r.issuer_code}`, i);
      }
    }
  }
  const index = Object.fromEntries([...cells].map(([k, c]) => [k, { burdens: c.burdens.size, flagged: c.flagged.size, targets: c.targets, minutes: round(c.minutes) } satisfies Cell]));
  const byIssuer = Object.fromEntries([...issuerCells].map(([k, c]) => [k, { burdens: c.burdens.size, targets: c.targets, minutes: round(c.minutes) }]));
  const infoOnly = new Set(rows.filter((r) => r.findings.length > 0 && r.findings.every((f) => f.severity === "info")).map((r) => r.burden_id));
  return { index, byIssuer, infoOnly: infoOnly.size };
}

/** The rollup tables, rows emptied by withdrawals left out. */
async function storedIndex() {
  const { rows } = await ctx.db.execute<Cell & { unit_code: string; month: string; kind: string }>(sql`select * from burden_index where burdens <> 0 or targets <> 0`);
  const { rows: irows } = await ctx.db.execute<Omit<Cell, "flagged"> & { unit_code: string; month: string; issuer_code: string }>(
    sql`select * from burden_index_issuers where burdens <> 0 or targets <> 0`,
  );
  return {
    index: Object.fromEntries(rows.map((r) => [`${r.unit_code}|${r.month}|${r.kind}`, { burdens: r.burdens, flagged: r.flagged, targets: r.targets, minutes: round(Number(r.minutes)) }])),
    byIssuer: Object.fromEntries(irows.map((r) => [`${r.unit_code}|${r.month}|${r.issuer_code}`, { burdens: r.burdens, targets: r.targets, minutes: round(Number(r.minutes)) }])),
  };
}

describe("burden index rollups", () => {
  it("equal the raw aggregate after random admissions, returns, withdrawals and expiries, and their rebuild", async () => {
    const rand = seededRandom(20261126);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const statuses = new Map<string, string>();
    let admitted = 0;
    for (let i = 0; i < 16; i++) {
      const [issuer, session] = pick(issuers);
      const frequency = i % 3 === 0 ? "once" : pick(FREQUENCIES);
      const issuedOn = addDays(start, Math.floor(rand() * 40));
      const body = {
        kind: pick(KINDS),
        issuer,
        targets: pick(TARGETS),
        title: `负担指数随机测试事项第${i + 1}项`,
        text: `请按要求完成负担指数随机测试事项第${i + 1}项，编号${i * 7919}。`,
        issuedOn,
        deadline: addDays(issuedOn, frequency === "once" ? 10 + Math.floor(rand() * 40) : 60 + Math.floor(rand() * 200)),
        frequency,
        minutesPerTarget: 30 + Math.floor(rand() * 200),
      };
      const created = await session.request({ method: "POST", url: "/api/burdens", payload: body });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json() as { id: string };
      let status = (await session.request({ method: "POST", url: `/api/burdens/${id}/submit` })).json().status as string;
      if (status === "in_review") {
        const decision = rand() < 0.75 ? "admit" : "return";
        const res = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision, reason: "随机测试：按审核意见处理" } });
        expect(res.statusCode, res.body).toBe(200);
        status = res.json().status as string;
      }
      if (status === "admitted" && ++admitted % 3 === 0) {
        const res = await session.request({ method: "POST", url: `/api/burdens/${id}/withdraw`, payload: { reason: "随机测试：事项取消" } });
        expect(res.statusCode, res.body).toBe(200);
        status = "withdrawn";
      }
      statuses.set(id, status);
    }
    await expireOverdue(ctx.db, addDays(start, 45));
    const counts = [...statuses.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
    expect(counts.get("admitted") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(3);
    expect(counts.get("withdrawn") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(0);

    const { infoOnly, ...expected } = await expectedIndex();
    expect(Object.keys(expected.index).length).toBeGreaterThan(20);
    expect(Object.values(expected.index).some((c) => c.flagged > 0)).toBe(true);
    expect(await storedIndex()).toEqual(expected);
    await rebuildIndex(ctx.db);
    expect(await storedIndex()).toEqual(expected);

    // A burden whose findings are only info notes (a meeting's attendance, say) is in force but not flagged.
    expect(infoOnly).toBe(0);
    const flaggedSum = (i: Record<string, Cell>) => Object.values(i).reduce((n, c) => n + c.flagged, 0);
    const { rows } = await ctx.db.execute<{ id: string }>(sql`
      select b.id from burdens b where b.findings <> '[]'::jsonb and exists (select 1 from burden_targets t where t.burden_id = b.id and t.in_force) limit 1`);
    const note = [{ code: "MEETING_ATTENDANCE", severity: "info", messages: { "zh-CN": "提示", en: "note" }, evidence: {} }];
    await ctx.db.execute(sql`update burdens set findings = ${JSON.stringify(note)}::jsonb where id = ${rows[0]!.id}`);
    await rebuildIndex(ctx.db);
    const { infoOnly: noted, ...relabelled } = await expectedIndex();
    expect(noted).toBe(1);
    expect(flaggedSum(relabelled.index)).toBeLessThan(flaggedSum(expected.index));
    expect(await storedIndex()).toEqual(relabelled);
  });
});

/**
 * The "actual" side (burden_index_actual), fed by monitoring points 监测点: after random weekly answers,
 * retries, refused second answers and random corrections (by the village in its window, by the township
 * with a reason, retried, stale ones refused), every unit on each village's path and month holds the sum
 * of the answers below it as they now stand, computed here from what the test itself sent; the raw
 * answer rows give the same; and the rebuild gives the same.
 */
describe("burden index actual hours from monitoring points", () => {
  it("equal the sums of the answers after random answers, retries and corrections, and their rebuild", async () => {
    const rand = seededRandom(20261125);
    const officeActor = (await actorByUsername(ctx.db, "raohe_office"))!;
    const villages = [
      { code: "230524100200", path: "", actor: (await actorByUsername(ctx.db, "raohe_village"))!, town: (await actorByUsername(ctx.db, "raohe_town"))! },
      { code: "230524101200", path: "", actor: (await actorByUsername(ctx.db, "jiaping_village"))!, town: (await actorByUsername(ctx.db, "xiaojiahe_town"))! },
    ];
    for (const v of villages) v.path = v.actor.scope.path;
    const entries = ["农业生产情况周报", "村级事务公开检查", "防汛值守日报"].map((title, i) => ({
      kind: "form" as const,
      issuer: i === 1 ? "230524D02" : "230524D01",
      targets: villages.map((v) => v.code),
      title: `监测随机测试：${title}`,
      text: `监测随机测试：${title}，按周报送。`,
      issuedOn: "2025-01-06",
      deadline: i === 2 ? "2025-03-28" : "2025-05-30",
      frequency: "weekly" as const,
      minutesPerTarget: 60 + i * 45,
      details: {},
    }));
    await importLedger(ctx.db, { actor: officeActor, source: "监测随机测试台账", entries, today: "2025-06-02" });
    for (const v of villages) await choosePoint(ctx.db, officeActor, v.code, "2025-01-06");

    const today = "2025-06-02";
    // What each answer now says, by answer id: replaced whenever a correction goes through.
    type Sent = { path: string; month: string; actual: number; unregistered: number; unregisteredMinutes: number; revision: number; week: string; village: (typeof villages)[number] };
    const answers = new Map<string, Sent>();
    const randomContent = (survey: Awaited<ReturnType<typeof loadSurvey>>, i: number) => ({
      items: survey.burdens.filter(() => rand() < 0.8).map((b) => ({ burdenId: b.burdenId, hours: Math.round(rand() * 80) / 10 })),
      unregistered: rand() < 0.4 ? [{ text: `没有准入编号的临时任务${i}`, hours: Math.round(rand() * 50) / 10 }] : [],
    });
    const totals = (c: ReturnType<typeof randomContent>) => ({
      actual: c.items.reduce((n, it) => n + Math.round(it.hours * 60), 0),
      unregistered: c.unregistered.length,
      unregisteredMinutes: c.unregistered.reduce((n, u) => n + Math.round(u.hours * 60), 0),
    });
    let refused = 0;
    let corrected = 0;
    let closed = 0;
    let stale = 0;
    for (let i = 0; i < 30; i++) {
      const v = villages[Math.floor(rand() * villages.length)]!;
      const week = addDays("2025-01-06", 7 * Math.floor(rand() * 21));
      const survey = await loadSurvey(ctx.db, v.actor, week, today);
      const content = randomContent(survey, i);
      const input = { week, idempotencyKey: `random-${i}-${v.code}`, ...content };
      if (survey.answer) {
        await expect(submitAnswer(ctx.db, v.actor, input, today)).rejects.toMatchObject({ code: "MONITORING_WEEK_ANSWERED" });
        refused++;
        continue;
      }
      const first = await submitAnswer(ctx.db, v.actor, input, today);
      if (rand() < 0.3) expect((await submitAnswer(ctx.db, v.actor, input, today)).answer.id).toBe(first.answer.id);
      answers.set(first.answer.id, { path: v.path, month: addDays(week, 3).slice(0, 7), week, village: v, revision: 1, ...totals(content) });
    }
    // Random corrections of random answers: the village on a day in or after its window, else the township.
    const ids = [...answers.keys()];
    for (let i = 0; i < 24; i++) {
      const id = ids[Math.floor(rand() * ids.length)]!;
      const a = answers.get(id)!;
      const content = randomContent(await loadSurvey(ctx.db, a.village.actor, a.week, today), 100 + i);
      const on = addDays(a.week, 6 + Math.floor(rand() * 30));
      const input = { revision: a.revision, idempotencyKey: `fix-${i}-${id}`, ...content };
      if (rand() < 0.15) {
        await expect(correctAnswer(ctx.db, a.village.town, id, { ...input, revision: a.revision + 1, reason: "过期副本" }, on)).rejects.toMatchObject({ code: "MONITORING_ANSWER_CHANGED" });
        stale++;
      }
      let by = a.village.actor;
      let sentInput: typeof input & { reason?: string } = input;
      if (on > addDays(a.week, 6 + 14)) {
        await expect(correctAnswer(ctx.db, by, id, input, on)).rejects.toMatchObject({ code: "MONITORING_CORRECTION_CLOSED" });
        closed++;
        [by, sentInput] = [a.village.town, { ...input, reason: "乡镇核实后更正" }];
      }
      const done = await correctAnswer(ctx.db, by, id, sentInput, on);
      expect(done).toMatchObject({ replayed: false, answer: { revision: a.revision + 1 } });
      // A retry of the same correction changes nothing more.
      if (rand() < 0.3) expect(await correctAnswer(ctx.db, by, id, sentInput, on)).toMatchObject({ replayed: true, answer: { revision: a.revision + 1 } });
      answers.set(id, { ...a, revision: a.revision + 1, ...totals(content) });
      corrected++;
    }
    expect([corrected, closed > 0, stale > 0]).toEqual([24, true, true]);
    const sent = new Map<string, { answers: number; actual: number; unregistered: number; unregisteredMinutes: number }>();
    for (const a of answers.values()) {
      for (const code of a.path.split(".")) {
        const c = sent.get(`${code}|${a.month}`) ?? { answers: 0, actual: 0, unregistered: 0, unregisteredMinutes: 0 };
        c.answers++;
        c.actual += a.actual;
        c.unregistered += a.unregistered;
        c.unregisteredMinutes += a.unregisteredMinutes;
        sent.set(`${code}|${a.month}`, c);
      }
    }
    expect(refused).toBeGreaterThan(0);
    const expected = Object.fromEntries([...sent].map(([k, c]) => [k, c]));
    const stored = async () => {
      const { rows } = await ctx.db.execute<{ unit_code: string; month: string; answers: number; actual_minutes: number; unregistered: number; unregistered_minutes: number }>(
        sql`select * from burden_index_actual where answers <> 0`,
      );
      return Object.fromEntries(rows.map((r) => [`${r.unit_code}|${r.month}`, { answers: r.answers, actual: Number(r.actual_minutes), unregistered: r.unregistered, unregisteredMinutes: Number(r.unregistered_minutes) }]));
    };
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(await stored()).toEqual(expected);
    // Expected hours: the issuers' weekly estimate of each answered burden, from the raw items.
    const { rows: raw } = await ctx.db.execute<{ month: string; expected: number }>(
      sql`select a.month, sum(i.expected_minutes) as expected from monitoring_answers a join monitoring_answer_items i on i.answer_id = a.id group by 1`,
    );
    const { rows: county } = await ctx.db.execute<{ month: string; expected_minutes: number }>(sql`select month, expected_minutes from burden_index_actual where unit_code = '230524'`);
    expect(raw.length).toBeGreaterThan(3);
    for (const r of raw) expect(Number(county.find((c) => c.month === r.month)?.expected_minutes), r.month).toBeCloseTo(Number(r.expected), 6);
    await rebuildActual(ctx.db);
    expect(await stored()).toEqual(expected);
  });
});
