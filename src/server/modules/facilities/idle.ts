import type { UsePoint } from "../../../contracts/facilities.js";
import type { Lang } from "../../http/i18n.js";
import { periodsEnding } from "../../kernel/periods.js";

/** The idle rule 闲置 of a region and kind: visits a month under `minVisits` for `periods` months running. */
export type IdleRule = { minVisits: number; periods: number };
export const DEFAULT_IDLE_RULE: IdleRule = { minVisits: 30, periods: 6 };

/** Weeks in a month on average: staff hours a week × 52 / 12. */
export const staffHoursPerMonth = (hoursPerWeek: number): number => Math.round(((hoursPerWeek * 52) / 12) * 10) / 10;

/** The last twelve periods up to `last`, with what was reported in each (null: nothing). */
export function trendOf(reports: readonly { period: string; visits: number; events: number }[], last: string): UsePoint[] {
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  return periodsEnding(last, 12).map((period) => {
    const r = byPeriod.get(period);
    return { period, visits: r?.visits ?? null, events: r?.events ?? null };
  });
}

/** Average visits of the reported months in the second half of the trend against the first half, as a ratio. */
export function trendChange(trend: readonly UsePoint[]): number | null {
  const half = Math.floor(trend.length / 2);
  const avg = (ps: readonly UsePoint[]) => {
    const vs = ps.flatMap((p) => (p.visits === null ? [] : [p.visits]));
    return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
  };
  const before = avg(trend.slice(0, half));
  const after = avg(trend.slice(half));
  if (before === null || after === null || before === 0) return null;
  return Math.round(((after - before) / before) * 100) / 100;
}

/**
 * The idle flag: the last `rule.periods` periods of the trend were all reported and all under the floor.
 * A month without a report breaks the run (no data is not proof of idleness).
 */
export function idleFlag(trend: readonly UsePoint[], rule: IdleRule, hoursPerWeek: number, lang: Lang) {
  if (rule.periods > trend.length) return null;
  const window = trend.slice(-rule.periods);
  if (!window.every((p) => p.visits !== null && p.visits < rule.minVisits)) return null;
  const mean = Math.round(window.reduce((a, p) => a + (p.visits ?? 0), 0) / window.length);
  const change = trendChange(trend);
  const hours = staffHoursPerMonth(hoursPerWeek);
  const zh = lang === "zh-CN";
  const trendText =
    change === null ? "" : zh ? `，较前半年${change < 0 ? "下降" : "上升"} ${Math.abs(Math.round(change * 100))}%` : `, ${change < 0 ? "down" : "up"} ${Math.abs(Math.round(change * 100))}% on the half-year before`;
  return {
    code: "IDLE" as const,
    message: zh
      ? `闲置：连续 ${rule.periods} 个月到访低于 ${rule.minVisits} 人次（月均 ${mean} 人次${trendText}），每月仍占用值守 ${hours} 小时`
      : `idle: under ${rule.minVisits} visits a month for ${rule.periods} months running (${mean} on average${trendText}), still taking ${hours} staff hours a month`,
  };
}
