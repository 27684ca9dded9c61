import { and, count, gte, inArray, lt, lte, max, sql } from "drizzle-orm";
import type { PowerUsage } from "../../../contracts/powers.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { periodOf, periodsEnding, shiftPeriod } from "../../kernel/periods.js";
import { unitsUnder } from "../org/units.js";
import { effectiveOn, heldSince, loadLineages, loadTownship } from "./effective.js";
import { powerCases, powerExerciseRecords, powerExercises } from "./schema.js";
import { powerPolicy } from "./versions.js";

/**
 * How often each township exercised each power it holds, month by month over the last twelve, and the
 * flag UNUSED_YEAR 一年未行使 for a power held a year or more and never exercised in that year.
 * Counts come from the exercise records; a month without records falls back to the monthly total a
 * township reported before records existed (docs/decisions/0009-power-exercise-records.md).
 */
export type MonthlyCounts = Map<string, Map<string, number>>;

/** Exercises per "township|key" and period: records where there are any, else the old monthly totals. */
export async function monthlyCounts(db: Queryable, townships: readonly string[], first: string, last: string): Promise<MonthlyCounts> {
  const out: MonthlyCounts = new Map();
  if (townships.length === 0) return out;
  const period = sql<string>`to_char(${powerExerciseRecords.exercisedOn}, 'YYYY-MM')`;
  const [records, totals] = await Promise.all([
    db
      .select({ township: powerExerciseRecords.townshipCode, key: powerExerciseRecords.key, period, n: count() })
      .from(powerExerciseRecords)
      .where(and(inArray(powerExerciseRecords.townshipCode, [...townships]), gte(powerExerciseRecords.exercisedOn, `${first}-01`), lt(powerExerciseRecords.exercisedOn, `${shiftPeriod(last, 1)}-01`)))
      .groupBy(powerExerciseRecords.townshipCode, powerExerciseRecords.key, period),
    db
      .select({ township: powerExercises.townshipCode, key: powerExercises.key, period: powerExercises.period, n: max(powerExercises.count) })
      .from(powerExercises)
      .where(and(inArray(powerExercises.townshipCode, [...townships]), gte(powerExercises.period, first), lte(powerExercises.period, last)))
      .groupBy(powerExercises.townshipCode, powerExercises.key, powerExercises.period),
  ]);
  const cell = (township: string, key: string) => {
    const id = `${township}|${key}`;
    if (!out.has(id)) out.set(id, new Map());
    return out.get(id)!;
  };
  for (const r of totals) cell(r.township, r.key).set(r.period, Number(r.n ?? 0));
  // Records are checkable one by one (document numbers): where a month has them, they replace the total.
  for (const r of records) cell(r.township, r.key).set(r.period, Number(r.n));
  return out;
}

/** The townships a usage question covers: one asked for (inside the region), the official's own, or all of the region. */
async function townshipsFor(db: Queryable, actor: Actor, township: string | undefined): Promise<ScopeUnit[]> {
  if (township) {
    const t = await loadTownship(db, township);
    if (!pathIsInside(t.path, regionPathOf(actor))) throw new AppError("UNIT_NOT_FOUND", { code: township });
    return [t];
  }
  if (actor.scope.level === "township") return [actor.scope];
  return unitsUnder(db, regionPathOf(actor), "township");
}

export async function powerUsage(db: Queryable, actor: Actor, query: { township?: string | undefined; flagged?: "true" | "false" | undefined }, lang: Lang, on = chinaToday()) {
  const items = await usageOf(db, await townshipsFor(db, actor, query.township), lang, on, actor);
  const filtered = query.flagged ? items.filter((i) => (i.flag !== null) === (query.flagged === "true")) : items;
  return { on, periods: periodsEnding(periodOf(on), 12), total: filtered.length, items: filtered };
}

/** The usage rows of the given townships on a date: each power of their effective lists. */
export async function usageOf(db: Queryable, townships: readonly ScopeUnit[], lang: Lang, on = chinaToday(), actor: Actor | null = null): Promise<PowerUsage[]> {
  const periods = periodsEnding(periodOf(on), 12);
  const codes = townships.map((t) => t.code);
  const [counts, opened, lineages] = await Promise.all([
    monthlyCounts(db, codes, periods[0]!, periods.at(-1)!),
    codes.length ? db.select().from(powerCases).where(inArray(powerCases.townshipCode, codes)) : Promise.resolve([]),
    loadLineages(db, townships),
  ]);
  const keysCache = new Map<string, Set<string>>();
  const yearAgo = addDays(on, -365);
  const items: PowerUsage[] = [];
  for (const t of townships) {
    const lineage = lineages.get(t.code)!;
    const canOpen = actor !== null && powerPolicy.canOpenCase(actor, t);
    for (const item of (await effectiveOn(db, lineage, on)).items) {
      const byPeriod = counts.get(`${t.code}|${item.key}`);
      const monthly = periods.map((p) => byPeriod?.get(p) ?? 0);
      const total = monthly.reduce((a, b) => a + b, 0);
      const lastIndex = monthly.findLastIndex((n) => n > 0);
      const since = await heldSince(db, lineage, item.key, on, keysCache);
      const unused = since <= yearAgo && total === 0;
      const caseId = opened.find((o) => o.townshipCode === t.code && o.key === item.key && o.flag === "UNUSED_YEAR")?.caseId ?? null;
      items.push({
        township: { code: t.code, name: t.name },
        key: item.key,
        name: item.name,
        category: item.category,
        heldSince: since,
        last12Months: total,
        lastExercised: lastIndex >= 0 ? periods[lastIndex]! : null,
        monthly,
        flag: unused
          ? {
              code: "UNUSED_YEAR",
              message: lang === "zh-CN" ? `自 ${since} 赋权以来，近一年未行使过，建议评估是否调整或收回` : `held since ${since} and not exercised in the last year: review whether to keep it`,
              caseId,
            }
          : null,
        can: unused && caseId === null && canOpen ? ["open_case"] : [],
      });
    }
  }
  return items;
}
