import { asc, desc } from "drizzle-orm";
import type { Plaque, PlaqueAllowed, PlaqueCounts } from "../../../contracts/evaluations.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { toHours } from "../burdens/hours.js";
import { gateSettingsAcross } from "../burdens/gate/settings.js";
import { getUnit, getUnits, unitsUnder } from "../org/units.js";
import { allowedAround, allowedFor, type PlaqueRow } from "./plaques.js";
import { matchPlaque } from "./plaque-match.js";
import { evaluationPolicy } from "./policy.js";
import { plaqueSurvey } from "./schema.js";

/** The unit an actor looks under: the one asked for inside his region, or his region. */
export async function underUnit(db: Db, actor: Actor, code?: string): Promise<ScopeUnit> {
  const region = regionPathOf(actor);
  const unit = await getUnit(db, code ?? region.split(".").at(-1)!);
  if (!unit || !pathIsInside(unit.path, region)) throw new AppError("UNIT_NOT_FOUND", { code: code ?? actor.scope.code });
  return unit;
}

/**
 * The allowed plaques 准挂牌子清单 that hold for a village of one's region (its region's and those above),
 * or, without a village, those of one's region, above it and inside it (what its townships added); the
 * nearest last.
 */
export async function listAllowedPlaques(db: Db, actor: Actor, village?: string): Promise<PlaqueAllowed[]> {
  const under = await underUnit(db, actor, village);
  const rows = village ? await allowedFor(db, under.path) : await allowedAround(db, under.path);
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.regionCode))])).map((u) => [u.code, u.name]));
  return rows
    .sort((a, b) => a.regionPath.length - b.regionPath.length || a.name.localeCompare(b.name))
    .map((r) => ({ id: r.id, region: { code: r.regionCode, name: names.get(r.regionCode) ?? r.regionCode }, name: r.name, basis: r.basis, can: evaluationPolicy.canKeepList(actor, { path: r.regionPath }) ? ["delete" as const] : [] }));
}

/** The upkeep minutes a year of a plaque hung on a village office, by the village region's settings (registryMinutes.plaqueYearly). */
async function plaqueMinutesAcross(db: Db, villagePaths: string[]): Promise<(villagePath: string) => number> {
  const settingsAt = await gateSettingsAcross(db, villagePaths);
  return (villagePath) => settingsAt(villagePath).registryMinutes.plaqueYearly;
}

/** Surveyed plaques with their match on the allowed list; those not allowed and still hung are 乱挂牌. */
export async function presentPlaques(db: Db, actor: Actor, rows: PlaqueRow[], lang: Lang): Promise<Plaque[]> {
  if (rows.length === 0) return [];
  const villages = new Map((await getUnits(db, [...new Set(rows.map((r) => r.villageCode))])).map((u) => [u.code, u]));
  const townships = new Map((await getUnits(db, [...new Set([...villages.values()].map((v) => v.parentCode ?? ""))])).map((u) => [u.code, u.name]));
  const lists = new Map<string, Promise<string[]>>();
  const listOf = (path: string) => {
    if (!lists.has(path)) lists.set(path, allowedFor(db, path).then((l) => l.map((a) => a.name)));
    return lists.get(path)!;
  };
  const minutesAt = await plaqueMinutesAcross(db, rows.map((r) => r.villagePath));
  return Promise.all(
    rows.map(async (r): Promise<Plaque> => {
      const village = villages.get(r.villageCode);
      const villageName = village?.name ?? r.villageCode;
      const { match, allowed } = matchPlaque(r.name, villageName, await listOf(r.villagePath));
      const flagged = !allowed && !r.removedOn;
      const canSurvey = evaluationPolicy.canSurvey(actor, { path: r.villagePath });
      return {
        id: r.id,
        village: { code: r.villageCode, name: villageName, townshipName: townships.get(village?.parentCode ?? "") ?? null },
        name: r.name,
        issuer: r.issuer,
        surveyedOn: r.surveyedOn,
        removedOn: r.removedOn,
        hasPhoto: !!r.photoType,
        match,
        allowed,
        flag: flagged
          ? {
              code: "PLAQUE_NOT_ALLOWED",
              message:
                lang === "en"
                  ? `“${r.name}” is not on the list of plaques a village office may hang: a plaque hung without grounds (乱挂牌); take it down and record it`
                  : `“${r.name}”不在村级组织准挂牌子清单内，属于乱挂牌，请予摘除并登记`,
            }
          : null,
        yearlyHours: r.removedOn ? 0 : toHours(minutesAt(r.villagePath)),
        can: canSurvey ? (flagged ? ["photo", "removed"] : ["photo"]) : [],
      };
    }),
  );
}

export async function listPlaques(db: Db, actor: Actor, query: { under?: string; flagged?: "true" | "false"; limit: number }, lang: Lang) {
  const under = await underUnit(db, actor, query.under);
  const rows = await db.select().from(plaqueSurvey).where(pathWithin(plaqueSurvey.villagePath, under.path)).orderBy(asc(plaqueSurvey.villageCode), desc(plaqueSurvey.surveyedOn)).limit(query.limit);
  let items = await presentPlaques(db, actor, rows, lang);
  if (query.flagged) items = items.filter((p) => (p.flag !== null) === (query.flagged === "true"));
  return { total: items.length, items };
}

/**
 * Counts per township (under a county) or per village (under a township): surveyed, not allowed, taken
 * down, and the upkeep hours a year of what still hangs (of it, the hours of the plaques not allowed).
 */
export async function plaqueCounts(db: Db, actor: Actor, underCode?: string): Promise<PlaqueCounts> {
  const under = await underUnit(db, actor, underCode);
  const villages = under.level === "village" ? [under] : await unitsUnder(db, under.path, "village");
  const groups = under.level === "township" || under.level === "village" ? villages : await unitsUnder(db, under.path, "township");
  const rows = await db
    .select({ id: plaqueSurvey.id, villageCode: plaqueSurvey.villageCode, villagePath: plaqueSurvey.villagePath, name: plaqueSurvey.name, removedOn: plaqueSurvey.removedOn })
    .from(plaqueSurvey)
    .where(pathWithin(plaqueSurvey.villagePath, under.path));
  const minutesAt = await plaqueMinutesAcross(db, rows.map((r) => r.villagePath));
  const villageNames = new Map(villages.map((v) => [v.code, v.name]));
  const lists = new Map<string, string[]>();
  const zero = () => ({ villages: 0, surveyedVillages: 0, plaques: 0, notAllowed: 0, removed: 0, stillHung: 0, minutes: 0, minutesNotAllowed: 0 });
  const byGroup = new Map(groups.map((g) => [g.code, { code: g.code, name: g.name, ...zero() }]));
  const groupOf = (path: string) => groups.find((g) => pathIsInside(path, g.path));
  for (const v of villages) {
    const g = groupOf(v.path);
    if (g) byGroup.get(g.code)!.villages++;
  }
  const surveyed = new Set<string>();
  for (const r of rows) {
    const g = groupOf(r.villagePath);
    if (!g) continue;
    const counts = byGroup.get(g.code)!;
    if (!lists.has(r.villagePath)) lists.set(r.villagePath, (await allowedFor(db, r.villagePath)).map((a) => a.name));
    const { allowed } = matchPlaque(r.name, villageNames.get(r.villageCode) ?? "", lists.get(r.villagePath)!);
    if (!surveyed.has(r.villageCode)) {
      surveyed.add(r.villageCode);
      counts.surveyedVillages++;
    }
    counts.plaques++;
    const minutes = r.removedOn ? 0 : minutesAt(r.villagePath);
    counts.minutes += minutes;
    if (!allowed) {
      counts.notAllowed++;
      counts.minutesNotAllowed += minutes;
      if (r.removedOn) counts.removed++;
      else counts.stillHung++;
    }
  }
  const withHours = ({ minutes, minutesNotAllowed, ...g }: ReturnType<typeof zero>) => ({ ...g, yearlyHours: toHours(minutes), yearlyHoursNotAllowed: toHours(minutesNotAllowed) });
  const kept = [...byGroup.values()].filter((g) => g.villages > 0).sort((a, b) => b.stillHung - a.stillHung || a.code.localeCompare(b.code));
  const total = kept.reduce((t, g) => {
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += g[k];
    return t;
  }, zero());
  return { under: { code: under.code, name: under.name }, rows: kept.map(({ code, name, ...g }) => ({ code, name, ...withHours(g) })), total: withHours(total) };
}
