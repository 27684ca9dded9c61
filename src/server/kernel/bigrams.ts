/**
 * Character bigrams as numbers, for kernel/text-similarity: a bigram is two code points in one number, a
 * text of one character that code point alone. Comparing a burden with hundreds of texts per check,
 * building and hashing two-character strings had been most of the time.
 */

/** Above every code point: a pair's number is first × PAIR + second, which no lone code point can equal. */
const PAIR = 0x110000;

/** Whether a bigram number stands for one character alone (the whole of a one-character text). */
export const isLoneCharacter = (gram: number): boolean => gram < PAIR;

/** The bigrams of a text in order, repeats kept (a text of one character: that character). */
export function bigramsOf(run: string): number[] {
  const grams: number[] = [];
  let previous = -1;
  for (let i = 0; i < run.length; ) {
    const code = run.codePointAt(i)!;
    if (previous >= 0) grams.push(previous * PAIR + code);
    previous = code;
    i += code > 0xffff ? 2 : 1;
  }
  if (grams.length === 0 && previous >= 0) grams.push(previous);
  return grams;
}

/** The characters a bigram number stands for: stored MinHash signatures were made of them, so shingles keep them. */
export function gramText(gram: number): string {
  if (gram < PAIR) return String.fromCodePoint(gram);
  const first = Math.floor(gram / PAIR);
  return String.fromCodePoint(first, gram - first * PAIR);
}

/** Whether `run` holds a bigram (or, for a lone code point, that character) of bigramsOf's numbering; without building its bigrams. */
export function runHas(run: string, gram: number): boolean {
  if (gram < PAIR) return run.includes(gramText(gram));
  const first = Math.floor(gram / PAIR);
  const second = gram - first * PAIR;
  let previous = -1;
  for (let i = 0; i < run.length; ) {
    const code = run.codePointAt(i)!;
    if (previous === first && code === second) return true;
    previous = code;
    i += code > 0xffff ? 2 : 1;
  }
  return false;
}

/** Where a bigram number starts probing a table of mask + 1 slots; numbers reach 2^42: the high part is mixed into the low one. */
const slotOf = (gram: number, mask: number): number => (Math.imul((gram % 0x100000000) ^ Math.floor(gram / 0x100000000), 0x9e3779b1) >>> 0) & mask;

/**
 * A few bigrams (a title's) numbered 0..n−1 in a table of their own: the duty match asks, for each of a
 * check's few hundred names, which of them the name holds. A Set of numbers this large boxes each one it
 * is asked about.
 */
export class GramIndex {
  /** The distinct bigrams, each at its number. */
  readonly grams: number[] = [];
  private readonly keys: Float64Array;
  private readonly numbers: Int32Array;
  private readonly mask: number;

  constructor(grams: Iterable<number>) {
    const distinct = [...new Set(grams)];
    let size = 8;
    while (size < distinct.length * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.numbers = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (const gram of distinct) {
      let i = slotOf(gram, this.mask);
      while (this.numbers[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = gram;
      this.numbers[i] = this.grams.length;
      this.grams.push(gram);
    }
  }

  /** The bigram's number, or −1 when it is not one of these. */
  indexOf(gram: number): number {
    for (let i = slotOf(gram, this.mask); ; i = (i + 1) & this.mask) {
      const n = this.numbers[i]!;
      if (n === -1 || this.keys[i] === gram) return n;
    }
  }

  /** Sets `marks[n] = mark` for each of these bigrams that `run` holds as a pair of characters (bigramsOf's pairs). */
  markPairsIn(run: string, marks: Float64Array, mark: number): void {
    let previous = -1;
    for (let i = 0; i < run.length; ) {
      const code = run.codePointAt(i)!;
      if (previous >= 0) {
        const n = this.indexOf(previous * PAIR + code);
        if (n >= 0) marks[n] = mark;
      }
      previous = code;
      i += code > 0xffff ? 2 : 1;
    }
  }
}

/**
 * How many distinct bigrams `run` has, and how many of those `mine` has too: what the Dice half of a
 * similarity needs of a stored text, without building its bigrams. One table is reused from call to call
 * (the gate scores ~40 stored texts a check); a stamp per slot tells this call's entries from older ones.
 */
let slots = new Float64Array(4096);
let stamps = new Uint32Array(4096);
let stamp = 0;

export function distinctBigramsIn(run: string, mine: { has(gram: number): boolean }): { distinct: number; shared: number } {
  // At most half full: a bigram per character at most.
  if (run.length * 2 > slots.length) {
    let size = slots.length;
    while (run.length * 2 > size) size *= 2;
    slots = new Float64Array(size);
    stamps = new Uint32Array(size);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    stamps.fill(0);
    stamp = 1;
  }
  const mask = slots.length - 1;
  let distinct = 0;
  let shared = 0;
  let previous = -1;
  for (let i = 0; i <= run.length; ) {
    // Past the end: a run of one code point counts that code point alone.
    const code = i < run.length ? run.codePointAt(i)! : -1;
    i += code > 0xffff ? 2 : 1;
    let gram: number;
    if (code >= 0 && previous >= 0) gram = previous * PAIR + code;
    else if (code < 0 && distinct === 0 && previous >= 0) gram = previous;
    else {
      previous = code;
      continue;
    }
    previous = code;
    let slot = slotOf(gram, mask);
    while (stamps[slot] === stamp && slots[slot] !== gram) slot = (slot + 1) & mask;
    if (stamps[slot] === stamp) continue;
    stamps[slot] = stamp;
    slots[slot] = gram;
    distinct++;
    if (mine.has(gram)) shared++;
  }
  return { distinct, shared };
}
