import { asc, inArray } from "drizzle-orm";
import type { EffectivePowerItem, PowerCategory, PowerItem } from "../../../contracts/powers.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { ScopeUnit } from "../../kernel/actor.js";
import { getUnit } from "../org/units.js";
import { powerItems, powerListVersions } from "./schema.js";
import { countyOf, inForceOn, type VersionRow } from "./versions.js";

/**
 * A township's effective list of delegated powers 赋权事项 on a date: the county's list in force for it,
 * with the township's own differences in force applied (like the duty list, docs/decisions/0003):
 * "remove" takes a county item away, "change" replaces it in its place (a narrower scope, another
 * legal basis…), "add" appends an item of the township's own (keys T001…).
 */
export type ItemRow = PowerItem & { op: string; position: number };

/** Everything that shapes one township's list over time: read once, then asked about any date. */
export type Lineage = {
  township: ScopeUnit;
  county: ScopeUnit | null;
  countyVersions: VersionRow[];
  differences: VersionRow[];
  /** Items per version id, filled as versions are asked about. */
  items: Map<string, ItemRow[]>;
};

export async function loadTownship(db: Queryable, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  if (unit.level !== "township") throw new AppError("POWER_WRONG_LEVEL", { code, expected: "township" });
  return unit;
}

/** The lineages of several townships; counties' versions are read once per county. */
export async function loadLineages(db: Queryable, townships: readonly ScopeUnit[]): Promise<Map<string, Lineage>> {
  const counties = new Map<string, ScopeUnit | null>();
  const countyOfTownship = new Map<string, string | null>();
  for (const t of townships) {
    const code = t.parentCode ?? null;
    const cached = code !== null && counties.has(code) ? counties.get(code)! : null;
    const county = cached ?? (await countyOf(db, t));
    if (county) counties.set(county.code, county);
    countyOfTownship.set(t.code, county?.code ?? null);
  }
  const codes = [...counties.keys(), ...townships.map((t) => t.code)];
  const versions = codes.length ? await db.select().from(powerListVersions).where(inArray(powerListVersions.unitCode, codes)).orderBy(asc(powerListVersions.version)) : [];
  const items = new Map<string, ItemRow[]>();
  return new Map(
    townships.map((t) => {
      const countyCode = countyOfTownship.get(t.code) ?? null;
      return [
        t.code,
        {
          township: t,
          county: countyCode ? counties.get(countyCode)! : null,
          countyVersions: versions.filter((v) => v.unitCode === countyCode),
          differences: versions.filter((v) => v.unitCode === t.code && v.kind === "differences"),
          items,
        },
      ];
    }),
  );
}

export async function loadLineage(db: Queryable, township: ScopeUnit): Promise<Lineage> {
  return (await loadLineages(db, [township])).get(township.code)!;
}

/** The rows of the given versions, each read once into the lineage's cache. */
export async function itemsOfVersions(db: Queryable, lineage: Pick<Lineage, "items">, ids: readonly string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !lineage.items.has(id));
  if (missing.length === 0) return;
  const rows = await db.select().from(powerItems).where(inArray(powerItems.versionId, missing)).orderBy(asc(powerItems.position));
  for (const id of missing) lineage.items.set(id, []);
  for (const r of rows) {
    lineage.items.get(r.versionId)!.push({ key: r.key, op: r.op, name: r.name, category: r.category as PowerCategory, legalBasis: r.legalBasis, fromDepartment: r.fromDepartment, note: r.note, position: r.position });
  }
}

/** Which versions are in force for the township on a date. */
export function versionsOn(lineage: Lineage, on: string): { county: VersionRow | null; differences: VersionRow | null } {
  return { county: inForceOn(lineage.countyVersions, on, lineage.township.code), differences: inForceOn(lineage.differences, on) };
}

const strip = ({ op: _op, position: _p, ...item }: ItemRow): PowerItem => item;

/** County rows with a township's differences applied; a change or removal of an item the county dropped is void. */
export function mergeDifferences(county: readonly ItemRow[], differences: readonly ItemRow[]): { items: EffectivePowerItem[]; removed: PowerItem[] } {
  const byKey = new Map<string, { item: EffectivePowerItem; position: number }>(county.map((r) => [r.key, { item: { ...strip(r), source: "county" }, position: r.position }]));
  const removed: PowerItem[] = [];
  for (const d of differences) {
    const base = byKey.get(d.key);
    if (d.op === "remove" && base) {
      const { source: _s, ...item } = base.item;
      removed.push(item);
      byKey.delete(d.key);
    } else if (d.op === "change" && base) byKey.set(d.key, { item: { ...strip(d), source: "changed" }, position: base.position });
    else if (d.op === "add" && !base) byKey.set(d.key, { item: { ...strip(d), source: "township" }, position: 1_000_000 + d.position });
  }
  return { items: [...byKey.values()].sort((a, b) => a.position - b.position).map((x) => x.item), removed };
}

export type EffectiveList = { county: VersionRow | null; differences: VersionRow | null; items: EffectivePowerItem[]; removed: PowerItem[] };

/** The township's effective list on a date (empty when the county has no list in force for it). */
export async function effectiveOn(db: Queryable, lineage: Lineage, on: string): Promise<EffectiveList> {
  const { county, differences } = versionsOn(lineage, on);
  await itemsOfVersions(db, lineage, [county?.id, differences?.id].filter((id): id is string => !!id));
  const countyRows = county ? lineage.items.get(county.id)! : [];
  const diffRows = differences && county ? lineage.items.get(differences.id)! : [];
  return { county, differences, ...mergeDifferences(countyRows, diffRows) };
}

/** Dates on which the township's list may have changed, up to `on`, newest first. */
export function changeDates(lineage: Lineage, on: string): string[] {
  const dates = new Set<string>();
  for (const v of lineage.countyVersions) if (v.effectiveFrom <= on && (v.appliesTo === null || v.appliesTo.includes(lineage.township.code))) dates.add(v.effectiveFrom);
  for (const v of lineage.differences) if (v.effectiveFrom <= on) dates.add(v.effectiveFrom);
  return [...dates].sort().reverse();
}

/** Since when the township has held a power without a break up to `on` (it must hold it on `on`). */
export async function heldSince(db: Queryable, lineage: Lineage, key: string, on: string, keysCache: Map<string, Set<string>>): Promise<string> {
  let since = on;
  for (const d of changeDates(lineage, on)) {
    const cacheKey = `${lineage.township.code}|${d}`;
    if (!keysCache.has(cacheKey)) keysCache.set(cacheKey, new Set((await effectiveOn(db, lineage, d)).items.map((i) => i.key)));
    if (!keysCache.get(cacheKey)!.has(key)) break;
    since = d;
  }
  return since;
}
