import { inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../../db/client.js";
import { NATION_CODE, UNIT_LEVELS, type UnitLevel } from "../../../../contracts/roles.js";
import { units } from "../schema.js";
import type { DivisionRow } from "./source.js";

export type UnitRowInput = DivisionRow & { orgType?: string | null };
export type LevelCounts = Record<UnitLevel, { inserted: number; updated: number; unchanged: number }>;

export const NATION_ROW: UnitRowInput = { code: NATION_CODE, name: "中华人民共和国", level: "nation", parentCode: null, provinceCode: NATION_CODE };

const emptyCounts = (): LevelCounts =>
  Object.fromEntries(UNIT_LEVELS.map((l) => [l, { inserted: 0, updated: 0, unchanged: 0 }])) as LevelCounts;

/**
 * Writes a batch whose parents are already known. One statement per batch (arrays unnested), and a row
 * that did not change is left alone, so running an import twice changes nothing the second time.
 */
async function upsertBatch(db: Queryable, rows: (UnitRowInput & { path: string; depth: number })[], counts: LevelCounts) {
  const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k] ?? null));
  const result = await db.execute<{ level: UnitLevel; inserted: boolean }>(sql`
    insert into ${units} (code, name, level, parent_code, path, depth, province_code, org_type)
    select * from unnest(${col("code")}::text[], ${col("name")}::text[], ${col("level")}::text[], ${col("parentCode")}::text[],
                         ${col("path")}::text[], ${col("depth")}::int[], ${col("provinceCode")}::text[], ${col("orgType")}::text[])
    on conflict (code) do update set
      name = excluded.name, level = excluded.level, parent_code = excluded.parent_code, path = excluded.path,
      depth = excluded.depth, province_code = excluded.province_code, org_type = excluded.org_type, updated_at = now()
    where (units.name, units.level, units.parent_code, units.path, units.depth, units.province_code, units.org_type)
      is distinct from (excluded.name, excluded.level, excluded.parent_code, excluded.path, excluded.depth, excluded.province_code, excluded.org_type)
    returning level, (xmax = 0) as inserted`);
  const byLevel = new Map<UnitLevel, number>();
  for (const r of rows) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1);
  for (const r of result.rows) {
    counts[r.level][r.inserted ? "inserted" : "updated"]++;
    byLevel.set(r.level, (byLevel.get(r.level) ?? 0) - 1);
  }
  for (const [level, n] of byLevel) counts[level].unchanged += n;
}

export type ImportOptions = { batchSize?: number; onProgress?: (rowsDone: number) => void };

export class MissingParentError extends Error {
  constructor(readonly row: UnitRowInput) {
    super(`上级单位 ${row.parentCode} 不存在，无法导入 ${row.code} ${row.name} / parent ${row.parentCode} of ${row.code} is missing`);
  }
}

/**
 * Loads units top-down in batches. Paths come from the parents seen earlier in the stream or, for a
 * parent loaded by an earlier import, from the database.
 */
export async function importUnits(db: Queryable, source: AsyncIterable<UnitRowInput> | Iterable<UnitRowInput>, options: ImportOptions = {}) {
  const batchSize = options.batchSize ?? 5000;
  const counts = emptyCounts();
  const pathOf = new Map<string, string>();
  let batch: UnitRowInput[] = [];
  let done = 0;

  const flush = async () => {
    const missing = [...new Set(batch.map((r) => r.parentCode).filter((c): c is string => !!c && !pathOf.has(c)))];
    if (missing.length > 0) {
      const found = await db.select({ code: units.code, path: units.path }).from(units).where(inArray(units.code, missing));
      for (const f of found) pathOf.set(f.code, f.path);
    }
    const resolved = batch.map((row) => {
      const parentPath = row.parentCode ? pathOf.get(row.parentCode) : "";
      if (parentPath === undefined) throw new MissingParentError(row);
      const path = parentPath ? `${parentPath}.${row.code}` : row.code;
      pathOf.set(row.code, path);
      return { ...row, path, depth: path.split(".").length - 1 };
    });
    await upsertBatch(db, resolved, counts);
    done += batch.length;
    batch = [];
    options.onProgress?.(done);
  };

  for await (const row of source) {
    // A child in the same batch as its parent needs the parent's path first.
    if (row.parentCode && !pathOf.has(row.parentCode) && batch.some((b) => b.code === row.parentCode)) await flush();
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return counts;
}
