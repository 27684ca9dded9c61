import { asc, desc, inArray } from "drizzle-orm";
import type { DutyPart } from "../../../contracts/duties.js";
import type { Queryable } from "../../db/client.js";
import { anyUuid } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { ScopeUnit } from "../../kernel/actor.js";
import { getUnit } from "../org/units.js";
import { applyDifferences, appliesTo, inForceOn, type EffectiveItem, type ItemRow, type VersionRow } from "./effective.js";
import { dutyItems, dutyListVersions } from "./schema.js";

/** Levels that keep a template (a county; a city that has townships but no counties, such as 东莞市). */
export const TEMPLATE_LEVELS = new Set(["county", "city"]);

export type ListLevel = "template" | "township" | "any";

/** Refuses a unit that does not keep the list asked for: a template (county) or a township's list. */
export function checkListLevel(unit: ScopeUnit, expected: ListLevel): void {
  const isTemplate = TEMPLATE_LEVELS.has(unit.level);
  const fits = expected === "template" ? isTemplate : expected === "township" ? unit.level === "township" : isTemplate || unit.level === "township";
  if (!fits) throw new AppError("DUTY_WRONG_LEVEL", { code: unit.code, level: unit.level, expected });
}

/** A unit that holds a duty list: a county (its template) or a township (template plus differences). */
export async function loadListUnit(db: Queryable, code: string, expected: ListLevel): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  checkListLevel(unit, expected);
  return unit;
}

/** Every version (without items) of the given units, oldest first. Units keep a few dozen at most. */
export async function loadLineages(db: Queryable, unitCodes: readonly string[]): Promise<Map<string, VersionRow[]>> {
  const lineages = new Map<string, VersionRow[]>(unitCodes.map((c) => [c, []]));
  if (unitCodes.length === 0) return lineages;
  const rows = await db
    .select()
    .from(dutyListVersions)
    .where(inArray(dutyListVersions.unitCode, [...unitCodes]))
    .orderBy(asc(dutyListVersions.version));
  for (const r of rows) lineages.get(r.unitCode)?.push(r);
  return lineages;
}

export async function loadItems(db: Queryable, versionIds: readonly string[]): Promise<Map<string, ItemRow[]>> {
  const byVersion = new Map<string, ItemRow[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  const rows = await db
    .select()
    .from(dutyItems)
    .where(anyUuid(dutyItems.versionId, [...versionIds]))
    .orderBy(asc(dutyItems.position));
  for (const { versionId, provinceCode: _p, ...r } of rows) byVersion.get(versionId)?.push({ ...r, part: r.part as DutyPart });
  return byVersion;
}

export type DutyListView = {
  unit: ScopeUnit;
  on: string;
  kind: "template" | "township";
  template: VersionRow | null;
  differences: VersionRow | null;
  /** The lineages the versions above belong to (for their succession dates). */
  lineages: Map<string, VersionRow[]>;
  items: EffectiveItem[];
};

/**
 * The duty list in force on a date: a county's template, or a township's effective list (its county's
 * template, if it applies to the township, with the township's differences applied). Null when the
 * unit has no list in force then.
 */
export async function effectiveDutyList(db: Queryable, unitCode: string, onDate: string): Promise<DutyListView | null> {
  const unit = await loadListUnit(db, unitCode, "any");
  const isTownship = unit.level === "township";
  const holder = isTownship ? unit.parentCode : unit.code;
  const lineages = await loadLineages(db, [unit.code, ...(isTownship && holder ? [holder] : [])]);
  const templateInForce = holder ? inForceOn(lineages.get(holder) ?? [], onDate) : null;
  const template = templateInForce && (!isTownship || appliesTo(templateInForce, unit.code)) ? templateInForce : null;
  const differences = isTownship ? inForceOn(lineages.get(unit.code) ?? [], onDate) : null;
  if (!template && !differences) return null;
  const items = await loadItems(db, [template?.id, differences?.id].filter((id): id is string => !!id));
  return {
    unit,
    on: onDate,
    kind: isTownship ? "township" : "template",
    template,
    differences,
    lineages,
    items: applyDifferences(template ? (items.get(template.id) ?? []) : [], differences ? (items.get(differences.id) ?? []) : []),
  };
}

export type DutyHistory = { unit: ScopeUnit; versions: VersionRow[]; lineages: Map<string, VersionRow[]> };

/**
 * Every version that shaped a unit's list, newest first: a county's template versions; for a township
 * its own differences and the county's template versions that apply to it.
 */
export async function dutyListHistory(db: Queryable, unitCode: string): Promise<DutyHistory> {
  const unit = await loadListUnit(db, unitCode, "any");
  const isTownship = unit.level === "township";
  const codes = isTownship && unit.parentCode ? [unit.code, unit.parentCode] : [unit.code];
  const lineages = await loadLineages(db, codes);
  const versions = [...lineages.values()]
    .flat()
    .filter((v) => v.kind === "differences" || !isTownship || appliesTo(v, unit.code))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.version - a.version);
  return { unit, versions, lineages };
}

/** The county template a township's differences are written against: the one in force on that date, if it applies. */
export async function templateItemsFor(db: Queryable, township: ScopeUnit, on: string): Promise<ItemRow[]> {
  if (!township.parentCode) return [];
  const template = inForceOn((await loadLineages(db, [township.parentCode])).get(township.parentCode) ?? [], on);
  if (!template || !appliesTo(template, township.code)) return [];
  return (await loadItems(db, [template.id])).get(template.id) ?? [];
}

/** The newest version of a unit (by number), whatever its effective date: keys are reused from it. */
export async function latestVersion(db: Queryable, unitCode: string): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(dutyListVersions)
    .where(inArray(dutyListVersions.unitCode, [unitCode]))
    .orderBy(desc(dutyListVersions.version))
    .limit(1);
  return row ?? null;
}
