import { minhashSignature } from "../../kernel/minhash.js";

/**
 * Copied text 照搬照抄 between official documents, by shingles of Chinese characters: the text without
 * spaces and punctuation, cut into overlapping runs of SHINGLE characters. Layout, numbering and
 * punctuation changes do not hide a copy; a run of SHINGLE identical characters is a shared phrase.
 */

export const SHINGLE = 8;
/** Copied passages shorter than this many characters are not shown (a shared phrase is no copy). */
export const MIN_PASSAGE = 20;
/**
 * LSH: the 128 hashes in 32 bands of 4. A pair whose Jaccard is 0.8 shares a band with p > 0.9999, 0.5
 * with p ≈ 0.87, 0.2 with p ≈ 0.05: near copies are found while the common phrasing of official texts
 * does not make every document a candidate of every other (buckets stay small at a million documents).
 * A partial copy of a declared higher document is compared exactly, whatever its Jaccard.
 */
export const SIGNATURE_HASHES = 128;
export const BAND_ROWS = 4;
export const BANDS = SIGNATURE_HASHES / BAND_ROWS;

const SKIPPED = /[\s\p{P}\p{S}]/u;

/** The text's characters that count, and for each its index in the original text (to cut passages there). */
export function normalize(text: string): { chars: string; at: number[] } {
  let chars = "";
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (SKIPPED.test(c)) continue;
    chars += c.toLowerCase();
    at.push(i);
  }
  return { chars, at };
}

export function shingles(chars: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.push(chars.slice(i, i + SHINGLE));
  return out;
}

/** The band keys of a text, for the LSH table: (band number, hash of the band's rows). */
export function bandKeys(text: string): { band: number; key: number }[] {
  const signature = minhashSignature(shingles(normalize(text).chars), SIGNATURE_HASHES);
  const keys: { band: number; key: number }[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ signature[b * BAND_ROWS + r]!, 0x01000193);
    // Kept as a signed 32-bit integer: a plain integer column.
    keys.push({ band: b, key: h | 0 });
  }
  return keys;
}

export type Passage = { start: number; end: number; otherStart: number; otherEnd: number; text: string };
export type Copying = { share: number; copiedChars: number; passages: Passage[] };

/**
 * How much of `text` is found in `source`: the share of its counting characters covered by shingles the
 * source also has, and the copied passages (at least MIN_PASSAGE characters) with their place in both
 * texts, for a side-by-side view.
 */
export function copyingOf(text: string, source: string): Copying {
  const a = normalize(text);
  const b = normalize(source);
  if (a.chars.length < SHINGLE || b.chars.length < SHINGLE) return { share: 0, copiedChars: 0, passages: [] };
  const firstIn = new Map<string, number>();
  shingles(b.chars).forEach((s, i) => firstIn.has(s) || firstIn.set(s, i));
  const covered = new Uint8Array(a.chars.length);
  const passages: Passage[] = [];
  let i = 0;
  while (i + SHINGLE <= a.chars.length) {
    const j = firstIn.get(a.chars.slice(i, i + SHINGLE));
    if (j === undefined) {
      i++;
      continue;
    }
    // Extend the run character by character while both texts agree.
    let length = SHINGLE;
    while (i + length < a.chars.length && j + length < b.chars.length && a.chars[i + length] === b.chars[j + length]) length++;
    covered.fill(1, i, i + length);
    if (length >= MIN_PASSAGE) {
      const start = a.at[i]!;
      const end = a.at[i + length - 1]! + 1;
      passages.push({ start, end, otherStart: b.at[j]!, otherEnd: b.at[j + length - 1]! + 1, text: text.slice(start, end) });
    }
    i += length - SHINGLE + 1;
  }
  const copiedChars = covered.reduce((n, c) => n + c, 0);
  return { share: copiedChars / a.chars.length, copiedChars, passages };
}
