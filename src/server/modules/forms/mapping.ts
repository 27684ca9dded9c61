import type { IndicatorType } from "../../../contracts/forms.js";
import { prepare, preparedSimilarity, type PreparedText } from "../../kernel/text-similarity.js";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { listIndicators, type IndicatorRow } from "./catalog.js";
import { formIndicators } from "./schema.js";
import type { ColumnInfo } from "./excel/read-form.js";
import { unitsAgree } from "./excel/units.js";

/**
 * For each column of an uploaded form, the catalog indicator it most likely asks for: its name and
 * aliases compared by Chinese text similarity, an exact name or alias winning outright, units and
 * types that disagree counting against it. Below THRESHOLD the column is proposed as a new indicator.
 */
export const THRESHOLD = 0.6;

export type Proposal = { indicatorId: string | null; code: string | null; name: string | null; score: number; unitAgrees: boolean | null; notes: string[] };

/** `minGrams`: the fewest character bigrams of its name and aliases (what bounds its score from above). */
type PreparedIndicator = { row: IndicatorRow; keys: Set<string>; texts: PreparedText[]; minGrams: number };
/** A catalog prepared once: its indicators, and which of them share a character bigram (candidates are only those). */
export type PreparedCatalog = { items: PreparedIndicator[]; byGram: Map<string, number[]>; byKey: Map<string, number[]> };

const squash = (s: string): string => s.replace(/[\s()（）/、·]/g, "").toLowerCase();

const push = (map: Map<string, number[]>, key: string, i: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list.at(-1) !== i) list.push(i);
};

export function prepareCatalog(rows: readonly IndicatorRow[]): PreparedCatalog {
  const items = rows.map((row) => {
    const texts = [row.name, ...row.aliases].map(prepare);
    return { row, keys: new Set([row.name, ...row.aliases].map(squash)), texts, minGrams: Math.min(...texts.map((t) => t.bigrams.size)) };
  });
  const byGram = new Map<string, number[]>();
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const t of item.texts) for (const g of t.bigrams) push(byGram, g, i);
    for (const k of item.keys) push(byKey, k, i);
  });
  return { items, byGram, byKey };
}

/** A catalog rarely changes between uploads: prepared catalogs are kept per region until it does. */
const cache = new Map<string, { stamp: string; catalog: PreparedCatalog }>();

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
  const catalog = prepareCatalog(await listIndicators(db, regionCode));
  if (cache.size >= 50) cache.delete(cache.keys().next().value!);
  cache.set(regionCode, { stamp, catalog });
  return catalog;
}

/**
 * The indicators sharing a bigram with the column (an exact name or alias first), best bound first. A
 * score is half cosine (at most 1) and half the Dice share of bigrams, plus at most 0.05 for agreeing
 * units, so it cannot exceed 0.55 + shared / (column bigrams + the indicator's fewest): once that bound
 * falls below the best score found, no later candidate can win and the search stops.
 */
function candidatesOf(catalog: PreparedCatalog, name: PreparedText, key: string): { c: PreparedIndicator; bound: number }[] {
  const exact = new Set<number>(catalog.byKey.get(key) ?? []);
  const shared = new Map<number, number>();
  for (const g of name.bigrams) for (const i of catalog.byGram.get(g) ?? []) if (!exact.has(i)) shared.set(i, (shared.get(i) ?? 0) + 1);
  const found = [...exact].map((i) => ({ c: catalog.items[i]!, bound: Number.POSITIVE_INFINITY }));
  for (const [i, n] of shared) {
    const c = catalog.items[i]!;
    found.push({ c, bound: 0.55 + n / (name.bigrams.size + c.minGrams) });
  }
  return found.sort((a, b) => b.bound - a.bound);
}

/** The type a header suggests, when it suggests one: 是否… a choice, …率 / % a percent, …日期 a date. */
function typeHint(name: string, unit: string): IndicatorType | null {
  if (/^是否/.test(name)) return "choice";
  if (/率$|占比$|比例$/.test(name) || unit === "%") return "percent";
  if (/(日期|时间)$/.test(name)) return "date";
  if (/(姓名|名称|地址|电话)$/.test(name)) return "text";
  return null;
}

function score(column: ColumnInfo, name: PreparedText, candidate: PreparedIndicator): number {
  if (candidate.keys.has(squash(column.name))) return 1;
  let best = 0;
  for (const t of candidate.texts) best = Math.max(best, preparedSimilarity(name, t));
  return best;
}

export function proposeFor(column: ColumnInfo, catalog: PreparedCatalog, declaredUnits: readonly string[] = []): Proposal {
  const name = prepare(column.name);
  const hint = column.question?.type ?? typeHint(column.name, column.unit);
  let best: { c: PreparedIndicator; s: number; unitAgrees: boolean | null; notes: string[] } | null = null;
  for (const { c, bound } of candidatesOf(catalog, name, squash(column.name))) {
    if (bound < 0.3 || (best && bound < best.s)) break;
    let s = score(column, name, c);
    if (s < 0.3) continue;
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
