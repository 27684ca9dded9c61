import { randomBytes } from "node:crypto";
import type { CaseCategory, CaseStatus } from "../../contracts/cases.js";
import type { Db } from "../db/client.js";
import type { Actor } from "../kernel/actor.js";
import { addDays } from "../kernel/dates.js";
import { firstDayOf, periodOf, periodsFrom, shiftPeriod } from "../kernel/periods.js";
import { demoTimeline } from "../kernel/demo-timeline.js";
import { deriveKeys } from "../modules/cases/crypto.js";
import { deadlineFor } from "../modules/cases/deadlines.js";
import { caseByReceipt, type CaseRow } from "../modules/cases/follow.js";
import { transitionCase } from "../modules/cases/handling.js";
import { receiveReport } from "../modules/cases/intake.js";
import { caseStatistics } from "../modules/cases/stats.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit, unitsUnder } from "../modules/org/units.js";
import { seededRandom } from "../kernel/seeded-random.js";

/**
 * Two years of reports 问题线索 about Raohe's townships and villages, through the cases module's own
 * functions (received, verified, rectified, closed on their days), so the dashboard's case chart and the
 * monthly report say something true: before the gate (kernel/demo-timeline.ts) about five reports a month, most about
 * meetings, documents, inspections and apps, handled slowly and often past a step's working-day deadline
 * (期限, cases/deadlines.ts); after it, fewer each month, handled faster and mostly in time. Half of the
 * last four months' cases stalled at some step, most of them overdue today; the newest are still open
 * within their deadline. The receipt codes are
 * thrown away (throwaway keys), as the other demo cases' are. Idempotent: nothing is seeded once the
 * months before the gate have cases.
 */

const REPORTS: Record<string, string[]> = {
  meetings_documents: ["镇里一周开了四次视频会，要求村干部全部在村部参会并拍照签到。", "县里一个部门的文件层层转发到村，要求每村写学习心得并盖章报送。"],
  inspections: ["一个月内三个部门分别来村检查人居环境，每次都要求重新整理台账。", "乡镇对村里的考核要求提供上百张照片佐证，村干部连续加班整理。"],
  fingertip: ["村干部手机里装了十一个政务APP，每天要在其中四个打卡。", "工作群晚上十点后还在要求接龙回复“收到”并截图。"],
  layered_increase: ["县里要求的防返贫走访一月一次，镇里加码为每周一次并要求入户合影。"],
  proofs: ["村委会被要求给村民开具“无犯罪记录”“亲属关系”等证明。"],
  evaluations: ["镇里要求每村报名参加“美丽庭院”评比，并按户摊派布置费用。"],
};
const CATEGORIES = Object.keys(REPORTS) as CaseCategory[];

/** The states a case passes through, received to closed: three in ten reports prove unfounded. */
const pathOf = (rand: () => number): CaseStatus[] =>
  rand() < 0.3 ? ["verifying", "unsubstantiated", "closed"] : ["verifying", "substantiated", "rectifying", "verified", "closed"];

/**
 * How a case is handled in its era: the share of each step's working days used, and the chance that a
 * step overruns its deadline (by 2 to 15 days). Before the gate cases dragged; after it the office kept
 * to the deadlines.
 */
const HANDLING = {
  before: { pace: [0.6, 1], lateStep: 0.2 },
  after: { pace: [0.15, 0.5], lateStep: 0.03 },
} as const;

type Handling = (typeof HANDLING)[keyof typeof HANDLING];

/** Of the cases received in the last four months, every second one stalled: no step taken since some point. */
const RECENT_MONTHS = 4;

/** Takes a received case through its states, each on a day set against that state's deadline, until today. */
async function handle(db: Db, a: { actor: Actor; row: CaseRow; receivedOn: string; today: string; rand: () => number; how: Handling; stalls: boolean }): Promise<void> {
  const { actor, rand, how } = a;
  let row = a.row;
  let on = a.receivedOn;
  const path = pathOf(rand);
  // A stalled case stops before one of its steps (never before the first: someone always starts verifying).
  const stallAt = a.stalls ? 1 + Math.floor(rand() * (path.length - 1)) : path.length;
  for (const to of path.slice(0, stallAt)) {
    const deadline = (await deadlineFor(db, row.handlerRegionPath, row.status as CaseStatus, on))!;
    const allowed = daysBetween(on, deadline);
    const late = rand() < how.lateStep;
    const pace = how.pace[0] + rand() * (how.pace[1] - how.pace[0]);
    const next = late ? addDays(deadline, 2 + Math.floor(rand() * 14)) : addDays(on, Math.max(1, Math.round(allowed * pace)));
    if (next > a.today) return;
    await transitionCase(db, { actor, row, to, reason: late ? "演示数据：逾期办理" : "演示数据：按程序办理", today: next });
    row = { ...row, status: to };
    on = next;
  }
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export async function seedDemoCaseHistory(db: Db, today: string): Promise<number> {
  const office = await actorByUsername(db, "raohe_office");
  const jiwei = await actorByUsername(db, "raohe_jiwei");
  const raohe = await getUnit(db, "230524");
  if (!office || !jiwei || !raohe) return 0;
  const { gate, gatePeriod, monthsSinceGate } = demoTimeline(today);
  const first = firstDayOf(shiftPeriod(gatePeriod, -13));
  const before = [office, jiwei].map((a) => caseStatistics(db, a, { from: first, to: addDays(gate, -1), today }));
  if ((await Promise.all(before)).some((s) => s.received > 0)) return 0;
  const units = [...(await unitsUnder(db, raohe.path, "township")), ...(await unitsUnder(db, raohe.path, "village")).slice(0, 40)];
  if (units.length === 0) return 0;
  const keys = deriveKeys(randomBytes(32).toString("hex"));
  const rand = seededRandom(20261207);
  let made = 0;
  const recent = firstDayOf(shiftPeriod(periodOf(today), -RECENT_MONTHS));
  let recentCases = 0;
  for (const period of periodsFrom(periodOf(first), periodOf(today))) {
    const start = firstDayOf(period);
    const afterGate = start >= gate;
    // Months since the gate, 0 … 11: reports fall from four a month towards one; before it, four to six.
    const since = afterGate ? monthsSinceGate(period) : 0;
    const count = afterGate ? Math.max(1, Math.round(4 - since * 0.3 + (rand() - 0.5))) : 4 + Math.floor(rand() * 3);
    for (let i = 0; i < count; i++) {
      const receivedOn = addDays(start, Math.floor(rand() * 27));
      if (receivedOn > today) break;
      const category = afterGate && rand() < 0.4 ? "fingertip" : CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
      const texts = REPORTS[category]!;
      const unit = units[Math.floor(rand() * units.length)]!;
      const text = `${unit.name}：${texts[Math.floor(rand() * texts.length)]!}`;
      const { receipt } = await receiveReport(db, keys, { channel: "public", input: { category, text, unitCode: unit.code, noAdmission: true }, identity: null, today: receivedOn });
      const row = await caseByReceipt(db, keys, receipt);
      const stalls = receivedOn >= recent && recentCases++ % 2 === 0;
      await handle(db, { actor: row.handlerRole === "commission" ? jiwei : office, row, receivedOn, today, rand, how: afterGate ? HANDLING.after : HANDLING.before, stalls });
      made++;
    }
  }
  return made;
}
