import type { IndicatorType } from "../../../contracts/forms.js";
import { prepare } from "../../kernel/text-similarity.js";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { listIndicators } from "./catalog.js";
import { formIndicators } from "./schema.js";
import type { ColumnInfo } from "./excel/read-form.js";
import { unitsAgree } from "./excel/units.js";
import { prepareCatalog, similarities, squash, type PreparedCatalog, type PreparedIndicator } from "./mapping-index.js";

export { prepareCatalog, type PreparedCatalog } from "./mapping-index.js";

/**
 * For each column of an uploaded form, the catalog indicator it most likely asks for: its name and
 * aliases compared by Chinese text similarity, an exact name or alias winning outright, units and
 * types that disagree counting against it. Below THRESHOLD the column is proposed as a new indicator.
 */
export const THRESHOLD = 0.6;

export type Proposal = { indicatorId: string | null; code: string | null; name: string | null; score: number; unitAgrees: boolean | null; notes: string[] };

/** A catalog rarely changes between uploads: prepared catalogs are kept per region until it does. */
const cache = new Map<string, { stamp: string; catalog: PreparedCatalog }>();
/** Preparations under way, by region and stamp, so an upload arriving during a warm-up waits for it instead of preparing twice. */
const preparing = new Map<string, Promise<PreparedCatalog>>();
/** Warm-ups started, from the moment they are asked for (before their first query answers). */
const warming = new Set<Promise<unknown>>();
let preparations = 0;
/** For tests: how many catalogs were prepared so far, and the preparations and warm-ups under way. */
export const catalogPreparations = () => ({ done: preparations, pending: [...preparing.values(), ...warming] });

/**
 * The region's catalog, prepared: read and prepared again only when its size or latest change differs
 * from the one kept (one small query instead of reading 20,000 indicators at every upload).
 */
export async function preparedCatalogFor(db: Queryable, regionCode: string): Promise<PreparedCatalog> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, latest: sql<string | null>`max(${formIndicators.updatedAt})::text` })
    .from(formIndicators)
    .where(eq(formIndicators.regionCode, regionCode));
  const stamp = `${row?.n ?? 0}|${row?.latest ?? ""}`;
  const hit = cache.get(regionCode);
  if (hit?.stamp === stamp) return hit.catalog;
  const key = `${regionCode}|${stamp}`;
  const pending = preparing.get(key);
  if (pending) return pending;
  const work = (async () => {
    const catalog = prepareCatalog(await listIndicators(db, regionCode));
    preparations++;
    cache.delete(regionCode);
    if (cache.size >= 50) cache.delete(cache.keys().next().value!);
    cache.set(regionCode, { stamp, catalog });
    return catalog;
  })().finally(() => preparing.delete(key));
  preparing.set(key, work);
  return work;
}

/**
 * Preparing 20,000 indicators takes about a second (segmenting every name and alias); done after each
 * catalog change and at start, in the background, so the department's upload finds it ready. A
 * failure only means the next upload prepares it itself.
 */
export type CatalogLog = { warn: (o: object, msg: string) => void };

export function warmCatalog(db: Queryable, regionCode: string, log: CatalogLog): void {
  const work = preparedCatalogFor(db, regionCode).catch((err: unknown) => log.warn({ err, regionCode }, "preparing the indicator catalog failed"));
  warming.add(work);
  void work.finally(() => warming.delete(work));
}

/** At start: every region that keeps a catalog, one after another (start-up must not wait for it). */
export async function warmCatalogs(db: Queryable, log: CatalogLog): Promise<void> {
  const regions = await db.selectDistinct({ code: formIndicators.regionCode }).from(formIndicators);
  for (const { code } of regions.slice(0, 50)) await preparedCatalogFor(db, code).catch((err: unknown) => log.warn({ err, regionCode: code }, "preparing the indicator catalog failed"));
}

/** The type a header suggests, when it suggests one: 是否… a choice, …率 / % a percent, …日期 a date. */
function typeHint(name: string, unit: string): IndicatorType | null {
  if (/^是否/.test(name)) return "choice";
  if (/率$|占比$|比例$/.test(name) || unit === "%") return "percent";
  if (/(日期|时间)$/.test(name)) return "date";
  if (/(姓名|名称|地址|电话)$/.test(name)) return "text";
  return null;
}

export function proposeFor(column: ColumnInfo, catalog: PreparedCatalog, declaredUnits: readonly string[] = []): Proposal {
  const name = prepare(column.name);
  const hint = column.question?.type ?? typeHint(column.name, column.unit);
  let best: { c: PreparedIndicator; s: number; unitAgrees: boolean | null; notes: string[] } | null = null;
  for (const { item: c, score } of similarities(catalog, name, squash(column.name))) {
    let s = score;
    // Agreeing units add at most 0.05: below that, nothing can beat the best found.
    if (s < 0.3 || (best && s + 0.05 <= best.s)) continue;
    const notes: string[] = [];
    let unitAgrees: boolean | null = null;
    if (column.unit && c.row.unit) {
      unitAgrees = unitsAgree(column.unit, c.row.unit);
      if (!unitAgrees) notes.push(`单位不一致：表中为“${column.unit}”，指标为“${c.row.unit}”`);
    } else if (!column.unit && c.row.unit && declaredUnits.length > 0) {
      unitAgrees = declaredUnits.some((u) => unitsAgree(u, c.row.unit));
      if (!unitAgrees) notes.push(`表中声明的单位（${declaredUnits.join("/")}）不含指标单位“${c.row.unit}”`);
    }
    if (unitAgrees === false) s *= 0.7;
    else if (unitAgrees === true) s = Math.min(1, s + 0.05);
    if (hint && hint !== c.row.type && !(hint === "percent" && c.row.type === "number") && !(hint === "integer" && c.row.type === "number")) {
      s *= 0.8;
      notes.push(`类型不一致：表头像${hint}，指标为${c.row.type}`);
    }
    if (!best || s > best.s) best = { c, s, unitAgrees, notes };
  }
  const rounded = best ? Math.round(best.s * 100) / 100 : 0;
  if (!best || best.s < THRESHOLD) {
    const notes = best ? [`最接近的指标：${best.c.row.name}（${best.c.row.code}，相似度 ${rounded}）`] : [];
    return { indicatorId: null, code: null, name: null, score: rounded, unitAgrees: null, notes };
  }
  return { indicatorId: best.c.row.id, code: best.c.row.code, name: best.c.row.name, score: rounded, unitAgrees: best.unitAgrees, notes: best.notes };
}

/** A new indicator's type, guessed from its header and unit. */
export const guessType = (column: ColumnInfo): IndicatorType =>
  column.question?.type ?? typeHint(column.name, column.unit) ?? (["人", "户", "个", "头", "只", "人次", "户次", "次", "家", "所", "座", "辆", "台", "套", "处", "项", "间"].includes(column.unit) ? "integer" : "number");
