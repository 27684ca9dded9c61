import type { Db } from "../../db/client.js";
import { RAOHE_TEMPLATE_V1, RAOHE_TEMPLATE_V2, SIPAI_ADDITIONS } from "./demo-data.js";
import { latestVersion } from "./lists.js";
import { createTemplateVersion, setTownshipDifferences } from "./versions.js";

export const RAOHE_COUNTY = "230524";
export const SIPAI = "230524201000"; // 四排乡

/** The nine 镇/乡 of 饶河县 (the county's forest farms 林场 are township-level units without a list). */
export const RAOHE_TOWNSHIPS = [
  "230524100000", // 饶河镇
  "230524101000", // 小佳河镇
  "230524102000", // 西丰镇
  "230524103000", // 五林洞镇
  "230524200000", // 西林子乡
  "230524201000", // 四排乡
  "230524203000", // 大佳河乡
  "230524204000", // 山里乡
  "230524207000", // 大通河乡
];

/**
 * The demo duty lists of 饶河县: two template versions applied to its nine townships, and 四排乡's own
 * additions. Needs the demo hierarchy (org's seedDemo) first. Idempotent: once the county has a list,
 * it does nothing.
 */
export async function seedDemoDuties(db: Db): Promise<{ versionsCreated: number }> {
  if (await latestVersion(db, RAOHE_COUNTY)) return { versionsCreated: 0 };
  const seed = { actor: null, source: "seed" as const, countyCode: RAOHE_COUNTY };
  await createTemplateVersion(db, {
    ...seed,
    input: {
      reason: "按照省、市关于推进乡镇（街道）履职事项清单管理的部署，县减负办会同县委编办制定并印发全县乡镇履职事项清单",
      effectiveFrom: "2025-07-01",
      appliesTo: RAOHE_TOWNSHIPS,
      items: RAOHE_TEMPLATE_V1,
    },
  });
  await setTownshipDifferences(db, {
    actor: null,
    source: "seed",
    townshipCode: SIPAI,
    input: {
      reason: "四排乡为赫哲族民族乡，依据《民族乡行政工作条例》增列民族文化保护和渔业资源保护事项",
      effectiveFrom: "2025-07-01",
      add: SIPAI_ADDITIONS,
      change: [],
      remove: [],
    },
  });
  await createTemplateVersion(db, {
    ...seed,
    input: {
      reason: "年度动态调整：增列边境管控和护边员队伍管理；农药、兽药、饲料质量监督抽检收回县农业农村局",
      effectiveFrom: "2026-01-01",
      appliesTo: RAOHE_TOWNSHIPS,
      items: RAOHE_TEMPLATE_V2,
    },
  });
  return { versionsCreated: 3 };
}
