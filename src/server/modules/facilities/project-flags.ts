import { SHOWPIECE_KINDS, type ProjectFlagCode, type ProjectKind, type VanitySign } from "../../../contracts/projects.js";
import type { Lang } from "../../http/i18n.js";
import type { ProjectRules } from "./rules.js";

/**
 * What the register says about a project 项目; pure, from its figures and the region's thresholds.
 * - DEBT_WITHOUT_STUDY: money was borrowed and there is no feasibility study (the Xinjiang case:
 *   borrowing blindly for projects that met no demand).
 * - UNDER_USED: completed, and the latest year's use is under `underUseRatio` of the plan.
 * - VANITY_SIGNS 形象工程/政绩工程: two or more of the signs — a large cost per person served, a
 *   showpiece kind (landscape, plaza, gate arch), use near zero — each named in the message.
 */
export type ProjectFacts = {
  kind: ProjectKind;
  status: string;
  fiscalFunds: number;
  debtFunds: number;
  otherFunds: number;
  hasFeasibilityStudy: boolean;
  servedPopulation: number;
  expectedUsePerYear: number;
  useMeasure: string;
  uses: readonly { year: number; actualUse: number }[];
};

export const investmentOf = (p: Pick<ProjectFacts, "fiscalFunds" | "debtFunds" | "otherFunds">) => p.fiscalFunds + p.debtFunds + p.otherFunds;

const wan = (yuan: number) => Math.round(yuan / 1000) / 10;
const pct = (r: number) => `${Math.round(r * 100)}%`;

const SIGN_TEXT: Record<VanitySign, { zh: string; en: string }> = {
  cost_per_person: { zh: "人均投资过高", en: "large cost per person served" },
  showpiece_kind: { zh: "景观/广场/牌坊类", en: "a showpiece kind (landscape, plaza, gate arch)" },
  near_zero_use: { zh: "几乎无人使用", en: "use near zero" },
};

export function projectFlags(p: ProjectFacts, rules: ProjectRules, lang: Lang) {
  const zh = lang === "zh-CN";
  const flags: { code: ProjectFlagCode; message: string; signs?: VanitySign[] }[] = [];
  const investment = investmentOf(p);
  if (p.debtFunds > 0 && !p.hasFeasibilityStudy) {
    flags.push({
      code: "DEBT_WITHOUT_STUDY",
      message: zh
        ? `举债 ${wan(p.debtFunds)} 万元（占总投资 ${pct(p.debtFunds / investment)}），但未做可行性研究`
        : `${wan(p.debtFunds)} ten-thousand yuan borrowed (${pct(p.debtFunds / investment)} of the investment) with no feasibility study`,
    });
  }
  const latest = [...p.uses].sort((a, b) => b.year - a.year)[0];
  const ratio = p.status === "completed" && latest && p.expectedUsePerYear > 0 ? latest.actualUse / p.expectedUsePerYear : null;
  if (ratio !== null && latest && ratio < rules.underUseRatio) {
    flags.push({
      code: "UNDER_USED",
      message: zh
        ? `${latest.year} 年实际使用 ${latest.actualUse} ${p.useMeasure}，仅为设计 ${p.expectedUsePerYear} ${p.useMeasure}的 ${pct(ratio)}（低于 ${pct(rules.underUseRatio)}）`
        : `${latest.actualUse} ${p.useMeasure} in ${latest.year}, ${pct(ratio)} of the planned ${p.expectedUsePerYear} (under ${pct(rules.underUseRatio)})`,
    });
  }
  const signs: VanitySign[] = [];
  const perPerson = p.servedPopulation > 0 ? investment / p.servedPopulation : Number.POSITIVE_INFINITY;
  if (perPerson > rules.costPerPersonYuan) signs.push("cost_per_person");
  if (SHOWPIECE_KINDS.includes(p.kind)) signs.push("showpiece_kind");
  if (ratio !== null && ratio < rules.nearZeroRatio) signs.push("near_zero_use");
  if (signs.length >= 2) {
    const details = signs.map((s) => {
      if (s === "cost_per_person") {
        const each = Number.isFinite(perPerson) ? Math.round(perPerson) : null;
        return zh
          ? `${SIGN_TEXT[s].zh}（${each === null ? "无受益人口" : `每位受益群众 ${each} 元`}，上限 ${rules.costPerPersonYuan} 元）`
          : `${SIGN_TEXT[s].en} (${each === null ? "nobody served" : `${each} yuan per person`}, cap ${rules.costPerPersonYuan})`;
      }
      if (s === "near_zero_use") return zh ? `${SIGN_TEXT[s].zh}（使用率 ${pct(ratio ?? 0)}）` : `${SIGN_TEXT[s].en} (${pct(ratio ?? 0)} of the plan)`;
      return zh ? SIGN_TEXT[s].zh : SIGN_TEXT[s].en;
    });
    flags.push({
      code: "VANITY_SIGNS",
      signs,
      message: zh ? `形象工程/政绩工程迹象：${details.join("；")}` : `signs of a vanity project: ${details.join("; ")}`,
    });
  }
  return flags;
}
