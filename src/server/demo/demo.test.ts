import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseStatus } from "../../contracts/cases.js";
import type { Database } from "../db/client.js";
import { chinaToday } from "../kernel/dates.js";
import { demoTimeline } from "../kernel/demo-timeline.js";
import { firstDayOf, lastDayOf, shiftPeriod } from "../kernel/periods.js";
import { indexChildren, indexIssuers, indexSeries } from "../modules/burden-index/queries.js";
import { deadlineFor } from "../modules/cases/deadlines.js";
import { caseStatistics } from "../modules/cases/stats.js";
import { formFigures } from "../modules/forms/figures.js";
import { satisfactionResults } from "../modules/satisfaction/survey.js";
import { listPlanItems } from "../modules/inspection-plans/registry.js";
import { meetingChain } from "../modules/meetings/chain.js";
import { listMeetings } from "../modules/meetings/register.js";
import { rankingCounts } from "../modules/rankings/registry.js";
import { plaqueCounts } from "../modules/evaluations/plaque-queries.js";
import { evaluationYear } from "../modules/evaluations/year.js";
import { fingertipLoad } from "../modules/fingertips/load.js";
import { mergeProposals } from "../modules/fingertips/merge.js";
import { oneTable } from "../modules/forms/collect/one-table.js";
import { DEMO_INDICATORS } from "../modules/forms/demo-catalog.js";
import { listForms } from "../modules/forms/forms.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit } from "../modules/org/units.js";
import { listAllowedProofs } from "../modules/proofs/allowed-list.js";
import { listProofRequests, proofCounts } from "../modules/proofs/requests.js";
import { createTestDatabase } from "../test/database.js";
import { seedDemoData } from "./seed.js";

/**
 * The whole demo, seeded once (it is slow: every module, argon2 for each account): each page that
 * has a test here says something true about Raohe, and a second seed adds nothing.
 */
let database: Database;
let first: Awaited<ReturnType<typeof seedDemoData>>;
const actor = async (username: string) => (await actorByUsername(database.db, username))!;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await seedDemoData(database.db, "Demo-test-2026");
}, 300_000);
afterAll(async () => database?.close());

describe("demo data of 一表通", () => {
  it("seeds the catalog, this year's table of March and today's form; the village's one form asks their fields once", async () => {
    expect(first.indicators).toBe(DEMO_INDICATORS.length + 1);
    const forms = await listForms(database.db, await actor("raohe_tjj"));
    expect(forms.map((f) => [f.status, f.fieldCount])).toEqual([["mapped", 5], ["mapped", 6]]);
    const table = await oneTable(database.db, await actor("raohe_village"), (await getUnit(database.db, "230524100200"))!);
    expect(table.questions.map((q) => q.code).sort()).toEqual(["JJ001", "JJ002", "RK001", "RK002", "RK003", "RK004", "RK005", "RK006"]);
    // The cadre's own village answered nothing yet: every question is his to fill.
    expect(table.missing).toBe(table.questions.length);
  });
});

describe("demo data of 精文减会 and 督检考 (issue 6)", () => {
  it("shows a layered meeting chain, a plan with decisions and rankings against last year", async () => {
    expect(first.registers).toBe(1);
    const office = await actor("raohe_office");
    const year = Number(chinaToday().slice(0, 4));
    const meetings = await listMeetings(database.db, office, year, "zh-CN");
    const county = meetings.items.find((m) => m.title === "全县冬季森林草原防灭火和安全生产工作会议")!;
    expect(county.status).toBe("admitted");
    const chain = await meetingChain(database.db, office, county.id);
    expect(chain.root.relayedBy.map((n) => [n.issuerName, n.daysAfterParent, n.layered])).toEqual([
      ["饶河镇", 2, true],
      ["小佳河镇", 3, true],
    ]);
    const plan = await listPlanItems(database.db, office, { year });
    expect(plan.counts).toEqual({ submitted: 1, approved: 2, rejected: 1, withdrawn: 0, comprehensiveApproved: 1 });
    const counts = (await rankingCounts(database.db, office, year)).items;
    expect(counts.find((c) => c.kind === "assessment")).toMatchObject({ lastYear: { indicators: 74 }, thisYear: { indicators: 8 } });
    expect(counts.find((c) => c.kind === "ranking_notice" && c.issuer.code === "230524D01")).toMatchObject({ lastYear: { inForce: 12 }, thisYear: { registered: 3, cancelled: 2, inForce: 1 }, change: -11 });
  });
});

/**
 * Every chart of the dashboard (src/web/pages/dashboard) over the period it opens with, the last twelve
 * months to last month, as the county office sees Raohe: none may be empty, and together they show the
 * load falling after the gate was introduced (eleven months back, kernel/demo-timeline.ts).
 */
describe("demo data of the dashboard", () => {
  const thisMonth = chinaToday().slice(0, 7);
  const from = shiftPeriod(thisMonth, -12);
  const to = shiftPeriod(thisMonth, -1);
  const gate = demoTimeline(chinaToday()).gatePeriod;
  const period = { from: firstDayOf(from), to: lastDayOf(to), today: chinaToday() };
  const yearBefore = { from: firstDayOf(shiftPeriod(from, -12)), to: lastDayOf(shiftPeriod(to, -12)), today: chinaToday() };

  it("burden index: trend, kinds, issuers and townships have data, and the hours fall against last year", async () => {
    const raohe = (await getUnit(database.db, "230524"))!;
    const s = await indexSeries(database.db, raohe, { from, to });
    expect(s.months.every((m) => m.burdens > 0 && m.byKind.length > 0)).toBe(true);
    // The year-before line has every month too: the history starts a year before the default window.
    expect(s.months.every((m) => m.lastYear.hours > 0)).toBe(true);
    expect(s.totals.hours).toBeLessThan(s.lastYearTotals.hours * 0.7);
    expect((await indexIssuers(database.db, raohe, { from, to, limit: 15 })).issuers.length).toBeGreaterThanOrEqual(4);
    expect((await indexChildren(database.db, raohe, { month: to })).children.length).toBeGreaterThan(3);
  });

  it("share of admitted burdens with findings: none before the gate, some after it, admitted through the gate as of their day", async () => {
    const s = await indexSeries(database.db, (await getUnit(database.db, "230524"))!, { from, to });
    expect(s.months.filter((m) => m.month < gate).every((m) => m.flagged === 0)).toBe(true);
    const after = s.months.filter((m) => m.month >= gate);
    expect(after.filter((m) => m.flagged > 0).length).toBeGreaterThanOrEqual(after.length - 1);
    expect(after.some((m) => m.flagged < m.burdens)).toBe(true);
    expect(s.flaggedShare).toBeGreaterThan(0);
    const { rows } = await database.db.execute<{ admitted: number; numbered: number }>(sql`
      select count(*)::int as admitted, count(admission_number)::int as numbered from burdens
      where status in ('admitted', 'expired') and issued_on >= ${`${gate}-01`} and issued_on < ${`${thisMonth}-01`} and jsonb_array_length(findings) > 0`);
    expect(rows[0]!.admitted).toBeGreaterThan(10);
    expect(rows[0]!.numbered).toBe(rows[0]!.admitted);
  });

  it("monitoring points and the public's satisfaction have answers in every month", async () => {
    const raohe = (await getUnit(database.db, "230524"))!;
    const s = await indexSeries(database.db, raohe, { from, to });
    expect(s.months.every((m) => m.actual.answers > 0)).toBe(true);
    const satisfaction = await satisfactionResults(database.db, raohe, from, to);
    expect(satisfaction.months.filter((m) => m.responses > 0).length).toBeGreaterThanOrEqual(11);
  });

  it("cases: fewer received than a year before, closed faster, some closed late, and some overdue today", async () => {
    const office = await actor("raohe_office");
    const now = await caseStatistics(database.db, office, period);
    const before = await caseStatistics(database.db, office, yearBefore);
    expect(now.byCategory.length).toBeGreaterThan(3);
    expect(now.received).toBeLessThan(before.received);
    expect(now.medianDaysToClose!).toBeLessThan(before.medianDaysToClose!);
    expect(now.overdue).toBeGreaterThan(0);
    expect(await stepsTakenLate(database.db, yearBefore.from, yearBefore.to)).toBeGreaterThan(await stepsTakenLate(database.db, period.from, period.to));
  });

  it("一表通: two departments' forms, figures avoided and merged, villages' submissions over the year", async () => {
    const f = await formFigures(database.db, { actor: await actor("raohe_office"), from: period.from, to: period.to });
    expect(f.departments.length).toBeGreaterThanOrEqual(2);
    expect(f.departments.every((d) => d.avoided > 0)).toBe(true);
    expect(f.totals.merged).toBeGreaterThan(0);
    expect(f.totals.hoursSaved).toBeGreaterThan(0);
    const { rows } = await database.db.execute<{ months: number }>(sql`
      select count(distinct to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM'))::int as months from form_submissions where created_at < ${`${thisMonth}-01`}::date`);
    expect(rows[0]!.months).toBeGreaterThanOrEqual(5);
  });
});

/**
 * Steps of the cases received between `from` and `to` taken after the deadline the state they left set
 * (working days by the region's settings and calendar, as transitionCase sets them).
 */
async function stepsTakenLate(db: Database["db"], from: string, to: string): Promise<number> {
  const { rows } = await db.execute<{ id: string; path: string; received_on: string; steps: { status: string; on: string }[] }>(sql`
    select c.id, c.handler_region_path as path, c.received_on::text as received_on,
      coalesce(jsonb_agg(jsonb_build_object('status', e.status, 'on', e."on"::text) order by e.seq) filter (where e.kind = 'status'), '[]') as steps
    from cases c left join case_events e on e.case_id = c.id
    where c.received_on between ${from} and ${to} group by c.id`);
  let late = 0;
  for (const c of rows) {
    let state = { status: "received", on: c.received_on };
    for (const step of c.steps) {
      const deadline = await deadlineFor(db, c.path, state.status as CaseStatus, state.on);
      if (deadline && step.on > deadline) late++;
      state = step;
    }
  }
  return late;
}

describe("demo data of 指尖减负, 挂牌清理 and 评比创建清单", () => {
  it("each page has something to show: loads, proposals, 乱挂牌, evaluations not on the list", async () => {
    expect(first).toMatchObject({ fingertips: 12, plaques: 10, evaluations: 4 });
    const db = database.db;
    const office = await actor("raohe_office");
    const mine = (await fingertipLoad(db, await actor("raohe_village"), undefined, 10)).rows[0]!;
    expect(mine.channels).toBeGreaterThanOrEqual(7);
    expect(mine.heaviest[0]!.name).toBe("饶河党建学习打卡");
    const proposals = await mergeProposals(db, office, "zh-CN");
    expect(proposals.map((p) => [p.keep.name, p.merge.name])).toEqual(expect.arrayContaining([["饶河县农业农村工作群", "饶河县农业农村局工作通知群"], ["饶河县民政低保核查群", "饶河县民政局低保工作群"]]));
    const counts = await plaqueCounts(db, office);
    // Nine plaques still hung, four of them 乱挂牌: a working day a year each by default.
    expect(counts.total).toMatchObject({ surveyedVillages: 2, plaques: 10, notAllowed: 5, removed: 1, stillHung: 4, yearlyHours: 72, yearlyHoursNotAllowed: 32 });
    const year = await evaluationYear(db, office, Number(chinaToday().slice(0, 4)));
    expect(year.burdens.map((b) => [b.title, b.onList])).toEqual(expect.arrayContaining([["美丽庭院示范户评选推荐", true], ["“文明村”创建评比材料报送", false]]));
    // 90 minutes for each village of 饶河镇: the burden registry's figure, and the approved item's through the burden citing it.
    const [cited, unlisted] = ["美丽庭院示范户评选推荐", "“文明村”创建评比材料报送"].map((title) => year.burdens.find((b) => b.title === title)!);
    expect(cited!.yearlyHours).toBeGreaterThan(0);
    expect(unlisted!.yearlyHours).toBe(cited!.yearlyHours);
    expect(year.requests.find((r) => r.title === "饶河县美丽庭院示范户评选")!.yearlyHours).toBe(cited!.status === "admitted" ? cited!.yearlyHours : 0);
    expect(year.total.yearlyHours).toBeGreaterThan(0);
  });
});

describe("demo data of 证明事项", () => {
  it("Raohe's list of proofs villages may issue, a ledger with refusals, and per-village counts that fall against last year", async () => {
    expect(first.proofs).toBe(13);
    const db = database.db;
    const office = await actor("raohe_office");
    const year = Number(chinaToday().slice(0, 4));
    expect((await listAllowedProofs(db, await actor("raohe_village"), year)).map((p) => p.code)).toEqual(["HLJ-ZM-01", "RH-ZM-01", "RH-ZM-02", "RH-ZM-03", "RH-ZM-04"]);
    const ledger = await listProofRequests(db, office, { year, limit: 100 });
    expect(ledger.items.map((p) => [p.proofName, p.decision]).sort()).toEqual([
      ["亲属关系证明", "refuse_banned"],
      ["困难群众家庭情况证明", "issue"],
      ["土地承包经营情况证明", "issue"],
      ["房屋产权归属证明", "refuse_unlisted"],
    ]);
    const counts = await proofCounts(db, office, year);
    expect(counts.villages.map((v) => [v.villageCode, v.issuedThisYear, v.issuedLastYear, v.refusedThisYear, v.change])).toEqual([
      ["230524100200", 1, 6, 2, -0.833],
      ["230524101200", 1, 3, 0, -0.667],
    ]);
    // Half an hour a proof issued, by default.
    expect(counts.villages.map((v) => [v.hoursThisYear, v.hoursLastYear])).toEqual([[0.5, 3], [0.5, 1.5]]);
    expect(counts.total).toEqual({ issuedThisYear: 2, issuedLastYear: 9, refusedThisYear: 2, hoursThisYear: 1, hoursLastYear: 4.5, change: -0.778 });
  });
});

describe("seeding again", () => {
  it("adds nothing: every step is idempotent", async () => {
    const again = await seedDemoData(database.db, "Demo-test-2026");
    expect(again).toMatchObject({ indicators: 0, fingertips: 0, plaques: 0, evaluations: 0, proofs: 0, ledger: 0, registers: 0, caseHistory: 0, formsHistory: 0 });
  }, 300_000);
});
