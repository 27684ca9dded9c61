import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { ExerciseInput, PowerCategory, PowerUsage } from "../../../contracts/powers.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { periodOf, shiftPeriod } from "../../kernel/periods.js";
import { powerExercises, powerItems } from "./schema.js";
import { countyOf, inForceOn, itemsOf, powerPolicy, versionsOf, type VersionRow } from "./versions.js";

/** The last day of a period "YYYY-MM". */
const lastDayOf = (period: string) => addDays(`${shiftPeriod(period, 1)}-01`, -1);

async function loadTownship(db: Queryable, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  if (unit.level !== "township") throw new AppError("POWER_WRONG_LEVEL", { code, expected: "township" });
  return unit;
}

/** Records how often a township exercised a power in a month; the power must have been held then. */
export async function recordExercise(db: Db, actor: Actor, input: ExerciseInput): Promise<void> {
  const township = await loadTownship(db, input.townshipCode);
  authorize(powerPolicy.canRecord(actor, township), "OUT_OF_SCOPE", { code: township.code });
  const today = chinaToday();
  if (input.period > periodOf(today)) throw new AppError("PERIOD_IN_FUTURE", { period: input.period });
  const county = await countyOf(db, township);
  const versions = county ? await versionsOf(db, county.code) : [];
  const day = input.period === periodOf(today) ? today : lastDayOf(input.period);
  const version = inForceOn(versions, day, township.code);
  const held = version ? (await itemsOf(db, version.id)).some((i) => i.key === input.key) : false;
  if (!held) throw new AppError("POWER_NOT_HELD", { township: township.name, key: input.key, period: input.period });
  await db.transaction(async (tx) => {
    const values = { count: input.count, reportedBy: actor.username, reportedAt: new Date() };
    await tx
      .insert(powerExercises)
      .values({ townshipCode: township.code, townshipPath: township.path, provinceCode: township.provinceCode, key: input.key, period: input.period, ...values })
      .onConflictDoUpdate({ target: [powerExercises.townshipCode, powerExercises.key, powerExercises.period], set: values });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "powers.exercise", entityType: "power_exercise", entityId: `${township.code}:${input.key}`, scopePath: township.path, detail: { ...input } });
  });
}

/** Since when a township has held a power without a break, walking back over the versions that applied to it. */
async function heldSince(db: Queryable, versions: readonly VersionRow[], township: string, key: string, on: string, cache: Map<string, Set<string>>): Promise<string> {
  const applying = versions.filter((v) => v.effectiveFrom <= on && (v.appliesTo === null || v.appliesTo.includes(township)));
  // Versions in force one after another, newest first: the run of those holding the key.
  let since = on;
  for (const v of [...applying].sort((a, b) => b.version - a.version)) {
    if (inForceOn(versions, v.effectiveFrom, township)?.id !== v.id) continue;
    if (!cache.has(v.id)) cache.set(v.id, new Set((await db.select({ key: powerItems.key }).from(powerItems).where(eq(powerItems.versionId, v.id))).map((r) => r.key)));
    if (!cache.get(v.id)!.has(key)) break;
    since = v.effectiveFrom;
  }
  return since;
}

/**
 * Each power a township holds on `on`, how often it was exercised in the twelve months before, and
 * the flag UNUSED_YEAR when it has been held a year or more and never exercised in that year.
 */
export async function powerUsage(db: Queryable, actor: Actor, query: { township?: string | undefined; flagged?: "true" | "false" | undefined }, lang: Lang, on = chinaToday()) {
  const region = regionPathOf(actor);
  let townships: ScopeUnit[];
  if (query.township) {
    const t = await loadTownship(db, query.township);
    if (!pathIsInside(t.path, region)) throw new AppError("UNIT_NOT_FOUND", { code: query.township });
    townships = [t];
  } else if (actor.scope.level === "township") townships = [actor.scope];
  else townships = await unitsUnder(db, region, "township");
  const items = await usageOf(db, townships, lang, on);
  const filtered = query.flagged ? items.filter((i) => (i.flag !== null) === (query.flagged === "true")) : items;
  return { on, total: filtered.length, items: filtered };
}

/** The usage rows of the given townships on a date (see powerUsage). */
export async function usageOf(db: Queryable, townships: readonly ScopeUnit[], lang: Lang, on = chinaToday()): Promise<PowerUsage[]> {
  const from = shiftPeriod(periodOf(on), -11);
  const exercised = townships.length
    ? await db
        .select()
        .from(powerExercises)
        .where(and(inArray(powerExercises.townshipCode, townships.map((t) => t.code)), gte(powerExercises.period, from), lte(powerExercises.period, periodOf(on))))
        .orderBy(asc(powerExercises.period))
    : [];
  const byCounty = new Map<string, VersionRow[]>();
  const itemCache = new Map<string, Awaited<ReturnType<typeof itemsOf>>>();
  const keyCache = new Map<string, Set<string>>();
  const yearAgo = addDays(on, -365);
  const items: PowerUsage[] = [];
  for (const t of townships) {
    // A township's county is its parent: the versions are read once per county, not per township.
    const countyCode = t.parentCode ?? (await countyOf(db, t))?.code;
    if (!countyCode) continue;
    if (!byCounty.has(countyCode)) byCounty.set(countyCode, await versionsOf(db, countyCode));
    const versions = byCounty.get(countyCode)!;
    const version = inForceOn(versions, on, t.code);
    if (!version) continue;
    if (!itemCache.has(version.id)) itemCache.set(version.id, await itemsOf(db, version.id));
    for (const item of itemCache.get(version.id)!) {
      const own = exercised.filter((e) => e.townshipCode === t.code && e.key === item.key && e.count > 0);
      const since = await heldSince(db, versions, t.code, item.key, on, keyCache);
      const count = own.reduce((a, e) => a + e.count, 0);
      const last = own.at(-1)?.period ?? null;
      const unused = since <= yearAgo && count === 0;
      items.push({
        township: { code: t.code, name: t.name },
        key: item.key,
        name: item.name,
        category: item.category as PowerCategory,
        heldSince: since,
        last12Months: count,
        lastExercised: last,
        flag: unused
          ? {
              code: "UNUSED_YEAR",
              message:
                lang === "zh-CN"
                  ? `自 ${since} 赋权以来，近一年未行使过，建议评估是否调整或收回`
                  : `held since ${since} and not exercised in the last year: review whether to keep it`,
            }
          : null,
      });
    }
  }
  return items;
}
