import { sql } from "drizzle-orm";
import {
  MAX_INDEX_MONTHS,
  type IndexActual,
  type IndexChildren,
  type IndexChildrenQuery,
  type IndexFigures,
  type IndexIssuers,
  type IndexIssuersQuery,
  type IndexQuery,
  type IndexSeries,
  type Month,
} from "../../../contracts/burden-index.js";
import { BURDEN_KINDS, type BurdenKind } from "../../../contracts/burdens.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Actor } from "../../kernel/actor.js";
import { periodsFrom, shiftPeriod } from "../../kernel/periods.js";
import { getUnit, getUnits, type Unit } from "../org/units.js";
import { actualByMonth, NO_ACTUAL } from "./actual.js";
import { indexPolicy } from "./policy.js";

/** Month arithmetic on "YYYY-MM": the kernel's periods under the names this module's callers use. */
export const addMonths = (month: Month, n: number): Month => shiftPeriod(month, n);
export const monthsFrom = (from: Month, to: Month): Month[] => periodsFrom(from, to);

const isVillage = (code: string) => code.length === 12 && !code.endsWith("000");
const toHours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const figures = (r?: { burdens?: unknown; flagged?: unknown; targets?: unknown; minutes?: unknown }): IndexFigures => {
  const minutes = Math.round(Number(r?.minutes ?? 0) * 10) / 10;
  return { burdens: Number(r?.burdens ?? 0), flagged: Number(r?.flagged ?? 0), targets: Number(r?.targets ?? 0), minutes, hours: toHours(minutes) };
};
const add = (a: IndexFigures, b: IndexFigures): IndexFigures => figures({ burdens: a.burdens + b.burdens, flagged: a.flagged + b.flagged, targets: a.targets + b.targets, minutes: a.minutes + b.minutes });
const ZERO = figures();
const unitDto = (u: Unit) => ({ code: u.code, name: u.name, level: u.level });

/** The unit a dashboard asks about, inside the actor's region; anything else is not found. */
export async function loadIndexUnit(db: Queryable, actor: Actor, code: string | undefined): Promise<Unit> {
  const wanted = code ?? indexPolicy.homeUnitCode(actor);
  const unit = await getUnit(db, wanted);
  if (!unit || !indexPolicy.canRead(actor, unit)) throw new AppError("INDEX_UNIT_NOT_FOUND", { code: wanted });
  return unit;
}

function checkPeriod(from: Month, to: Month) {
  if (from > to || monthsFrom(from, to).length > MAX_INDEX_MONTHS) throw new AppError("INDEX_PERIOD_INVALID", { max: MAX_INDEX_MONTHS });
}

type Row = { month: string; kind: BurdenKind; burdens: number; flagged: number; targets: number; minutes: number };

const sumActual = (xs: IndexActual[]): IndexActual =>
  xs.reduce(
    (a, b) => ({
      answers: a.answers + b.answers,
      expectedHours: Math.round((a.expectedHours + b.expectedHours) * 10) / 10,
      actualHours: Math.round((a.actualHours + b.actualHours) * 10) / 10,
      unregisteredHours: Math.round((a.unregisteredHours + b.unregisteredHours) * 10) / 10,
      unregistered: a.unregistered + b.unregistered,
    }),
    NO_ACTUAL,
  );

/** The monthly series of a unit by kind, the same months a year before, and a baseline year. */
export async function indexSeries(db: Queryable, unit: Unit, q: Pick<IndexQuery, "from" | "to" | "baseline">): Promise<IndexSeries> {
  checkPeriod(q.from, q.to);
  const baselineYear = q.baseline ?? Number(q.to.slice(0, 4)) - 1;
  const lastFrom = addMonths(q.from, -12);
  const lastTo = addMonths(q.to, -12);
  const { rows } = await db.execute<Row>(sql`
    select month, kind, burdens, flagged, targets, minutes from burden_index
    where unit_code = ${unit.code}
      and (month between ${q.from} and ${q.to} or month between ${lastFrom} and ${lastTo} or month between ${`${baselineYear}-01`} and ${`${baselineYear}-12`})`);
  const actual = await actualByMonth(db, unit.code, q.from, q.to);
  const byMonth = new Map<string, Row[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const monthTotal = (m: string) => (byMonth.get(m) ?? []).reduce((acc, r) => add(acc, figures(r)), ZERO);

  const months = monthsFrom(q.from, q.to).map((month) => {
    const kinds = byMonth.get(month) ?? [];
    return {
      month,
      ...monthTotal(month),
      byKind: BURDEN_KINDS.flatMap((kind) => {
        const r = kinds.find((k) => k.kind === kind);
        return r && (r.burdens !== 0 || r.targets !== 0) ? [{ kind, ...figures(r) }] : [];
      }),
      lastYear: monthTotal(addMonths(month, -12)),
      actual: actual.get(month) ?? NO_ACTUAL,
    };
  });
  const baselineTotals = monthsFrom(`${baselineYear}-01`, `${baselineYear}-12`).reduce((acc, m) => add(acc, monthTotal(m)), ZERO);
  const totals = months.reduce((acc, m) => add(acc, m), ZERO);
  return {
    unit: unitDto(unit),
    from: q.from,
    to: q.to,
    months,
    totals,
    lastYearTotals: months.reduce((acc, m) => add(acc, m.lastYear), ZERO),
    baseline: {
      year: baselineYear,
      totals: baselineTotals,
      monthlyAverage: figures({ burdens: Math.round(baselineTotals.burdens / 12), flagged: Math.round(baselineTotals.flagged / 12), targets: Math.round(baselineTotals.targets / 12), minutes: baselineTotals.minutes / 12 }),
    },
    flaggedShare: totals.burdens > 0 ? Math.round((totals.flagged / totals.burdens) * 1000) / 1000 : 0,
    actualTotals: sumActual(months.map((m) => m.actual)),
  };
}

/** The unit's children in one month with their load: the blocks of the treemap. */
export async function indexChildren(db: Queryable, unit: Unit, q: Pick<IndexChildrenQuery, "month">): Promise<IndexChildren> {
  const { rows } = await db.execute<{ unit_code: string; burdens: number; flagged: number; targets: number; minutes: number }>(sql`
    select unit_code, sum(burdens)::int as burdens, sum(flagged)::int as flagged, sum(targets)::int as targets, sum(minutes) as minutes
    from burden_index where parent_code = ${unit.code} and month = ${q.month}
    group by unit_code having sum(targets) <> 0 order by 5 desc`);
  const names = new Map((await getUnits(db, rows.map((r) => r.unit_code))).map((u) => [u.code, u]));
  return {
    unit: unitDto(unit),
    month: q.month,
    children: rows.flatMap((r) => {
      const child = names.get(r.unit_code);
      return child ? [{ ...unitDto(child), ...figures(r) }] : [];
    }),
  };
}

/**
 * The issuers imposing most burden-hours on the unit over the months. `burdens` counts burden-months (a
 * burden in force three months counts three). A village is read from its own target rows.
 */
export async function indexIssuers(db: Queryable, unit: Unit, q: Pick<IndexIssuersQuery, "from" | "to" | "limit">): Promise<IndexIssuers> {
  checkPeriod(q.from, q.to);
  const { rows } = await db.execute<{ issuer_code: string; burdens: number; targets: number; minutes: number }>(
    isVillage(unit.code)
      ? sql`
        select b.issuer_code, count(*)::int as burdens, count(*)::int as targets, sum(t.monthly_minutes) as minutes
        from burden_targets t join burdens b on b.id = t.burden_id
        cross join lateral generate_series(date_trunc('month', t.load_from::timestamp), date_trunc('month', t.load_to::timestamp), interval '1 month') m
        where t.unit_code = ${unit.code} and t.in_force and t.load_to >= ${`${q.from}-01`}::date and t.load_from < ${`${addMonths(q.to, 1)}-01`}::date
          and to_char(m, 'YYYY-MM') between ${q.from} and ${q.to}
        group by 1 order by 4 desc limit ${q.limit}`
      : sql`
        select issuer_code, sum(burdens)::int as burdens, sum(targets)::int as targets, sum(minutes) as minutes
        from burden_index_issuers where unit_code = ${unit.code} and month between ${q.from} and ${q.to}
        group by 1 having sum(targets) <> 0 order by 4 desc limit ${q.limit}`,
  );
  const names = new Map((await getUnits(db, rows.map((r) => r.issuer_code))).map((u) => [u.code, u]));
  return {
    unit: unitDto(unit),
    from: q.from,
    to: q.to,
    issuers: rows.map((r) => {
      const issuer = names.get(r.issuer_code);
      const minutes = Math.round(Number(r.minutes) * 10) / 10;
      return { code: r.issuer_code, name: issuer?.name ?? r.issuer_code, level: issuer?.level ?? "department", burdens: r.burdens, targets: r.targets, minutes, hours: toHours(minutes) };
    }),
  };
}
