import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { addDays } from "../../kernel/dates.js";
import { addRegisterEntries } from "../burdens/gate/settings.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { registerSecondment, returnSecondment } from "./registry.js";
import { secondments } from "./schema.js";

/**
 * Demo secondments for Raohe: one approved and returned, one approved and under way, and one borrowed
 * without approval, longer than six months and not back when due — the Putuo case in miniature.
 */
export async function seedDemoSecondments(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(secondments);
  if ((existing?.n ?? 0) > 0) return 0;
  const nyncj = await actorByUsername(db, "raohe_nyncj");
  const xwb = await actorByUsername(db, "raohe_xwb");
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await getUnit(db, "230524");
  if (!nyncj || !xwb || !office || !raohe) return 0;
  // An approval is looked up in the register of the year its secondment starts, which early in a year is the last one.
  const approve = async (n: number, startOn: string, title: string) => {
    const year = Number(startOn.slice(0, 4));
    const code = `饶组借〔${year}〕${n}号`;
    await addRegisterEntries(db, { actor: office, region: raohe, year, register: "secondment_approval", entries: [{ code, title }] });
    return code;
  };
  const [springStart, fieldStart] = [addDays(today, -200), addDays(today, -20)];
  const returned = await registerSecondment(db, {
    actor: nyncj,
    input: { personName: "刘晓东", fromUnit: "230524100000", borrowingUnit: "230524D01", startOn: springStart, plannedEndOn: addDays(today, -110), approvalCode: await approve(1, springStart, "同意县农业农村局借调饶河镇干部一名（春耕专班）"), reason: "春耕生产调度专班" },
  });
  await returnSecondment(db, { actor: nyncj, id: returned, returnedOn: addDays(today, -112) });
  await registerSecondment(db, {
    actor: nyncj,
    input: { personName: "王丽", fromUnit: "230524101000", borrowingUnit: "230524D01", startOn: fieldStart, plannedEndOn: addDays(today, 70), approvalCode: await approve(3, fieldStart, "同意县农业农村局借调小佳河镇干部一名（农田建设验收）"), reason: "高标准农田建设项目验收" },
  });
  await registerSecondment(db, {
    actor: xwb,
    input: { personName: "赵志刚", fromUnit: "230524100200", borrowingUnit: "230524D04", startOn: addDays(today, -260), plannedEndOn: addDays(today, -15), reason: "县委重点工作专班（文稿起草）" },
  });
  return 3;
}
