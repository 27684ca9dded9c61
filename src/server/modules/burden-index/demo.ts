import { sql } from "drizzle-orm";
import { ZBurdenInput, type BurdenInput, type BurdenKind, type Frequency } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { importLedger } from "../burdens/ledger.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { seededRandom } from "../../kernel/seeded-random.js";

/**
 * Demo history of Raohe 饶河县 for the burden index: the ledger 台账 its 减负办 kept before the gate,
 * January of last year to last month, imported as finished burdens. Last year is the heavy baseline
 * (county-wide forms, repeated inspections, weekly reports); this year the campaign shows: fewer
 * burdens, fewer county-wide forms and inspections, shorter meetings. Deterministic; idempotent.
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

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The ledger entries: last year heavy, this year lighter, up to the month before `today`. */
export function raoheLedger(today: string, townships: string[]): BurdenInput[] {
  const rand = seededRandom(20250101);
  const thisYear = Number(today.slice(0, 4));
  const entries: BurdenInput[] = [];
  for (let y = thisYear - 1; y <= thisYear; y++) {
    const lastMonth = y < thisYear ? 12 : Number(today.slice(5, 7)) - 1;
    for (let m = 1; m <= lastMonth; m++) {
      const before = y < thisYear;
      const count = before ? 12 + Math.floor(rand() * 5) : 10 + Math.floor(rand() * 3) - Math.floor(m / 4);
      for (let i = 0; i < count; i++) {
        const t = TEMPLATES[Math.floor(rand() * TEMPLATES.length)]!;
        // After the gate: recurring reports and APP check-ins are merged or stopped, evaluations cut.
        if (!before && (t.frequency !== "once" || t.kind === "evaluation") && rand() < 0.5) continue;
        const day = 1 + Math.floor(rand() * 20);
        const issuedOn = `${y}-${pad(m)}-${pad(day)}`;
        const span = t.frequency === "once" ? 5 + Math.floor(rand() * 8) : 60 + Math.floor(rand() * 30);
        const end = new Date(Date.UTC(y, m - 1, day + span));
        const deadline = end.toISOString().slice(0, 10) >= today ? `${y}-${pad(m)}-${pad(lastDay(y, m))}` : end.toISOString().slice(0, 10);
        const township = townships[Math.floor(rand() * townships.length)]!;
        const targets = t.wide && (before || rand() < 0.7) ? { under: "230524", level: "village" as const } : t.wide ? { under: township, level: "village" as const } : { under: "230524", level: "township" as const };
        entries.push(
          ZBurdenInput.parse({
          kind: t.kind,
          issuer: t.issuer,
          targets,
          title: `${y}年${m}月${t.title}`,
          text: `${t.title}（${y}年${m}月，台账记录）。`,
          issuedOn,
          deadline,
          frequency: t.frequency,
          minutesPerTarget: before ? t.minutes : Math.round(t.minutes * 0.85),
          details: t.details,
        }),
        );
      }
    }
  }
  return entries;
}

export async function seedDemoIndex(db: Db, today: string): Promise<number> {
  const { rows } = await db.execute(sql`select 1 from burdens where decision_reason like '台账导入%' limit 1`);
  if (rows.length > 0) return 0;
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!office || !raohe) return 0;
  const townships = (await unitsUnder(db, raohe.path, "township")).map((u) => u.code);
  const { imported } = await importLedger(db, { actor: office, source: "饶河县减负办工作台账（演示数据）", entries: raoheLedger(today, townships), today });
  return imported;
}
