import { sql } from "drizzle-orm";
import { ZBurdenInput, type BurdenInput, type BurdenKind, type Frequency } from "../../contracts/burdens.js";
import type { Db } from "../db/client.js";
import type { Actor } from "../kernel/actor.js";
import { addDays } from "../kernel/dates.js";
import { firstDayOf, lastDayOf, periodOf, periodsFrom, shiftPeriod } from "../kernel/periods.js";
import { demoTimeline } from "../kernel/demo-timeline.js";
import { importLedger } from "../modules/burdens/ledger.js";
import { createBurden, decideBurden, expireOverdue, submitBurden, withdrawBurden } from "../modules/burdens/registry.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit, unitsUnder } from "../modules/org/units.js";
import { seededRandom } from "../kernel/seeded-random.js";

/**
 * Demo history of Raohe 饶河县 for the burden index, from thirteen months before the gate to last month
 * (the gate took effect eleven months back, kernel/demo-timeline.ts: January when seeded in December). The
 * months before it are the ledger 台账 its 减负办 kept, imported as finished burdens: the heavy baseline
 * (county-wide forms, repeated inspections, weekly reports). From the gate's month every burden
 * goes through the gate 准入 on its day of issue, as a department submits it: the campaign shows (fewer
 * burdens, fewer county-wide forms and inspections, shorter meetings), and the gate's findings with it —
 * short deadlines and heavy months sent to the office's review, inspections off the plan returned and
 * withdrawn. Departments learn: their deadlines lengthen month by month. Deterministic; idempotent.
 */

type Template = { kind: BurdenKind; issuer: string; title: string; minutes: number; frequency: Frequency; details: Record<string, unknown>; wide: boolean };
const DEPT = { nyncj: "230524D01", tjj: "230524D02", mzj: "230524D03", xwb: "230524D04" };
const TEMPLATES: Template[] = [
  { kind: "form", issuer: DEPT.tjj, title: "农村经济基本情况统计报表", minutes: 120, frequency: "once", details: { fieldCount: 40 }, wide: true },
  { kind: "form", issuer: DEPT.nyncj, title: "农作物种植面积和产量调度表", minutes: 90, frequency: "once", details: { fieldCount: 24 }, wide: true },
  { kind: "form", issuer: DEPT.mzj, title: "低保对象动态管理信息核查表", minutes: 150, frequency: "once", details: {}, wide: true },
  { kind: "form", issuer: DEPT.nyncj, title: "防返贫监测周报", minutes: 40, frequency: "weekly", details: {}, wide: true },
  { kind: "task", issuer: DEPT.nyncj, title: "人居环境整治专项行动", minutes: 240, frequency: "once", details: {}, wide: true },
  { kind: "task", issuer: DEPT.mzj, title: "养老服务需求入户摸排", minutes: 180, frequency: "once", details: {}, wide: true },
  { kind: "inspection", issuer: DEPT.xwb, title: "重点工作落实情况督查", minutes: 200, frequency: "once", details: { comprehensive: false, onSite: true }, wide: false },
  { kind: "inspection", issuer: DEPT.nyncj, title: "秸秆禁烧工作检查", minutes: 120, frequency: "once", details: { comprehensive: false, onSite: true }, wide: true },
  { kind: "meeting", issuer: DEPT.xwb, title: "全县重点工作推进会", minutes: 150, frequency: "once", details: { lengthMinutes: 150, attendeesPerTarget: 3, mode: "in_person", general: true }, wide: false },
  { kind: "meeting", issuer: DEPT.mzj, title: "民政业务培训视频会", minutes: 90, frequency: "once", details: { lengthMinutes: 90, attendeesPerTarget: 2, mode: "video", general: false }, wide: false },
  { kind: "evaluation", issuer: DEPT.xwb, title: "文明村镇创建评比", minutes: 300, frequency: "once", details: { category: "demonstration" }, wide: true },
  { kind: "app", issuer: DEPT.nyncj, title: "农技推广APP每日打卡", minutes: 10, frequency: "daily", details: { appName: "农技推广通", demands: ["check_in"] }, wide: true },
  { kind: "workgroup", issuer: DEPT.mzj, title: "民政工作群每日信息报送", minutes: 15, frequency: "daily", details: { groupName: "饶河民政工作群", demands: [] }, wide: true },
];

/**
 * What each template asked after the gate, as distinct asks: a department that sent the same table or
 * the same campaign every month before now asks about one thing at a time (the gate's duplicate screen
 * would stop a repeat), so each of this year's burdens takes one of its template's subjects in turn.
 */
const SUBJECTS: string[][] = [
  ["村集体经济收入季度统计", "农村居民人均可支配收入抽样调查", "村级债务情况统计", "农业经营主体基本情况统计"],
  ["春播进度调度", "大豆玉米种植面积核实", "秋粮收获进度调度", "设施农业面积统计"],
  ["低保边缘家庭认定信息核查", "特困供养人员生活自理能力评估", "临时救助对象信息比对", "残疾人两项补贴对象复核"],
  ["防返贫监测对象风险消除核查", "脱贫户务工收入监测", "易返贫致贫户产业帮扶情况"],
  ["村庄清洁春季行动", "农村户厕问题摸排整改", "生活垃圾分类收运试点", "村内河塘沟渠清淤"],
  ["高龄老人居家养老需求调查", "农村幸福院运营情况摸排", "独居老人冬季安全巡访", "失能老人照护需求登记"],
  ["营商环境问题整改督查", "为民办实事项目进度督查", "安全生产大检查落实督查"],
  ["春季秸秆离田利用检查", "秋季秸秆禁烧巡查", "秸秆还田作业质量抽查"],
  ["一季度经济运行分析会", "年中工作推进会", "三季度重点项目调度会", "冬季安全生产工作会"],
  ["社会救助政策培训会", "养老服务机构安全培训会", "婚姻登记业务培训会"],
  ["文明家庭推荐评选", "星级文明户评定", "美丽乡村示范村评选"],
  ["农技推广APP在线学习", "农技推广APP病虫害上报"],
  ["民政工作群救助信息报送", "民政工作群养老机构日报"],
];

/** The burdens issued month by month: last year heavy, this year lighter, up to the month before `today`. */
export function raoheLedger(today: string, townships: string[]): BurdenInput[] {
  const rand = seededRandom(20250101);
  const timeline = demoTimeline(today);
  const entries: BurdenInput[] = [];
  const used = TEMPLATES.map(() => 0);
  const nextSubject = (which: number) => SUBJECTS[which]![used[which]!++ % SUBJECTS[which]!.length]!;
  for (const period of periodsFrom(timeline.historyStart, shiftPeriod(periodOf(today), -1))) {
    const y = Number(period.slice(0, 4));
    const m = Number(period.slice(5, 7));
    const before = period < timeline.gatePeriod;
    // Months of the gate so far, 1 in its first month: the load keeps falling as departments learn.
    const k = timeline.monthsSinceGate(period) + 1;
    const count = before ? 12 + Math.floor(rand() * 5) : 10 + Math.floor(rand() * 3) - Math.floor(k / 4);
    for (let i = 0; i < count; i++) {
      const which = Math.floor(rand() * TEMPLATES.length);
      const t = TEMPLATES[which]!;
      // After the gate: recurring reports and APP check-ins are merged or stopped, evaluations cut.
      if (!before && (t.frequency !== "once" || t.kind === "evaluation") && rand() < 0.5) continue;
      const day = 1 + Math.floor(rand() * 20);
      const issuedOn = addDays(firstDayOf(period), day - 1);
      // Departments learn the gate's five working days: after it, a one-off's time grows month by month.
      const span = t.frequency === "once" ? 5 + Math.floor(rand() * 8) + (before ? 0 : Math.floor(k / 2)) : 60 + Math.floor(rand() * 30);
      const end = addDays(issuedOn, span);
      const deadline = end >= today ? lastDayOf(period) : end;
      const township = townships[Math.floor(rand() * townships.length)]!;
      const targets = t.wide && (before || rand() < 0.7) ? { under: "230524", level: "village" as const } : t.wide ? { under: township, level: "village" as const } : { under: "230524", level: "township" as const };
      const subject = before ? t.title : nextSubject(which);
      entries.push(
        ZBurdenInput.parse({
          kind: t.kind,
          issuer: t.issuer,
          targets,
          // The month in a title would make every ask of a month look alike to the duplicate screen.
          title: before ? `${y}年${m}月${subject}` : subject,
          text: before ? `${t.title}（${y}年${m}月，台账记录）。` : `${subject}。`,
          issuedOn,
          deadline,
          frequency: t.frequency,
          minutesPerTarget: before ? t.minutes : Math.round(t.minutes * 0.85),
          details: t.details,
        }),
      );
    }
  }
  return entries;
}

const ISSUERS: Record<string, string> = { [DEPT.nyncj]: "raohe_nyncj", [DEPT.tjj]: "raohe_tjj", [DEPT.mzj]: "raohe_mzj", [DEPT.xwb]: "raohe_xwb" };

/**
 * A burden of this year as it went. The department drafts it on its day of issue and sees the gate's
 * findings as of that day; a department that has learnt the rules (more of them as the year goes on)
 * drops a draft the gate would return or that repeats an earlier request. Else it submits: the office admits what was sent to its review, except a request repeating one still running,
 * which it returns; the department withdraws what came back. One-offs past their deadline expire as the
 * days pass, so the gate sees what was in force on the day.
 */
async function throughTheGate(db: Db, office: Actor, input: BurdenInput, learnt: boolean): Promise<"admitted" | "dropped" | "withdrawn"> {
  const today = input.issuedOn;
  await expireOverdue(db, today);
  const issuer = (await actorByUsername(db, ISSUERS[input.issuer]!))!;
  const draft = await createBurden(db, { actor: issuer, input, today });
  if (learnt && draft.prepared.findings.some((f) => f.severity === "block" || f.code === "DUPLICATE_REQUEST")) {
    await withdrawBurden(db, { actor: issuer, id: draft.id, reason: "起草时根据准入审查提示，不再下达" });
    return "dropped";
  }
  const submitted = await submitBurden(db, { actor: issuer, id: draft.id, today });
  let status: string = submitted.status;
  if (status === "in_review") {
    const repeated = submitted.findings.find((f) => f.code === "DUPLICATE_REQUEST")?.evidence.duplicateOf as { deadline: string } | undefined;
    const running = repeated !== undefined && repeated.deadline >= today;
    const reason = running ? "同类事项仍在执行，请复用其已采集的数据，不得重复索要" : "经审核同意下达：已提示下达单位按审查意见改进";
    status = (await decideBurden(db, { actor: office, id: draft.id, decision: running ? "return" : "admit", reason, today })).status;
  }
  if (status === "admitted") return "admitted";
  await withdrawBurden(db, { actor: issuer, id: draft.id, reason: "按准入审查意见撤回" });
  return "withdrawn";
}

export async function seedDemoIndex(db: Db, today: string): Promise<number> {
  const { rows } = await db.execute(sql`select 1 from burdens where decision_reason like '台账导入%' limit 1`);
  if (rows.length > 0) return 0;
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!office || !raohe) return 0;
  const townships = (await unitsUnder(db, raohe.path, "township")).map((u) => u.code);
  const { gate, monthsSinceGate } = demoTimeline(today);
  const entries = raoheLedger(today, townships);
  const { imported } = await importLedger(db, { actor: office, source: "饶河县减负办工作台账（演示数据）", entries: entries.filter((e) => e.issuedOn < gate), today });
  const rand = seededRandom(20260102);
  let submitted = 0;
  for (const input of entries.filter((e) => e.issuedOn >= gate).sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))) {
    // The gate's first month: no department knows the rules yet; ten months on, four in five heed the findings.
    const learnt = rand() < (0.8 * monthsSinceGate(periodOf(input.issuedOn))) / 10;
    await throughTheGate(db, office, input, learnt);
    submitted++;
  }
  await expireOverdue(db, today);
  return imported + submitted;
}
