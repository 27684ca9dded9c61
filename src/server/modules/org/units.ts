import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { UnitLevel } from "../../../contracts/roles.js";
import { runBuilt } from "../../db/named.js";
import { anyText, likeEscape, pathWithin } from "../../db/sql-helpers.js";
import { pathIsInside, type ScopeUnit } from "../../kernel/actor.js";
import { units } from "./schema.js";

/** A node of the hierarchy as domain code sees it. */
export type Unit = ScopeUnit;

/** The columns of a Unit, for queries of other org tables that join units. */
export const unitColumns = {
  code: units.code,
  name: units.name,
  level: units.level,
  parentCode: units.parentCode,
  path: units.path,
  provinceCode: units.provinceCode,
  orgType: units.orgType,
};

/** A row of `unitColumns` as a Unit. */
export const asUnit = (row: { level: string } & Omit<Unit, "level">): Unit => ({ ...row, level: row.level as UnitLevel });


/** The codes on a path, from the root down to the unit itself. */
export const pathCodes = (path: string): string[] => path.split(".");


export async function getUnit(db: Queryable, code: string): Promise<Unit | null> {
  const [row] = await runBuilt(db, "unit_by_code", () => db.select(unitColumns).from(units).where(eq(units.code, sql.placeholder("code"))), { code });
  return row ? asUnit(row) : null;
}

export async function getUnits(db: Queryable, codes: readonly string[]): Promise<Unit[]> {
  if (codes.length === 0) return [];
  const rows = await runBuilt(db, "units_by_codes", () => db.select(unitColumns).from(units).where(anyText(units.code, sql.placeholder("codes"))), { codes: [...codes] });
  return rows.map(asUnit);
}

/** The chain from the root down to the unit's parent, in order. */
export async function ancestorsOf(db: Queryable, unit: Unit): Promise<Unit[]> {
  const codes = pathCodes(unit.path).slice(0, -1);
  const found = new Map((await getUnits(db, codes)).map((u) => [u.code, u]));
  return codes.flatMap((c) => found.get(c) ?? []);
}

export type UnitWithChildren = Unit & { hasChildren: boolean };

// Written out: drizzle would render the outer column unqualified, and inside the subquery it would mean c.code.
const hasChildrenSql = sql<boolean>`exists (select 1 from units c where c.parent_code = "units"."code")`;

export async function getUnitsWithChildren(db: Queryable, codes: readonly string[]): Promise<UnitWithChildren[]> {
  if (codes.length === 0) return [];
  const rows = await db.select({ ...unitColumns, hasChildren: hasChildrenSql }).from(units).where(inArray(units.code, [...codes]));
  return rows.map((r) => ({ ...asUnit(r), hasChildren: r.hasChildren }));
}

export async function childrenOf(
  db: Queryable,
  code: string,
  page: { limit: number; offset: number },
): Promise<{ items: UnitWithChildren[]; total: number }> {
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(units).where(eq(units.parentCode, code));
  const rows = await db
    .select({ ...unitColumns, hasChildren: hasChildrenSql })
    .from(units)
    .where(eq(units.parentCode, code))
    .orderBy(asc(units.code))
    .limit(page.limit)
    .offset(page.offset);
  return { items: rows.map((r) => ({ ...asUnit(r), hasChildren: r.hasChildren })), total: countRow?.n ?? 0 };
}

/**
 * Finds units by part of the name (中文) or by the start of a code, inside a subtree. A query of
 * digits is matched against codes; anything else against names.
 */
export async function searchUnits(
  db: Queryable,
  query: { q: string; withinPath: string | null; level?: UnitLevel; limit: number },
): Promise<Unit[]> {
  const q = query.q.trim();
  const match = /^\d+$/.test(q) ? like(units.code, `${likeEscape(q)}%`) : sql`${units.name} ilike ${`%${likeEscape(q)}%`}`;
  const inside = query.withinPath ? pathWithin(units.path, query.withinPath) : undefined;
  const rows = await db
    .select(unitColumns)
    .from(units)
    .where(and(match, inside, query.level ? eq(units.level, query.level) : undefined))
    .orderBy(asc(units.depth), asc(units.code))
    .limit(query.limit);
  return rows.map(asUnit);
}

/**
 * The condition "of a level, below a unit" (the unit itself excluded): one prefix range of the path
 * index. Its values are the placeholders `below` (belowValues) and `level`, for a statement built once.
 */
export const belowAtLevel = () => and(like(units.path, sql.placeholder("below")), eq(units.level, sql.placeholder("level")));
export const belowValues = (ancestorPath: string, level: UnitLevel) => ({ below: `${likeEscape(ancestorPath)}.%`, level });

/** All units of one level in a subtree, e.g. "all villages under county X". */
export async function unitsUnder(db: Queryable, ancestorPath: string, level: UnitLevel): Promise<Unit[]> {
  const rows = await runBuilt(
    db,
    "units_under_at_level",
    () => db.select(unitColumns).from(units).where(belowAtLevel()).orderBy(asc(units.code)),
    belowValues(ancestorPath, level),
  );
  return rows.map(asUnit);
}

/**
 * Units of the given levels below a region whose name is exactly one of `names`: how a sheet that
 * names its units (乡镇、村 written out, as an export writes them) is read back. A name may match
 * several units (two villages of one name in different townships); the caller decides what that means.
 */
export async function unitsNamedUnder(db: Queryable, ancestorPath: string, names: readonly string[], levels: readonly UnitLevel[]): Promise<Unit[]> {
  if (names.length === 0) return [];
  const rows = await db
    .select(unitColumns)
    .from(units)
    .where(and(like(units.path, `${likeEscape(ancestorPath)}.%`), anyText(units.name, [...names]), inArray(units.level, [...levels])))
    .orderBy(asc(units.code));
  return rows.map(asUnit);
}

/** "Is unit A inside B's subtree?", answered from the primary key alone. */
export async function isUnitInside(db: Queryable, innerCode: string, outerCode: string): Promise<boolean> {
  const found = await getUnits(db, [innerCode, outerCode]);
  const inner = found.find((u) => u.code === innerCode);
  const outer = found.find((u) => u.code === outerCode);
  return !!inner && !!outer && pathIsInside(inner.path, outer.path);
}
