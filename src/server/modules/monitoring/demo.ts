import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AnswerInput } from "../../../contracts/monitoring.js";
import type { Db } from "../../db/client.js";
import { addDays } from "../../kernel/dates.js";
import { demoTimeline } from "../../kernel/demo-timeline.js";
import { recordAudit } from "../audit/audit.js";
import { applyAnswersToIndex, burdensOnVillageInWeek, type ActualCell } from "../burden-index/actual.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { choosePoint } from "./points.js";
import { monitoringAnswerItems, monitoringAnswers, monitoringUnregistered } from "./schema.js";
import { requestHash } from "./survey.js";
import { mondayOf, monthOfWeek, sundayOf } from "./weeks.js";
import { seededRandom } from "../../kernel/seeded-random.js";

const WEEKS = 56;
const UNREGISTERED = [
  { text: "镇里微信群临时通知报送人居环境整治照片，每户3张", issuerName: "镇农业综合服务中心" },
  { text: "县里某部门电话要求填写一份村情统计表（无文号）", issuerName: null },
  { text: "要求在政务APP上转发点赞宣传文章并截图", issuerName: "县融媒体中心" },
  { text: "临时迎检，整理补做台账资料", issuerName: null },
];

type AnswerRow = typeof monitoringAnswers.$inferInsert;
type ItemRow = typeof monitoringAnswerItems.$inferInsert;
type UnregisteredRow = typeof monitoringUnregistered.$inferInsert;

/**
 * Demo monitoring points 监测点 of Raohe: eight villages answering weekly since November of last year.
 * Before the gate (kernel/demo-timeline.ts) a burden took clearly more than its issuer estimated (photos, sign-ins,
 * ledgers) and unnumbered tasks came often; from the gate's month, as it took hold, actual hours fell
 * towards the estimate and unnumbered tasks grew rare. One village has not answered last week, so the
 * reminder list shows something. Written in bulk in one transaction with one audit entry (a start-up
 * seeds it; answering one by one would take the server many seconds longer to come up). Idempotent.
 */
export async function seedDemoMonitoring(db: Db, today: string): Promise<number> {
  const { rows } = await db.execute(sql`select 1 from monitoring_points limit 1`);
  if (rows.length > 0) return 0;
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!office || !raohe) return 0;
  const first = addDays(mondayOf(today), -7 * WEEKS);
  const { gate } = demoTimeline(today);
  const villages = (await unitsUnder(db, raohe.path, "village")).filter((v, i) => v.code === "230524100200" || v.code === "230524101200" || i % 11 === 3).slice(0, 8);
  const cadres = new Map([["230524100200", await actorByUsername(db, "raohe_village")], ["230524101200", await actorByUsername(db, "jiaping_village")]]);
  const rand = seededRandom(20260701);
  const answers: AnswerRow[] = [];
  const items: ItemRow[] = [];
  const unregisteredRows: UnregisteredRow[] = [];
  const cells: ActualCell[] = [];
  for (const village of villages) {
    await choosePoint(db, office, village.code, first);
    const cadre = cadres.get(village.code) ?? null;
    const all = await burdensOnVillageInWeek(db, village.code, first, addDays(first, 7 * WEEKS - 1), 5000);
    for (let w = 0; w < WEEKS; w++) {
      const week = addDays(first, 7 * w);
      // The Jiaping point owes last week; others miss a week now and then.
      if ((village.code === "230524101200" && w === WEEKS - 1) || rand() < 0.06) continue;
      // Before the gate the load is heavy and steady; after it, it falls week by week.
      const progress = week < gate ? 0 : (Date.parse(week) - Date.parse(gate)) / (Date.parse(addDays(first, 7 * WEEKS)) - Date.parse(gate));
      const factor = week < gate ? 1.9 : 1.6 - 0.5 * progress;
      const listed = all.filter((b) => b.loadFrom <= sundayOf(week) && b.loadTo >= week).slice(0, 12);
      const answered = listed.map((b) => ({ b, hours: Math.min(168, Math.round(((b.expectedMinutes / 60) * factor * (0.8 + rand() * 0.4)) * 10) / 10) }));
      const u = rand() < 0.55 - 0.45 * progress ? [{ ...UNREGISTERED[Math.floor(rand() * UNREGISTERED.length)]!, hours: Math.round((1 + rand() * 5) * (1.4 - progress) * 10) / 10 }] : [];
      const input: AnswerInput = { week, idempotencyKey: `demo-${village.code}-${week}`, items: answered.map((a) => ({ burdenId: a.b.burdenId, hours: a.hours })), unregistered: u.map((x) => ({ text: x.text, issuerName: x.issuerName ?? undefined, hours: x.hours })) };
      const id = randomUUID();
      const totals = {
        expectedMinutes: answered.reduce((n, a) => n + a.b.expectedMinutes, 0),
        actualMinutes: answered.reduce((n, a) => n + Math.round(a.hours * 60), 0),
        unregisteredMinutes: u.reduce((n, x) => n + Math.round(x.hours * 60), 0),
        unregisteredCount: u.length,
      };
      answers.push({ id, unitCode: village.code, unitPath: village.path, provinceCode: village.provinceCode, week, month: monthOfWeek(week), idempotencyKey: input.idempotencyKey, requestHash: requestHash(input), ...totals, answeredBy: cadre?.id ?? office.id, answeredByName: cadre?.displayName ?? `${village.name}监测员` });
      for (const a of answered) items.push({ answerId: id, burdenId: a.b.burdenId, admissionNumber: a.b.admissionNumber, title: a.b.title, issuerCode: a.b.issuerCode, expectedMinutes: a.b.expectedMinutes, actualMinutes: Math.round(a.hours * 60) });
      for (const x of u) unregisteredRows.push({ answerId: id, text: x.text, issuerName: x.issuerName, minutes: Math.round(x.hours * 60) });
      cells.push({ unitPath: village.path, month: monthOfWeek(week), expectedMinutes: totals.expectedMinutes, actualMinutes: totals.actualMinutes, unregisteredMinutes: totals.unregisteredMinutes, unregistered: totals.unregisteredCount });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < answers.length; i += 500) await tx.insert(monitoringAnswers).values(answers.slice(i, i + 500));
    for (let i = 0; i < items.length; i += 500) await tx.insert(monitoringAnswerItems).values(items.slice(i, i + 500));
    if (unregisteredRows.length > 0) await tx.insert(monitoringUnregistered).values(unregisteredRows);
    await applyAnswersToIndex(tx, cells);
    await recordAudit(tx, { actor: { id: office.id, name: office.username }, action: "monitoring.demo_import", entityType: "monitoring_week", entityId: raohe.code, scopePath: raohe.path, detail: { answers: answers.length, from: first } });
  });
  return answers.length;
}
