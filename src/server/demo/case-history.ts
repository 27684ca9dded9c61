import { randomBytes } from "node:crypto";
import type { CaseCategory, CaseStatus } from "../../contracts/cases.js";
import type { Db } from "../db/client.js";
import { addDays } from "../kernel/dates.js";
import { deriveKeys } from "../modules/cases/crypto.js";
import { caseByReceipt } from "../modules/cases/follow.js";
import { transitionCase } from "../modules/cases/handling.js";
import { receiveReport } from "../modules/cases/intake.js";
import { caseStatistics } from "../modules/cases/stats.js";
import { actorByUsername } from "../modules/org/auth.js";
import { getUnit, unitsUnder } from "../modules/org/units.js";
import { seededRandom } from "../kernel/seeded-random.js";

/**
 * Two years of reports 问题线索 about Raohe's townships and villages, through the cases module's own
 * functions (received, verified, rectified, closed on their days), so the dashboard's case chart and the
 * monthly report say something true: before the gate (last year) about five reports a month, most about
 * meetings, documents, inspections and apps, closed in about five weeks; after it, fewer each month, and
 * closed faster. A few recent ones are still open. The receipt codes are thrown away (throwaway keys),
 * as the other demo cases' are. Idempotent: nothing is seeded once last year has cases.
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

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;

/** The path a case takes, with the days after its receipt each step is taken. */
function pathOf(rand: () => number, days: number): { to: CaseStatus; after: number }[] {
  const verify = { to: "verifying" as const, after: 2 };
  if (rand() < 0.3) return [verify, { to: "unsubstantiated", after: Math.round(days * 0.5) }, { to: "closed", after: Math.round(days * 0.6) }];
  return [verify, { to: "substantiated", after: Math.round(days * 0.35) }, { to: "rectifying", after: Math.round(days * 0.4) }, { to: "verified", after: Math.round(days * 0.9) }, { to: "closed", after: days }];
}

export async function seedDemoCaseHistory(db: Db, today: string): Promise<number> {
  const office = await actorByUsername(db, "raohe_office");
  const jiwei = await actorByUsername(db, "raohe_jiwei");
  const raohe = await getUnit(db, "230524");
  if (!office || !jiwei || !raohe) return 0;
  const year = Number(today.slice(0, 4));
  const gate = `${year}-01-01`;
  const first = monthStart(year - 2, 12);
  const before = [office, jiwei].map((a) => caseStatistics(db, a, { from: first, to: addDays(gate, -1), today }));
  if ((await Promise.all(before)).some((s) => s.received > 0)) return 0;
  const units = [...(await unitsUnder(db, raohe.path, "township")), ...(await unitsUnder(db, raohe.path, "village")).slice(0, 40)];
  if (units.length === 0) return 0;
  const keys = deriveKeys(randomBytes(32).toString("hex"));
  const rand = seededRandom(20261207);
  let made = 0;
  for (let y = year - 2, m = 12; monthStart(y, m) <= today; m === 12 ? ((m = 1), y++) : m++) {
    const start = monthStart(y, m);
    const afterGate = start >= gate;
    // Months since the gate, 0 … 11: reports fall from four a month towards one; before it, four to six.
    const since = afterGate ? m - 1 : 0;
    const count = afterGate ? Math.max(1, Math.round(4 - since * 0.3 + (rand() - 0.5))) : 4 + Math.floor(rand() * 3);
    for (let i = 0; i < count; i++) {
      const receivedOn = addDays(start, Math.floor(rand() * 27));
      if (receivedOn > today) break;
      const category = afterGate && rand() < 0.4 ? "fingertip" : CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
      const texts = REPORTS[category]!;
      const unit = units[Math.floor(rand() * units.length)]!;
      const text = `${unit.name}：${texts[Math.floor(rand() * texts.length)]!}`;
      const { receipt } = await receiveReport(db, keys, { channel: "public", input: { category, text, unitCode: unit.code, noAdmission: true }, identity: null, today: receivedOn });
      let row = await caseByReceipt(db, keys, receipt);
      const actor = row.handlerRole === "commission" ? jiwei : office;
      // Before the gate a case took about five weeks to close; after it about two.
      const days = afterGate ? 10 + Math.floor(rand() * 12) : 28 + Math.floor(rand() * 20);
      for (const step of pathOf(rand, days)) {
        const on = addDays(receivedOn, step.after);
        if (on > today) break;
        await transitionCase(db, { actor, row, to: step.to, reason: "演示数据：按程序办理", today: on });
        row = { ...row, status: step.to };
      }
      made++;
    }
  }
  return made;
}
