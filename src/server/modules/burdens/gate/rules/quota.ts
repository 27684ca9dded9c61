import { occurrencesPerMonth } from "../../hours.js";
import { finding, type RawFinding, type Rule } from "../types.js";
import { count, KIND_NAMES, namesEn, namesZh } from "./text.js";

/**
 * Quotas: an issuer's yearly cap of burdens of one kind (精文减会, fewer forms), and the hours a single
 * village or township may be asked to give in one month.
 */

const MAX_LISTED = 50;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function issuerCap(burden: Parameters<Rule["run"]>[0], ctx: Parameters<Rule["run"]>[1]): RawFinding[] {
  const cap = ctx.settings.issuerYearlyCap[burden.kind];
  if (cap === undefined) return [];
  const used = ctx.issuerUsage.sameKindThisYear;
  if (used + 1 <= cap) return [];
  const kind = KIND_NAMES[burden.kind];
  const year = burden.issuedOn.slice(0, 4);
  return [
    finding(
      "QUOTA_EXCEEDED",
      "block",
      `${ctx.issuer.name} ${year} 年已有 ${used} 项${kind.zh}获准入，本项为第 ${used + 1} 项，超过年度上限 ${cap} 项`,
      `${ctx.issuer.name} already has ${count(used, kind.en)} admitted in ${year}; this would be number ${used + 1}, over the yearly cap of ${cap}`,
      { scope: "issuer_yearly", kind: burden.kind, year: Number(year), used, cap },
    ),
  ];
}

function targetMonthlyLoad(burden: Parameters<Rule["run"]>[0], ctx: Parameters<Rule["run"]>[1]): RawFinding[] {
  const cap = ctx.settings.targetMonthlyMinutesCap;
  const added = Math.round(burden.minutesPerTarget * occurrencesPerMonth(burden.frequency));
  const over = ctx.targetLoads
    .map((t) => ({ code: t.code, name: t.name, existing: t.minutesThisMonth, total: t.minutesThisMonth + added }))
    .filter((t) => t.total > cap)
    .sort((a, b) => b.total - a.total);
  const worst = over[0];
  if (!worst) return [];
  const month = burden.deadline.slice(0, 7);
  const monthNumber = Number(burden.deadline.slice(5, 7));
  const monthZh = `${burden.deadline.slice(0, 4)} 年 ${monthNumber} 月`;
  const monthEn = `${MONTHS[monthNumber - 1]} ${burden.deadline.slice(0, 4)}`;
  const hours = (m: number) => Math.round((m / 60) * 10) / 10;
  const names = over.map((t) => t.name);
  return [
    finding(
      "QUOTA_EXCEEDED",
      "review",
      `${monthZh}，${namesZh(names, "单位")}的预计负担将超过每月 ${cap} 分钟（${hours(cap)} 小时）的上限：` +
        `负担最重的${worst.name}已有 ${worst.existing} 分钟，加上本项 ${added} 分钟共 ${worst.total} 分钟`,
      `In ${monthEn} the expected load of ${namesEn(names)} would pass the monthly cap of ${cap} minutes (${hours(cap)} hours): ` +
        `the most burdened, ${worst.name}, already has ${worst.existing} minutes, and with this burden's ${added} reaches ${worst.total}`,
      { scope: "target_monthly", month, cap, addedMinutes: added, overCount: over.length, targets: over.slice(0, MAX_LISTED) },
    ),
  ];
}

export const quotaExceeded: Rule = {
  code: "QUOTA_EXCEEDED",
  description: { "zh-CN": "超过发文单位年度数量上限或基层每月负担上限", en: "Over the issuer's yearly cap or a target's monthly load cap" },
  run: (burden, ctx) => [...issuerCap(burden, ctx), ...targetMonthlyLoad(burden, ctx)],
};
