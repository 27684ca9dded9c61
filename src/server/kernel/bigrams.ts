/**
 * Character bigrams as numbers, for kernel/text-similarity: a bigram is two code points in one number, a
 * text of one character that code point alone. Comparing a burden with hundreds of texts per check,
 * building and hashing two-character strings had been most of the time.
 */

/** Above every code point: a pair's number is first × PAIR + second, which no lone code point can equal. */
const PAIR = 0x110000;

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
