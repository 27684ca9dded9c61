import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { addDays } from "../../kernel/dates.js";
import { addRegisterEntries } from "../burdens/gate/settings.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { addAllowedProof } from "./allowed-list.js";
import { recordProofRequest } from "./requests.js";
import { proofRequests } from "./schema.js";

/** Raohe's list of proofs a village may issue 村级可出具证明事项清单, the same last year and this. */
const LIST = [
  ["RH-ZM-01", "困难群众家庭情况证明"],
  ["RH-ZM-02", "村民自治组织换届选举证明"],
  ["RH-ZM-03", "土地承包经营情况证明"],
  ["RH-ZM-04", "集体经济组织成员身份证明"],
] as const;

/** An entry of 黑龙江省's own list, above Raohe's. */
const PROVINCE_ENTRY = { code: "HLJ-ZM-01", title: "农业机械购置补贴申领证明" };

/**
 * Demo proofs for Raohe: the list of both years (with one entry the province set), and what two villages were asked — many proofs last
 * year, fewer this year, among them a banned one (亲属关系) and one not on the list, refused with their
 * notices — so the page shows a list, a ledger and per-village counts with a fall (the Heze figures in
 * miniature). Idempotent: nothing when any proof is logged.
 */
export async function seedDemoProofs(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(proofRequests);
  if ((existing?.n ?? 0) > 0) return 0;
  const [office, raohe, jiaping] = await Promise.all([actorByUsername(db, "raohe_office"), actorByUsername(db, "raohe_village"), actorByUsername(db, "jiaping_village")]);
  if (!office || !raohe || !jiaping) return 0;
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year]) for (const [code, title] of LIST) await addAllowedProof(db, office, { regionCode: "230524", year: y, code, title });
  // One proof the province keeps on every village's list: Raohe's office sees it, and may not take it off.
  const province = await getUnit(db, "230000");
  if (province) for (const y of [year - 1, year]) await addRegisterEntries(db, { actor: null, region: province, year: y, register: "allowed_proof", entries: [PROVINCE_ENTRY] });
  // This year's dates count back from today, never before 1 January.
  const thisYear = (daysAgo: number) => [addDays(today, -daysAgo), `${year}-01-01`].sort().at(-1)!;
  const asked: [typeof raohe, string, string, string, string][] = [
    [raohe, "230524100200", `${year - 1}-03-12`, "困难群众家庭情况证明", "县民政局"],
    [raohe, "230524100200", `${year - 1}-04-02`, "困难群众家庭情况证明", "县医疗保障局"],
    [raohe, "230524100200", `${year - 1}-05-20`, "土地承包经营情况证明", "某农村商业银行饶河支行"],
    [raohe, "230524100200", `${year - 1}-06-08`, "集体经济组织成员身份证明", "县农业农村局"],
    [raohe, "230524100200", `${year - 1}-09-15`, "困难群众家庭情况证明", "县教育局（助学金）"],
    [raohe, "230524100200", `${year - 1}-11-03`, "土地承包经营情况证明", "县自然资源局"],
    [jiaping, "230524101200", `${year - 1}-02-21`, "困难群众家庭情况证明", "县民政局"],
    [jiaping, "230524101200", `${year - 1}-07-30`, "村民自治组织换届选举证明", "县民政局"],
    [jiaping, "230524101200", `${year - 1}-10-11`, "集体经济组织成员身份证明", "县农业农村局"],
    [raohe, "230524100200", thisYear(120), "困难群众家庭情况证明", "县民政局"],
    [raohe, "230524100200", thisYear(60), "亲属关系证明", "某农村商业银行饶河支行"],
    [raohe, "230524100200", thisYear(25), "房屋产权归属证明", "某保险公司饶河营销服务部"],
    [jiaping, "230524101200", thisYear(40), "土地承包经营情况证明", "县自然资源局"],
  ];
  for (const [actor, villageCode, on, proofName, requestedBy] of asked) await recordProofRequest(db, { actor, input: { villageCode, proofName, requestedBy, on } });
  return asked.length;
}
