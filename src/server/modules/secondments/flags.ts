import type { SecondmentFlag } from "../../../contracts/secondments.js";
import { addDays } from "../../kernel/dates.js";

/** What the register says about a secondment 借调; pure, from its row, its history and the region's rules. */

export type SecondmentFacts = { startOn: string; plannedEndOn: string; returnedOn: string | null; approvalCode: string | null };
export type SecondmentRules = { maxMonths: number; repeatYears: number; approvals: readonly string[] };

/** Months from start to (actual or planned) end, in tenths: 30.44 days a month. */
export const monthsOf = (s: SecondmentFacts): number => {
  const end = s.returnedOn ?? s.plannedEndOn;
  return Math.round(((Date.parse(end) - Date.parse(s.startOn)) / 86_400_000 / 30.44) * 10) / 10;
};

export function secondmentFlags(s: SecondmentFacts, earlier: readonly SecondmentFacts[], rules: SecondmentRules, today: string, lang: "zh-CN" | "en") {
  const flags: { code: SecondmentFlag; message: string }[] = [];
  const zh = lang === "zh-CN";
  if (!s.approvalCode || !rules.approvals.includes(s.approvalCode)) {
    flags.push({
      code: "NO_APPROVAL",
      message: zh
        ? `${s.approvalCode ? `审批文号“${s.approvalCode}”不在本地区借调审批登记中` : "未填写借调审批文号"}：未经审批不得借调基层干部`
        : `${s.approvalCode ? `the approval “${s.approvalCode}” is not on the region's register` : "no approval given"}: grassroots cadres may not be borrowed without one`,
    });
  }
  const months = monthsOf(s);
  if (months > rules.maxMonths) {
    flags.push({ code: "TOO_LONG", message: zh ? `借调 ${months} 个月，超过 ${rules.maxMonths} 个月的上限` : `${months} months, over the cap of ${rules.maxMonths}` });
  }
  const since = addDays(s.startOn, -Math.round(rules.repeatYears * 365.25));
  const before = earlier.find((e) => e.startOn < s.startOn && (e.returnedOn ?? e.plannedEndOn) >= since);
  if (before && rules.repeatYears > 0) {
    flags.push({
      code: "REPEATED",
      message: zh
        ? `同一人 ${before.startOn} 起已被借调，${rules.repeatYears} 年内不得再次借调`
        : `the same person was seconded from ${before.startOn}; not again within ${rules.repeatYears} years`,
    });
  }
  if (!s.returnedOn && s.plannedEndOn < today) {
    flags.push({ code: "OVERDUE_RETURN", message: zh ? `应于 ${s.plannedEndOn} 返回原单位，至今未返回` : `due back on ${s.plannedEndOn}, not returned yet` });
  }
  return flags;
}
