import { GramIndex, gramText, isLoneCharacter, runHas } from "./bigrams.js";
import { CLAUSE_BREAKS, IGNORED, keep, massOf, RARE, segmenter, tokens, wordOf, wordsOf, type PreparedText, type Word } from "./text-similarity.js";

/**
 * How well a duty name 履职事项 describes a request (the gate's DUTY_NOT_LISTED and DUTY_RETURNED), and
 * how much of a short text another holds: asymmetric coverage by word weight, on kernel/text-similarity's
 * words. A check scores a few hundred names of its townships' lists; relevanceTo is that path.
 */

/** Where words and bigrams are looked for: a prepared text, or a duty name. */
type Haystack = { words: { has(word: string): boolean }; grams: { has(gram: number): boolean } };
const inText = (t: PreparedText): Haystack => ({ words: t.counts, grams: t.bigrams });

/** How much of a word's weight `where` holds: all of it for the word (or its synonym), else the share of its bigrams. */
function foundWeight({ word, weight, grams, synonym }: Word, where: Haystack): number {
  if (where.words.has(word) || (synonym !== undefined && where.words.has(synonym))) return weight;
  if (word.length <= 1) return 0;
  let shared = 0;
  for (const g of grams) if (where.grams.has(g)) shared++;
  return (weight * shared) / grams.length;
}

type Part = { words: readonly Word[]; mass: number };

/** The share of a part's weight found, each word weighed by `weigh`. */
function coveredBy(part: Part, weigh: (w: Word) => number): number {
  if (part.mass === 0) return 0;
  let found = 0;
  for (const w of part.words) found += weigh(w);
  return found / part.mass;
}

const covered = (part: Part, where: Haystack): number => coveredBy(part, (w) => foundWeight(w, where));

/**
 * How much of `part` (a short name) is found in `whole` (a title or a text), 0..1, by word weight: a
 * word found counts fully, a word not found by the share of its bigrams that `whole` has ("统计调查" in
 * "统计和调查" two thirds). Asymmetric: a long text covering a short name scores high.
 */
export const coverage = (part: PreparedText, whole: PreparedText): number => covered(part, inText(whole));

/** A name of one common word says little (宣传, 经济): its coverage counts in proportion to its weight. */
const FULL_MASS = 16;
const damp = (t: { mass: number }): number => Math.min(1, t.mass / FULL_MASS);

/**
 * A duty name prepared for the gate, compactly (a national cache holds hundreds of thousands): its
 * words whole and clause by clause ("A和B，C" → A, B, C: a request may fall under any one of them).
 */
export type PreparedName = {
  /** Search-mode words of the whole name, and its meaningful words run together: where a title is looked for. */
  haystack: Haystack;
  /** Those meaningful words run together (what `haystack.grams` looks in). */
  run: string;
  /** The whole name first, then each clause that says something alone. */
  parts: { words: Word[]; mass: number }[];
};

export function prepareName(name: string): PreparedName {
  // One cut serves the whole name and its clauses: punctuation and 和/及/等 end a clause.
  const clauses: string[][] = [[]];
  const all: string[] = [];
  for (const raw of segmenter().cut(name.toLowerCase(), true)) {
    const word = raw.trim();
    if (CLAUSE_BREAKS.has(word) || IGNORED.test(word) || word.length === 0) {
      if (clauses.at(-1)!.length > 0) clauses.push([]);
      continue;
    }
    if (!keep(word)) continue;
    all.push(word);
    clauses.at(-1)!.push(word);
  }
  const whole = wordsOf(all);
  const parts = [{ words: whole, mass: massOf(whole) }];
  const filled = clauses.filter((c) => c.length > 0);
  // A clause of one common word (the 经济 of "人口、经济、农业普查") means nothing alone.
  if (filled.length > 1) {
    for (const clause of filled) {
      const words = wordsOf(clause);
      const mass = massOf(words);
      if (mass >= RARE) parts.push({ words, mass });
    }
  }
  const run = all.join("");
  return { haystack: { words: new Set(tokens(name).map((t) => wordOf(t).word)), grams: { has: (g) => runHas(run, g) } }, run, parts };
}

/**
 * How well a duty name describes a request given by its title and, optionally, its body, 0..1: the
 * best of the name or one of its clauses found in the title, the title found in the name, and
 * (discounted: a long text mentions many things) the name or a clause found in the body.
 */
export const relevance = (name: PreparedName, title: PreparedText, body?: PreparedText | null): number =>
  scoreName(name, title, name.haystack, (part) => covered(part, inText(title)), body ? (part) => covered(part, inText(body)) : null);

function scoreName(name: PreparedName, title: PreparedText, titleIn: Haystack, inTitle: (part: Part) => number, inBody: ((part: Part) => number) | null): number {
  const titleDamp = damp(title);
  let best = titleDamp > 0 ? 0.9 * covered(title, titleIn) * titleDamp : 0;
  for (const part of name.parts) {
    const d = damp(part);
    if (d > best) best = Math.max(best, inTitle(part) * d, inBody ? 0.8 * inBody(part) * d : 0);
  }
  return best;
}

/** relevanceTo's memo stamps: one per request, never reused (2^53 requests away). */
let requests = 0;

/**
 * `relevance` with the request fixed, for the few hundred names of a check's duty lists (~3.5 µs a name
 * had been most of the duty match): what depends on the request alone is done once; each name is scored
 * once however many lists carry it; a word's coverage in the title and the body is kept on the shared
 * word under this request's stamp (a Map from words had cost more than the sums); and which of the
 * title's bigrams a name holds is marked in a table numbered for this request, in one pass over the name.
 */
export function relevanceTo(title: PreparedText, body?: PreparedText | null): (name: PreparedName) => number {
  // Bigrams looked up in a table of their own: a Set of numbers this large boxes each one it is asked about.
  const indexed = (t: PreparedText): Haystack => {
    const grams = new GramIndex(t.bigrams);
    return { words: t.counts, grams: { has: (g) => grams.indexOf(g) >= 0 } };
  };
  const titleIn = indexed(title);
  const bodyIn = body ? indexed(body) : null;
  const stamp = ++requests;
  const partScore = (part: Part, d: number): number => {
    if (part.mass === 0) return 0;
    let inTitle = 0;
    let inBody = 0;
    for (const w of part.words) {
      if (w.seenAt !== stamp) {
        w.inTitle = foundWeight(w, titleIn);
        w.inBody = bodyIn ? foundWeight(w, bodyIn) : 0;
        w.seenAt = stamp;
      }
      inTitle += w.inTitle;
      inBody += w.inBody;
    }
    return Math.max((inTitle / part.mass) * d, bodyIn ? 0.8 * (inBody / part.mass) * d : 0);
  };
  const titleDamp = damp(title);
  const titleGrams = new GramIndex(title.words.flatMap((w) => w.grams));
  const gramsOfWord = title.words.map((w) => w.grams.map((g) => titleGrams.indexOf(g)));
  const lone = titleGrams.grams.flatMap((g, i) => (isLoneCharacter(g) ? [{ char: gramText(g), i }] : []));
  const marks = new Float64Array(titleGrams.grams.length);
  let mark = 0;
  /** covered(title, name): the title's words found in the name, whole or by their bigrams. */
  const titleInName = (name: PreparedName): number => {
    if (title.mass === 0) return 0;
    mark++;
    titleGrams.markPairsIn(name.run, marks, mark);
    // A word of one character beyond the basic plane stands for itself: found anywhere in the name.
    for (const { char, i } of lone) if (name.run.includes(char)) marks[i] = mark;
    const words = name.haystack.words;
    let found = 0;
    for (let k = 0; k < title.words.length; k++) {
      const w = title.words[k]!;
      if (words.has(w.word) || (w.synonym !== undefined && words.has(w.synonym))) found += w.weight;
      else if (w.word.length > 1) {
        let shared = 0;
        for (const i of gramsOfWord[k]!) if (marks[i] === mark) shared++;
        found += (w.weight * shared) / w.grams.length;
      }
    }
    return found / title.mass;
  };
  const scored = new Map<PreparedName, number>();
  return (name) => {
    let best = scored.get(name);
    if (best === undefined) {
      best = titleDamp > 0 ? 0.9 * titleInName(name) * titleDamp : 0;
      for (const part of name.parts) {
        const d = damp(part);
        if (d > best) best = Math.max(best, partScore(part, d));
      }
      scored.set(name, best);
    }
    return best;
  };
}

/** How closely a cited name (what an issuer wrote) designates a duty name: either found whole in the other. */
export const citedCloseness = (cited: PreparedText, name: PreparedName): number =>
  Math.max(covered(cited, name.haystack), covered(name.parts[0]!, inText(cited)));
