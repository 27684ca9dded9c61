import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { addDays } from "../../kernel/dates.js";
import { createBurden, submitBurden } from "../burdens/registry.js";
import { actorByUsername } from "../org/auth.js";
import { addAllowedPlaques, markRemoved, surveyPlaque } from "./plaques.js";
import { decideRequest, requestEvaluation } from "./requests.js";
import { evaluationRequests, plaqueAllowed } from "./schema.js";

/** The plaques a village office may hang, after the 2022 guidance on village work, mechanisms and plaques. */
export const DEMO_ALLOWED_PLAQUES = ["中共村委员会", "村民委员会", "村务监督委员会", "村股份经济合作社", "党群服务中心", "新时代文明实践站"];
const BASIS = "《关于规范村级组织工作事务、机制牌子和证明事项的意见》";

/** Raohe's plaque survey: 饶河村 and 佳平村 with what hangs on their doors, some not allowed, one already down. */
async function seedPlaques(db: Db, today: string): Promise<number> {
  const office = await actorByUsername(db, "raohe_office");
  const raohe = await actorByUsername(db, "raohe_village");
  const jiaping = await actorByUsername(db, "jiaping_village");
  if (!office || !raohe || !jiaping) return 0;
  await addAllowedPlaques(db, office, "230524", DEMO_ALLOWED_PLAQUES.map((name) => ({ name, basis: BASIS })));
  const found: [typeof raohe, string, string, string | undefined][] = [
    [raohe, "230524100200", "中共饶河村委员会", undefined],
    [raohe, "230524100200", "饶河村村民委员会", undefined],
    [raohe, "230524100200", "饶河村党群服务中心", undefined],
    [raohe, "230524100200", "饶河村平安创建示范村", "县委政法委"],
    [raohe, "230524100200", "饶河村妇女儿童之家", "县妇联"],
    [raohe, "230524100200", "饶河村禁毒工作站", "县公安局"],
    [jiaping, "230524101200", "佳平村村民委员会", undefined],
    [jiaping, "230524101200", "佳平村村务监督委员会", undefined],
    [jiaping, "230524101200", "佳平村老年人协会", "县老龄办"],
    [jiaping, "230524101200", "佳平村科普示范基地", "县科协"],
  ];
  const ids: string[] = [];
  for (const [actor, villageCode, name, issuer] of found) ids.push(await surveyPlaque(db, actor, { villageCode, name, issuer, surveyedOn: addDays(today, -10) }));
  await markRemoved(db, raohe, ids[5]!, addDays(today, -3));
  return ids.length;
}

/** Raohe's evaluation list: two approved items, one rejected, one waiting; two evaluation burdens, one not on the list. */
async function seedEvaluations(db: Db, today: string): Promise<number> {
  const office = await actorByUsername(db, "raohe_office");
  const nyncj = await actorByUsername(db, "raohe_nyncj");
  const town = await actorByUsername(db, "raohe_town");
  if (!office || !nyncj || !town) return 0;
  const year = Number(today.slice(0, 4));
  const a = await requestEvaluation(db, nyncj, { issuer: "230524D01", year, title: "饶河县美丽庭院示范户评选", category: "demonstration", reason: "人居环境整治，全县评选示范户 50 户，不向村下达指标" });
  await decideRequest(db, office, a, { decision: "approve", reason: "列入年度计划，不得层层分解", approvalCode: `饶评〔${year}〕1号` });
  const b = await requestEvaluation(db, town, { issuer: "230524100000", year, title: "饶河镇乌苏里江开江节", category: "festival_forum", reason: "传统节庆，镇政府主办，村级不摊派" });
  await decideRequest(db, office, b, { decision: "approve", reason: "压缩规模，不摊派费用", approvalCode: `饶评〔${year}〕2号` });
  const c = await requestEvaluation(db, nyncj, { issuer: "230524D01", year, title: "农业农村系统“十佳村干部”擂台赛", category: "commendation", reason: "激励村干部干事创业" });
  await decideRequest(db, office, c, { decision: "reject", reason: "与年度考核重复，且要求各村报送材料过多" });
  await requestEvaluation(db, nyncj, { issuer: "230524D01", year, title: "饶河县庭院经济示范村创建", category: "demonstration", reason: "发展庭院经济，创建示范村 5 个" });
  for (const [title, approvalCode] of [["美丽庭院示范户评选推荐", `饶评〔${year}〕1号`], ["“文明村”创建评比材料报送", undefined]] as const) {
    const created = await createBurden(db, {
      actor: nyncj,
      input: {
        kind: "evaluation", issuer: "230524D01", targets: { under: "230524100000", level: "village" }, title, text: "", issuedOn: today, deadline: addDays(today, 30),
        frequency: "once", minutesPerTarget: 90, details: { category: "demonstration", ...(approvalCode ? { approvalCode } : {}) },
      },
    });
    await submitBurden(db, { actor: nyncj, id: created.id });
  }
  return 4;
}

export async function seedDemoEvaluations(db: Db, today: string): Promise<{ plaques: number; evaluations: number }> {
  const [[plaques], [requests]] = await Promise.all([db.select({ n: count() }).from(plaqueAllowed), db.select({ n: count() }).from(evaluationRequests)]);
  return {
    plaques: (plaques?.n ?? 0) > 0 ? 0 : await seedPlaques(db, today),
    evaluations: (requests?.n ?? 0) > 0 ? 0 : await seedEvaluations(db, today),
  };
}
