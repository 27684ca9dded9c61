import type { MonthlyReport, MonthlyReportQuery } from "../../../contracts/reports.js";
import type { Db } from "../../db/client.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { addMonths, indexIssuers, indexSeries, loadIndexUnit } from "../burden-index/queries.js";
import { caseStatistics } from "../cases/stats.js";
import { formFigures } from "../forms/figures.js";
import { pointsIn } from "../monitoring/points.js";
import { satisfactionResults } from "../satisfaction/survey.js";

const lastDayOf = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
};
const ratio = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 1000) / 1000 : null);

/** The monthly report 月度减负报告 is written for the office, the commission and administrators of the region. */
export const reportPolicy = { canRead: (actor: Actor) => ["office", "commission", "admin"].includes(actor.role) };

/** Gathers every figure of the month for a unit of the actor's region; `today` decides what is overdue. */
export async function monthlyReport(db: Db, actor: Actor, q: MonthlyReportQuery, today: string): Promise<MonthlyReport> {
  authorize(reportPolicy.canRead(actor));
  const unit = await loadIndexUnit(db, actor, q.unit);
  const from = addMonths(q.month, -11);
  const series = await indexSeries(db, unit, { from, to: q.month, baseline: q.baseline });
  const m = series.months.at(-1)!;
  const issuers = await indexIssuers(db, unit, { from: q.month, to: q.month, limit: 5 });
  const first = `${q.month}-01`;
  const last = lastDayOf(q.month);
  const cases = actor.role === "admin" ? null : await caseStatistics(db, actor, { from: first, to: last, today, underPath: unit.path });
  // 一表通 counts by the department that owns a form, region-wide: shown for the actor's own region only.
  const forms = unit.path === regionPathOf(actor) ? (await formFigures(db, { actor, from: first, to: last })).totals : null;
  const satisfaction = await satisfactionResults(db, unit, q.month, q.month);
  return {
    unit: series.unit,
    month: q.month,
    burden: {
      hours: m.hours,
      burdens: m.burdens,
      lastYearHours: m.lastYear.hours,
      vsLastYear: ratio(m.hours, m.lastYear.hours),
      baselineYear: series.baseline.year,
      baselineMonthlyHours: series.baseline.monthlyAverage.hours,
      vsBaseline: ratio(m.hours, series.baseline.monthlyAverage.hours),
      flagged: m.flagged,
      flaggedShare: m.burdens > 0 ? Math.round((m.flagged / m.burdens) * 1000) / 1000 : 0,
      byKind: m.byKind.map((k) => ({ kind: k.kind, burdens: k.burdens, hours: k.hours })).sort((a, b) => b.hours - a.hours),
    },
    trend: series.months.map((x) => ({ month: x.month, hours: x.hours, lastYearHours: x.lastYear.hours, actualHours: x.actual.actualHours, expectedHours: x.actual.expectedHours })),
    issuers: issuers.issuers.map((i) => ({ code: i.code, name: i.name, burdens: i.burdens, hours: i.hours })),
    cases,
    forms: forms ? { forms: forms.forms, asked: forms.asked, avoided: forms.avoided, merged: forms.merged, hoursSaved: forms.hoursSaved } : null,
    monitoring: { ...m.actual, points: (await pointsIn(db, unit.path, last)).length },
    satisfaction: satisfaction.totals,
  };
}
