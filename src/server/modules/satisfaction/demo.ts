import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { shiftPeriod } from "../../kernel/periods.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { recordResponses } from "./survey.js";
import { seededRandom } from "../../kernel/seeded-random.js";

const COMMENTS = [
  ["村干部总在填表拍照，找人办事经常找不到。", "一到检查就让我们配合拍照签字。", "手机上要装好几个APP，天天让打卡。"],
  ["最近村里干部在办公室的时间多了。", "办低保材料比以前快一些。", "少了一些拍照留痕的要求。"],
  ["干部有时间入户了，帮我们解决了灌溉用水问题。", "现在办事一次就能办完，不用反复跑。", "没再被要求下载APP，挺好。"],
];

/**
 * Demo satisfaction answers 群众满意度 for Raohe: twelve months up to this month at a few villages and
 * townships, scores rising from under 3 to about 4 as the campaign shows, comments to match; written in
 * bulk with one audit entry. Idempotent.
 */
export async function seedDemoSatisfaction(db: Db, today: string): Promise<number> {
  const { rows } = await db.execute(sql`select 1 from satisfaction_responses limit 1`);
  if (rows.length > 0) return 0;
  const raohe = await getUnit(db, "230524");
  if (!raohe) return 0;
  const villages = (await unitsUnder(db, raohe.path, "village")).filter((_, i) => i % 7 === 0).slice(0, 10);
  const townships = await unitsUnder(db, raohe.path, "township");
  const units = [...villages, ...townships.slice(0, 4)];
  const rand = seededRandom(20260901);
  const thisMonth = today.slice(0, 7);
  const answers: Parameters<typeof recordResponses>[1] = [];
  for (let k = 11; k >= 0; k--) {
    const month = shiftPeriod(thisMonth, -k);
    const progress = (11 - k) / 11;
    for (const unit of units) {
      const count = 2 + Math.floor(rand() * 4);
      for (let i = 0; i < count; i++) {
        const s = () => Math.max(1, Math.min(5, Math.round(2.6 + 1.5 * progress + (rand() - 0.5) * 2)));
        const comments = COMMENTS[Math.min(2, Math.floor(progress * 3))]!;
        const comment = rand() < 0.25 ? comments[Math.floor(rand() * comments.length)] : undefined;
        answers.push({ unit, month, scores: { q1: s(), q2: s(), q3: s(), q4: s() }, comment: comment ?? null });
      }
    }
  }
  await recordResponses(db, answers, { region: raohe });
  return answers.length;
}
