import { prepare, type PreparedText } from "../../kernel/text-similarity.js";
import type { IndicatorRow } from "./catalog.js";

/**
 * The catalog 数据指标目录 indexed for mapping proposals: every name and alias prepared once, with
 * postings from each character bigram and each word to the texts holding it. A column's similarity to
 * every text is then accumulated along its bigrams' and words' postings into typed arrays, the same
 * value kernel/text-similarity's preparedSimilarity gives (half weighted word cosine, half bigram
 * Dice), without comparing the column with thousands of candidates one by one.
 */

export type PreparedIndicator = { row: IndicatorRow; keys: Set<string> };
type WordPostings = { texts: Int32Array; weights: Float64Array };
export type PreparedCatalog = {
  items: PreparedIndicator[];
  /** Per text: the indicator it names, its bigram count. */
  owner: Int32Array;
  grams: Int32Array;
  byGram: Map<number, Int32Array>;
  /** Per word: the texts holding it and its weight there divided by the text's norm. */
  byWord: Map<string, WordPostings>;
  /** Per indicator: its texts (first, count). */
  firstText: Int32Array;
  textCount: Int32Array;
  byKey: Map<string, number[]>;
};

export const squash = (s: string): string => s.replace(/[\s()（）/、·]/g, "").toLowerCase();

const append = <K, T>(map: Map<K, T[]>, key: K, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function prepareCatalog(rows: readonly IndicatorRow[]): PreparedCatalog {
  const items: PreparedIndicator[] = [];
  const owner: number[] = [];
  const grams: number[] = [];
  const firstText = new Int32Array(rows.length);
  const textCount = new Int32Array(rows.length);
  const gramLists = new Map<number, number[]>();
  const wordLists = new Map<string, { t: number; w: number }[]>();
  const byKey = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const names = [row.name, ...row.aliases];
    items.push({ row, keys: new Set(names.map(squash)) });
    for (const k of items[i]!.keys) append(byKey, k, i);
    firstText[i] = owner.length;
    textCount[i] = names.length;
    for (const text of names.map(prepare)) {
      const t = owner.length;
      owner.push(i);
      grams.push(text.bigrams.size);
      for (const g of text.bigrams) append(gramLists, g, t);
      if (text.norm > 0) for (const [w, n] of text.counts) append(wordLists, w, { t, w: n / text.norm });
    }
  });
  const byGram = new Map([...gramLists].map(([g, list]) => [g, Int32Array.from(list)]));
  const byWord = new Map([...wordLists].map(([w, list]) => [w, { texts: Int32Array.from(list, (p) => p.t), weights: Float64Array.from(list, (p) => p.w) }]));
  return { items, owner: Int32Array.from(owner), grams: Int32Array.from(grams), byGram, byWord, firstText, textCount, byKey };
}

/**
 * Each indicator sharing a bigram with the column, with its similarity: 1 for an exact name or alias
 * (these first), else the best of its texts (in catalog order).
 */
export function similarities(catalog: PreparedCatalog, name: PreparedText, key: string): { item: PreparedIndicator; score: number }[] {
  const texts = catalog.owner.length;
  const shared = new Int32Array(texts);
  const dot = new Float64Array(texts);
  const touched = new Uint8Array(catalog.items.length);
  for (const g of name.bigrams) {
    const list = catalog.byGram.get(g);
    if (list) for (const t of list) { shared[t]!++; touched[catalog.owner[t]!] = 1; }
  }
  if (name.norm > 0) {
    for (const [w, n] of name.counts) {
      const p = catalog.byWord.get(w);
      if (p) for (let k = 0; k < p.texts.length; k++) dot[p.texts[k]!]! += (n / name.norm) * p.weights[k]!;
    }
  }
  // Exact names and aliases first: on a tie after units and types, an exact one wins.
  const exact = catalog.byKey.get(key) ?? [];
  const out = exact.map((i) => ({ item: catalog.items[i]!, score: 1 }));
  for (const i of exact) touched[i] = 0;
  for (let i = 0; i < touched.length; i++) {
    if (!touched[i]) continue;
    let best = 0;
    for (let t = catalog.firstText[i]!, end = t + catalog.textCount[i]!; t < end; t++) {
      const total = name.bigrams.size + catalog.grams[t]!;
      if (total > 0) best = Math.max(best, 0.5 * dot[t]! + 0.5 * ((2 * shared[t]!) / total));
    }
    out.push({ item: catalog.items[i]!, score: best });
  }
  return out;
}
