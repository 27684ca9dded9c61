import { Jieba } from "@node-rs/jieba";
import { dict, idf } from "@node-rs/jieba/dict.js";
import { bigramsOf, distinctBigramsIn, gramText } from "./bigrams.js";

/**
 * Chinese text similarity for official titles and short names (报表、通知、履职事项): words by jieba,
 * blended with character bigrams so that a different cut of the same words ("统计表" / "统计…报表")
 * still counts. Pure and in memory: the gate calls it hundreds of times per check.
 */

let jieba: Jieba | null = null;
/** The dictionary takes ~100 ms to load: once, on first use. */
export const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

/**
 * How much a word tells (inverse document frequency, from jieba's table): 生产 4.4, 统计 5.7, 报送 9.8.
 * Only common words are kept (~44,000 under RARE, ~11 MB); every rarer word weighs RARE.
 */
export const RARE = 10;
let weights: Map<string, number> | null = null;
function weightTable(): Map<string, number> {
  if (weights) return weights;
  weights = new Map();
  for (const line of Buffer.from(idf).toString("utf8").split("\n")) {
    const space = line.lastIndexOf(" ");
    const value = Number(line.slice(space + 1));
    if (space > 0 && value < RARE) weights.set(line.slice(0, space), value);
  }
  return weights;
}
export const wordWeight = (word: string): number => weightTable().get(word) ?? RARE;

/**
 * Words that say nothing about what is asked: function words, and the boilerplate of official text
 * (关于…的通知, 请…按要求做好…工作). Kept short on purpose; each entry is a word jieba emits.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // function words
  "的", "了", "和", "与", "及", "以及", "等", "各", "对", "在", "于", "为", "将", "把", "由", "或", "并", "其", "之", "是", "有",
  // boilerplate of requests and duty lists
  "请", "按", "按照", "要求", "工作", "相关", "有关", "关于", "通知", "开展", "组织", "做好", "负责", "落实", "加强", "推进",
  "配合", "协助", "积极", "认真", "切实", "进一步", "按时", "及时", "年", "月", "日", "年度", "事项",
]);

/** Words after which a duty name starts another clause: "A和B" names two duties, either may match. */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(["和", "及", "以及", "与", "等", "或"]);

/**
 * The many names of a data form: a request for a 统计表 or 情况表 asks for a 报表. Each word here also
 * counts as the word it maps to.
 */
export const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["统计表", "报表"],
  ["情况表", "报表"],
  ["调查表", "报表"],
  ["登记表", "报表"],
  ["汇总表", "报表"],
  ["明细表", "报表"],
  ["信息表", "报表"],
  ["涨粉", "粉丝"],
]);

export const IGNORED = /^[\p{P}\p{S}\p{Z}\s\d.]+$/u;
export const keep = (word: string): boolean => word.length > 0 && !IGNORED.test(word) && !STOP_WORDS.has(word);
const clean = (words: string[]): string[] => words.map((w) => w.trim()).filter(keep);

/** Meaningful words of a text, lowercase, in search mode (a compound yields its parts too: 耕地面积 → 耕地, 面积, 耕地面积). */
export function tokens(text: string): string[] {
  if (!text.trim()) return [];
  return clean(segmenter().cutForSearch(text.toLowerCase(), true)).flatMap((w) => {
    const same = SYNONYMS.get(w);
    return same ? [w, same] : [w];
  });
}

/**
 * A meaningful word with its weight, its bigrams and the word it also counts as (SYNONYMS); one shared
 * object per distinct word (names share most words). `seenAt`, `inTitle` and `inBody` are relevanceTo's
 * memo of how much of the word one request holds.
 */
export type Word = { word: string; weight: number; grams: readonly number[]; synonym: string | undefined; seenAt: number; inTitle: number; inBody: number };

const VOCABULARY_LIMIT = 200_000;
const vocabulary = new Map<string, Word>();

export function wordOf(word: string): Word {
  let found = vocabulary.get(word);
  if (!found) {
    if (vocabulary.size >= VOCABULARY_LIMIT) vocabulary.clear();
    found = { word, weight: wordWeight(word), grams: [...new Set(bigramsOf(word))], synonym: SYNONYMS.get(word), seenAt: 0, inTitle: 0, inBody: 0 };
    vocabulary.set(word, found);
  }
  return found;
}

export const wordsOf = (cut: readonly string[]): Word[] => [...new Set(cut)].map(wordOf);
export const massOf = (words: readonly Word[]): number => words.reduce((n, w) => n + w.weight, 0);
const cutWords = (text: string): string[] => (text.trim() ? clean(segmenter().cut(text.toLowerCase(), true)) : []);

/** A text prepared once for many comparisons (the gate compares one burden with hundreds of items). */
export type PreparedText = {
  /** Search-mode words with their weight in the text (occurrences × word weight). */
  counts: Map<string, number>;
  norm: number;
  /** Character bigrams of the meaningful words run together (a single character stands for itself). */
  bigrams: Set<number>;
  /** The meaningful words as jieba cuts them (not the search-mode parts), each once. */
  words: Word[];
  /** Sum of the weights of `words`: how much the text says. */
  mass: number;
  /** The meaningful words run together, in order: what `bigrams` is made of. */
  run: string;
};

/** Control characters separate nothing a reader sees; they are also serializePrepared's separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function prepare(raw: string): PreparedText {
  const text = raw.replace(CONTROL, " ");
  const counts = new Map<string, number>();
  for (const t of tokens(text)) counts.set(t, (counts.get(t) ?? 0) + wordWeight(t));
  let sq = 0;
  for (const n of counts.values()) sq += n * n;
  const cut = cutWords(text);
  const words = wordsOf(cut);
  const run = cut.join("");
  return { counts, norm: Math.sqrt(sq), bigrams: new Set(bigramsOf(run)), words, mass: massOf(words), run };
}

/*
 * A prepared text kept as a string, so that a text compared often (an admitted burden, a candidate
 * duplicate of many checks) is segmented once, when it is written, not at every comparison. Separators
 * are ASCII control characters, which `clean` never lets into a word.
 */
const FIELD = "\u001f";
const PART = "\u001e";
const FORMAT = "p1";

/** `prepare`'s result as a string that `parsePrepared` turns back into an equal PreparedText. */
export function serializePrepared(p: PreparedText): string {
  const entries: string[] = [];
  for (const [word, weight] of p.counts) entries.push(word, String(weight));
  return [FORMAT, p.run, entries.join(FIELD), p.words.map((w) => w.word).join(FIELD)].join(PART);
}

/** What `preparedSimilarity` compares of a text: its weighted words and its bigrams. */
export type ComparableText = Pick<PreparedText, "counts" | "norm" | "bigrams">;

/** The PreparedText a `serializePrepared` string stands for; null when the string is not one (an older format). */
export function parsePrepared(stored: string): PreparedText | null {
  const [format, run, entries, cut] = stored.split(PART);
  if (format !== FORMAT || run === undefined || entries === undefined || cut === undefined) return null;
  const counts = new Map<string, number>();
  let sq = 0;
  if (entries.length > 0) {
    const fields = entries.split(FIELD);
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const weight = Number(fields[i + 1]);
      counts.set(fields[i]!, weight);
      sq += weight * weight;
    }
  }
  const words = cut.length > 0 ? cut.split(FIELD).map(wordOf) : [];
  return { counts, norm: Math.sqrt(sq), bigrams: new Set(bigramsOf(run)), words, mass: massOf(words), run };
}

/**
 * `preparedSimilarity(mine, parsePrepared(stored))`, read straight from the string: the duplicate search
 * scores a shortlist of stored candidates per check, and building their maps and sets was most of it.
 * Null when the string is not one (an older format).
 */
export function similarityToStored(mine: ComparableText, stored: string): number | null {
  // Read in place (format, run, entries, cut between PARTs): splitting the entries had been a quarter of a call.
  const runStart = stored.indexOf(PART) + 1;
  const entriesStart = runStart > 0 ? stored.indexOf(PART, runStart) + 1 : 0;
  const cutStart = entriesStart > 0 ? stored.indexOf(PART, entriesStart) + 1 : 0;
  if (cutStart === 0 || stored.slice(0, runStart - 1) !== FORMAT) return null;
  const entriesEnd = cutStart - 1;
  let dot = 0;
  let sq = 0;
  // word FIELD weight FIELD word FIELD weight …: a word without a weight is ignored, as parsePrepared does.
  for (let at = entriesStart; at < entriesEnd; ) {
    const wordEnd = stored.indexOf(FIELD, at);
    if (wordEnd < 0 || wordEnd >= entriesEnd) break;
    let weightEnd = stored.indexOf(FIELD, wordEnd + 1);
    if (weightEnd < 0 || weightEnd > entriesEnd) weightEnd = entriesEnd;
    const weight = decimalIn(stored, wordEnd + 1, weightEnd);
    sq += weight * weight;
    const own = mine.counts.get(stored.slice(at, wordEnd));
    if (own !== undefined) dot += weight * own;
    at = weightEnd + 1;
  }
  // Their distinct bigrams, and how many of them are mine.
  const { distinct, shared } = distinctBigramsIn(stored.slice(runStart, entriesStart - 1), mine.bigrams);
  const total = mine.bigrams.size + distinct;
  if (total === 0) return 0;
  return blend(mine.norm === 0 || sq === 0 ? 0 : dot / (mine.norm * Math.sqrt(sq)), shared, total);
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Number(text.slice(start, end)), read in place. A plain decimal of at most 15 digits (as String writes
 * a word's weight) is an integer below 2^53 over an exact power of ten: one correctly rounded division,
 * the same double Number gives. Anything else goes through Number.
 */
export function decimalIn(text: string, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0) point = i;
    else return Number(text.slice(start, end));
  }
  if (digits === 0 || digits > 15) return Number(text.slice(start, end));
  return point < 0 ? value : value / POWERS_OF_TEN[end - point - 1]!;
}

/** preparedSimilarity's scale: half the word cosine, half the Dice of the bigram sets (`shared` of `total` counted on both sides). */
const blend = (cosine: number, shared: number, total: number): number => 0.5 * cosine + 0.5 * ((2 * shared) / total);

const cosine = (a: ComparableText, b: ComparableText): number => {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, n] of small.counts) dot += n * (large.counts.get(t) ?? 0);
  return dot / (a.norm * b.norm);
};

/** Symmetric similarity 0..1 of two prepared texts: half word cosine (weighted), half bigram Dice. */
export function preparedSimilarity(a: ComparableText, b: ComparableText): number {
  const total = a.bigrams.size + b.bigrams.size;
  if (total === 0) return 0;
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a.bigrams, b.bigrams] : [b.bigrams, a.bigrams];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return blend(cosine(a, b), shared, total);
}

/** Similarity 0..1 of two texts, e.g. "统计各村耕地面积报表" and "各村耕地面积统计表" (≈0.8). */
export const similarity = (a: string, b: string): number => preparedSimilarity(prepare(a), prepare(b));

export type Candidate = { key: string; text: string };

/** The candidate most similar to the query, or null when none shares anything with it. */
export function bestMatch(query: string, candidates: readonly Candidate[]): (Candidate & { score: number }) | null {
  const q = prepare(query);
  let best: (Candidate & { score: number }) | null = null;
  for (const c of candidates) {
    const score = preparedSimilarity(q, prepare(c.text));
    if (score > 0 && (!best || score > best.score)) best = { ...c, score };
  }
  return best;
}

/**
 * What a text's MinHash signature is made of: its search-mode words and its bigrams, the two halves of
 * preparedSimilarity. A word enters once per two units of its weight in the text (统计 ×3, 耕地面积 ×5),
 * so that the estimated Jaccard, like the exact cosine, cares more about rare words than about the
 * boilerplate every notice shares: measured on the bench's national data, this ranks the true
 * duplicates higher than plain shingles did (bench/gate.bench.ts prints the agreement).
 */
export function shinglesOf(text: PreparedText): string[] {
  const shingles: string[] = [];
  for (const [word, weight] of text.counts) for (let i = 0; i < Math.max(1, Math.round(weight / 2)); i++) shingles.push(`w${word}#${i}`);
  for (const gram of text.bigrams) shingles.push(`g${gramText(gram)}`);
  return shingles;
}
