import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { addDays } from "../../kernel/dates.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { choosePoint } from "./points.js";
import { loadSurvey, submitAnswer } from "./survey.js";
import { mondayOf } from "./weeks.js";

/** mulberry32: the demo says the same thing on every start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKS = 56;
const UNREGISTERED = [
  { text: "镇里微信群临时通知报送人居环境整治照片，每户3张", issuerName: "镇农业综合服务中心" },
  { text: "县里某部门电话要求填写一份村情统计表（无文号）", issuerName: null },
  { text: "要求在政务APP上转发点赞宣传文章并截图", issuerName: "县融媒体中心" },
  { text: "临时迎检，整理补做台账资料", issuerName: null },
];

/**
 * Demo monitoring points 监测点 of Raohe: eight villages answering weekly since November of last year.
 * Before the gate (last year) a burden took clearly more than its issuer estimated (photos, sign-ins,
 * ledgers) and unnumbered tasks came often; from January, as the gate took hold, actual hours fell
 * towards the estimate and unnumbered tasks grew rare. One village has not answered last week, so the
 * reminder list shows something. Idempotent.
 */
export async function seedDemoMonitoring(db: Db, today: string): Promise<number> {
  const { rows } = await db.execute(sql`select 1 from monitoring_points limit 1`);
  if (rows.length > 0) return 0;
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!office || !raohe) return 0;
  const first = addDays(mondayOf(today), -7 * WEEKS);
  const gate = `${today.slice(0, 4)}-01-01`;
  const villages = (await unitsUnder(db, raohe.path, "village")).filter((v, i) => v.code === "230524100200" || v.code === "230524101200" || i % 11 === 3).slice(0, 8);
  const rand = random(20260701);
  let answers = 0;
  for (const village of villages) {
    await choosePoint(db, office, village.code, first);
    const user = village.code === "230524100200" ? await actorByUsername(db, "raohe_village") : village.code === "230524101200" ? await actorByUsername(db, "jiaping_village") : null;
    const actor: Actor = user ?? { id: randomUUID(), username: `demo-${village.code}`, displayName: `${village.name}监测员`, role: "village_cadre", scope: village, mustChangePassword: false };
    for (let w = 0; w < WEEKS; w++) {
      const week = addDays(first, 7 * w);
      // The Jiaping point owes last week; others miss a week now and then.
      if ((village.code === "230524101200" && w === WEEKS - 1) || rand() < 0.06) continue;
      // Before the gate the load is heavy and steady; after it, it falls week by week.
      const progress = week < gate ? 0 : (Date.parse(week) - Date.parse(gate)) / (Date.parse(addDays(first, 7 * WEEKS)) - Date.parse(gate));
      const factor = week < gate ? 1.9 : 1.6 - 0.5 * progress;
      const survey = await loadSurvey(db, actor, week, today);
      const items = survey.burdens.slice(0, 12).map((b) => ({ burdenId: b.burdenId, hours: Math.min(168, Math.round(b.expectedHours * factor * (0.8 + rand() * 0.4) * 10) / 10) }));
      const unregistered = rand() < 0.55 - 0.45 * progress ? [{ ...pick(rand), hours: Math.round((1 + rand() * 5) * (1.4 - progress) * 10) / 10 }] : [];
      await submitAnswer(db, actor, { week, idempotencyKey: `demo-${village.code}-${week}`, items, unregistered: unregistered.map((u) => ({ text: u.text, issuerName: u.issuerName ?? undefined, hours: u.hours })) }, today);
      answers++;
    }
  }
  return answers;
}

const pick = (rand: () => number) => UNREGISTERED[Math.floor(rand() * UNREGISTERED.length)]!;
