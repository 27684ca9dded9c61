import { asc, gt, sql, type SQL } from "drizzle-orm";
import type { UnitLevel } from "../../../contracts/roles.js";
import { isTransaction, type Queryable } from "../../db/client.js";
import { runBuilt } from "../../db/named.js";
import { anyText } from "../../db/sql-helpers.js";
import { unitGeneration, units } from "./schema.js";
import { asUnit, belowAtLevel, belowValues, getUnit, getUnits, unitColumns, unitsUnder, type Unit } from "./units.js";

/**
 * The units 组织单元 an admission check reads — the issuer, the targets ("all villages under X"), their
 * townships — kept in memory: two to four statements of every check were a third of its round trips
 * (ADR 0016, second addendum). The whole table is loaded at server start (`warmUnitCache`: ~650,000 units
 * nationally, ~170 MB); until then, and after a change, units are kept as they are read.
 *
 * Units change rarely and in bulk (the divisions import), often from another process, so the cache is
 * not told of changes: each read that fills it also reads the units' generation (`unit_generation`,
 * raised by a trigger on every statement that writes units), and the check reads the generation again
 * with its reference tables. A check that used units of another generation than the one it finds there
 * is done again with fresh units (burdens/prepare.ts): no check is decided on units that had changed
 * before its last read.
 */
export type UnitReader = {
  get(code: string): Promise<Unit | null>;
  getMany(codes: readonly string[]): Promise<Unit[]>;
  /** All units of one level in a subtree, in code order. */
  under(ancestorPath: string, level: UnitLevel): Promise<Unit[]>;
  /** Whether every unit given out (or found missing) was read at `generation`, the units' generation as the check found it later. */
  currentAt(generation: number): boolean;
  /** `currentAt` the generation read now: for a check that ends early (a refusal) before reading it with its reference tables. */
  stillCurrent(): Promise<boolean>;
};

/** A table larger than this is not held whole; units are then kept as read, up to it. */
const MAX_UNITS = 1_000_000;
const MAX_SUBTREES = 40_000;
const WARM_PAGE = 50_000;

type Held = {
  generation: number;
  byCode: Map<string, Unit>;
  /** Every unit's children, when the whole table of this generation is held: nothing is then read, a missing code is known missing. */
  children: Map<string, Unit[]> | null;
  under: Map<string, Unit[]>;
};

/** One cache per database (tests open many); a transaction reads plainly, it may see its own writes. */
const caches = new WeakMap<object, Held>();
const warming = new WeakSet<object>();

const emptyHeld = (generation: number): Held => ({ generation, byCode: new Map(), children: null, under: new Map() });

/** The cache of `db`; when a read brings another generation, a fresh one for it (whichever is newer: a restored database is followed too). */
function held(db: object, generation?: number): Held {
  let h = caches.get(db);
  if (h && generation !== undefined && generation !== h.generation) {
    forgetUnits(db as Queryable);
    h = undefined;
  }
  if (!h) caches.set(db, (h = emptyHeld(generation ?? -1)));
  return h;
}

/**
 * The units' generation now, as an expression for a statement of another module: the gate reads it with
 * its reference tables, in the same round trip, to confirm the units its check used.
 */
export const unitGenerationNow = (): SQL<number | null> => sql<number | null>`(select ${unitGeneration.generation} from ${unitGeneration})`;

type GenerationRow = { code: string; name: string; level: string; parentCode: string | null; path: string; provinceCode: string; orgType: string | null; generation: number | null };
const generationColumn = { generation: unitGenerationNow().as("generation") };
const generationOf = (row: GenerationRow) => Number(row.generation ?? -1);
const withoutGeneration = ({ generation: _generation, ...row }: GenerationRow): Unit => asUnit(row);

/**
 * A unit to hold for long: its level, province and type one string each for the whole table, its parent's
 * code the parent's own string. A third fewer objects for the collector to walk (~650,000 units).
 */
function compact(row: GenerationRow, byCode: Map<string, Unit>, shared: Map<string, string>): Unit {
  const one = (s: string): string => {
    let kept = shared.get(s);
    if (kept === undefined) shared.set(s, (kept = s));
    return kept;
  };
  return {
    code: row.code,
    name: row.name,
    level: one(row.level) as UnitLevel,
    parentCode: row.parentCode === null ? null : (byCode.get(row.parentCode)?.code ?? row.parentCode),
    path: row.path,
    provinceCode: one(row.provinceCode),
    orgType: row.orgType === null ? null : one(row.orgType),
  };
}

/**
 * Loads the whole table into the cache, a page at a time; pages of different generations (a write
 * meanwhile) start it over, up to three times. Returns the units held, 0 when the table is too large or kept changing.
 */
export async function warmUnitCache(db: Queryable): Promise<number> {
  if (isTransaction(db) || warming.has(db)) return 0;
  warming.add(db);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const byCode = new Map<string, Unit>();
      const shared = new Map<string, string>();
      let generation: number | null = null;
      let after = "";
      let consistent = true;
      for (;;) {
        const rows = (await db
          .select({ ...unitColumns, ...generationColumn })
          .from(units)
          .where(gt(units.code, after))
          .orderBy(asc(units.code))
          .limit(WARM_PAGE)) as GenerationRow[];
        if (rows.length === 0) break;
        if (generation === null) generation = generationOf(rows[0]!);
        if (generationOf(rows[0]!) !== generation) {
          consistent = false;
          break;
        }
        for (const r of rows) byCode.set(r.code, compact(r, byCode, shared));
        if (byCode.size > MAX_UNITS) return 0;
        after = rows.at(-1)!.code;
      }
      if (!consistent || generation === null) continue;
      const children = new Map<string, Unit[]>();
      for (const u of byCode.values()) {
        if (u.parentCode === null) continue;
        const siblings = children.get(u.parentCode);
        if (siblings) siblings.push(u);
        else children.set(u.parentCode, [u]);
      }
      const current = caches.get(db);
      // A newer generation seen meanwhile by a check: what was loaded is already old.
      if (current && current.generation > generation) continue;
      caches.set(db, { generation, byCode, children, under: new Map() });
      return byCode.size;
    }
    return 0;
  } finally {
    warming.delete(db);
  }
}

/** Units read plainly, every time: inside a transaction, and where no check compares generations. */
export const plainUnitReader = (db: Queryable): UnitReader => ({
  get: (code) => getUnit(db, code),
  getMany: (codes) => getUnits(db, codes),
  under: (path, level) => unitsUnder(db, path, level),
  currentAt: () => true,
  stillCurrent: async () => true,
});

/** The units of `level` below the unit `code`, from the children held, in code order. */
function subtreeAt(children: Map<string, Unit[]>, code: string, level: UnitLevel): Unit[] {
  const found: Unit[] = [];
  const stack = [...(children.get(code) ?? [])];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.level === level) found.push(u);
    for (const c of children.get(u.code) ?? []) stack.push(c);
  }
  return found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A reader for one admission check: from memory where it can, from the database with the generation otherwise. */
export function cachedUnitReader(db: Queryable): UnitReader {
  if (isTransaction(db)) return plainUnitReader(db);
  const seen = new Set<number>();
  const currentAt = (generation: number) => [...seen].every((g) => g === generation);

  /** Units read with their generation, kept in the cache of that generation. */
  const keep = (rows: GenerationRow[]): { units: Unit[]; into: Held | null } => {
    const read = rows.map(withoutGeneration);
    if (rows.length === 0) return { units: read, into: null };
    const generation = generationOf(rows[0]!);
    seen.add(generation);
    let into = held(db, generation);
    if (into.byCode.size + read.length > MAX_UNITS) {
      caches.delete(db);
      into = held(db, generation);
    }
    for (const u of read) into.byCode.set(u.code, u);
    return { units: read, into };
  };

  const getMany = async (codes: readonly string[]): Promise<Unit[]> => {
    const cache = held(db);
    const found: Unit[] = [];
    const missing: string[] = [];
    for (const code of new Set(codes)) {
      const u = cache.byCode.get(code);
      if (u) found.push(u);
      else missing.push(code);
    }
    // The whole table held: a code not in it is not in the table (at this generation, which the check confirms).
    if (found.length > 0 || cache.children) seen.add(cache.generation);
    if (missing.length === 0 || cache.children) return found;
    const rows = await runBuilt(
      db,
      "units_by_codes_generation",
      () => db.select({ ...unitColumns, ...generationColumn }).from(units).where(anyText(units.code, sql.placeholder("codes"))),
      { codes: missing },
    );
    return [...found, ...keep(rows as GenerationRow[]).units];
  };

  const under = async (ancestorPath: string, level: UnitLevel): Promise<Unit[]> => {
    const key = `${ancestorPath}|${level}`;
    const cache = held(db);
    let hit = cache.under.get(key);
    if (!hit && cache.children) {
      hit = subtreeAt(cache.children, ancestorPath.slice(ancestorPath.lastIndexOf(".") + 1), level);
      if (cache.under.size >= MAX_SUBTREES) cache.under.clear();
      cache.under.set(key, hit);
    }
    if (hit) {
      seen.add(cache.generation);
      return hit;
    }
    const rows = await runBuilt(
      db,
      "units_under_at_level_generation",
      () => db.select({ ...unitColumns, ...generationColumn }).from(units).where(belowAtLevel()).orderBy(asc(units.code)),
      belowValues(ancestorPath, level),
    );
    const { units: read, into } = keep(rows as GenerationRow[]);
    if (into) {
      if (into.under.size >= MAX_SUBTREES) into.under.clear();
      into.under.set(key, read);
    }
    return read;
  };

  return {
    getMany,
    get: async (code) => (await getMany([code]))[0] ?? null,
    under,
    currentAt,
    stillCurrent: async () => {
      if (seen.size === 0) return true;
      const [row] = await runBuilt(db, "unit_generation_now", () => db.select({ generation: unitGeneration.generation }).from(unitGeneration), {});
      return currentAt(row?.generation ?? -1);
    },
  };
}

/** Drops what is held of `db`'s units (a check found them changed); a whole table held is loaded again in the background. */
export function forgetUnits(db: Queryable): void {
  const h = caches.get(db);
  if (!h) return;
  caches.delete(db);
  if (h.children) void warmUnitCache(db).catch(() => undefined);
}

/** For tests and benchmarks: how much the cache of a database holds. */
export const unitCacheSize = (db: Queryable) => {
  const h = caches.get(db);
  return { generation: h?.generation ?? null, units: h?.byCode.size ?? 0, whole: h?.children != null, subtrees: h?.under.size ?? 0 };
};
