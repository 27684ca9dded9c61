import { finding, type Rule } from "../types.js";
import { count } from "./text.js";

/**
 * 督查检查考核: an inspection must be an item of the approved annual plan 年度计划, and a department
 * holds at most the set number of comprehensive inspections 综合性督查检查 a year (2024 regulation).
 */

export const unplannedInspection: Rule = {
  code: "UNPLANNED_INSPECTION",
  description: { "zh-CN": "督查检查考核未列入经批准的年度计划", en: "Inspection not in the approved annual plan" },
  run: (burden, ctx) => {
    if (burden.kind !== "inspection") return [];
    const code = burden.details.planItemCode;
    const plan = ctx.registers.inspectionPlan;
    if (code && plan.some((p) => p.code === code)) return [];
    const year = burden.issuedOn.slice(0, 4);
    const why = !plan.length
      ? { zh: `本地区 ${year} 年尚无经批准的督查检查考核计划`, en: `the region has no approved inspection plan for ${year}` }
      : code
        ? { zh: `计划编号“${code}”不在 ${year} 年经批准的计划（共 ${plan.length} 项）中`, en: `the plan item “${code}” is not in the approved plan for ${year} (${count(plan.length, "item")})` }
        : { zh: "未填写年度计划编号", en: "no plan item is given" };
    return [
      finding(
        "UNPLANNED_INSPECTION",
        "block",
        `督查检查考核未列入年度计划：${why.zh}。计划外的督查检查考核不得开展，确需开展的须按程序报批`,
        `This inspection is in no approved annual plan: ${why.en}. An inspection outside the plan may not be held unless approved through the procedure`,
        { planItemCode: code ?? null, year: Number(year), planSize: plan.length },
      ),
    ];
  },
};

export const comprehensiveInspectionLimit: Rule = {
  code: "COMPREHENSIVE_INSPECTION_LIMIT",
  description: { "zh-CN": "综合性督查检查超过每年次数上限", en: "More comprehensive inspections than the yearly limit" },
  run: (burden, ctx) => {
    if (burden.kind !== "inspection" || !burden.details.comprehensive) return [];
    const cap = ctx.settings.comprehensiveInspectionsPerYear;
    const held = ctx.issuerUsage.comprehensiveInspectionsThisYear;
    if (held < cap) return [];
    const year = burden.issuedOn.slice(0, 4);
    return [
      finding(
        "COMPREHENSIVE_INSPECTION_LIMIT",
        "block",
        `${ctx.issuer.name} ${year} 年已开展 ${held} 次综合性督查检查，规定每年不超过 ${cap} 次；请并入已有的督查检查`,
        `${ctx.issuer.name} has already held ${held} comprehensive inspection${held === 1 ? "" : "s"} in ${year}; the limit is ${cap} a year. Merge it into one already held`,
        { held, cap, year: Number(year) },
      ),
    ];
  },
};

export const inspectionRules: Rule[] = [unplannedInspection, comprehensiveInspectionLimit];
