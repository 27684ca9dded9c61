/**
 * MinHash signatures 最小哈希签名: a fixed-size summary of a set of shingles (words, character n-grams)
 * from which the Jaccard similarity of two sets is estimated without the sets. The gate keeps one per
 * admitted burden so that hundreds of candidates are screened by comparing 64 stored bytes each,
 * and only the few that look alike are tokenized again and scored exactly.
 *
 * Each of the k hash functions is h1 + i·h2 over two independent 32-bit hashes of the shingle
 * (Kirsch–Mitzenmacher), which keeps signing one pass per shingle. The estimate's standard error is
 * about √(J(1−J)/k): 0.06 at J = 0.5 with k = 64.
 */

export const SIGNATURE_SIZE = 64;

/** FNV-1a over the UTF-16 code units, then murmur3's finalizer to spread the bits. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The signature of a set of shingles; an empty set signs as all 0xffffffff (similar to nothing). */
export function minhashSignature(shingles: Iterable<string>, size = SIGNATURE_SIZE): Uint32Array {
  const signature = new Uint32Array(size).fill(0xffffffff);
  for (const shingle of shingles) {
    const h1 = hash32(shingle, 0);
    // An odd step visits every residue: the k functions stay distinct.
    const h2 = (hash32(shingle, 0x5bd1e995) | 1) >>> 0;
    for (let i = 0; i < size; i++) {
      const h = (h1 + Math.imul(i, h2)) >>> 0;
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

const EMPTY = 0xffffffff;

/** Estimated Jaccard similarity 0..1 of the two sets behind two signatures of the same size. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== EMPTY) same++;
  return same / a.length;
}

/**
 * Signatures as stored (bytea): b-bit MinHash (Li and König), the lowest 8 bits of each value, one byte
 * each. The gate reads the stored signatures of ~100 candidates a check; whole values had made their
 * bytes about a tenth of its Node time (ADR 0016, third addendum). An empty set stores all 0xff.
 */
export function packSignatures(...signatures: Uint32Array[]): Buffer {
  const out = Buffer.alloc(signatures.reduce((n, s) => n + s.length, 0));
  let offset = 0;
  for (const s of signatures) for (const v of s) out[offset++] = v & 0xff;
  return out;
}

/** Two different sets agree on a stored byte by chance once in 256. */
const CHANCE = 1 / 256;

/**
 * The estimated Jaccard similarity of `a` and the `k`-th of the signatures packed in `bytes`, read in
 * place. Bytes agree where the sets' minima agree (J) or by chance (1 − J)/256: the share of agreeing
 * bytes is corrected for chance. Null when the bytes are not `count` packed signatures of `a`'s size.
 */
export function estimateJaccardPacked(a: Uint32Array, bytes: Uint8Array, k: number, count: number): number | null {
  const size = a.length;
  if (size === 0 || bytes.byteLength !== count * size || k >= count) return null;
  let same = 0;
  let storedEmpty = true;
  for (let i = 0, o = k * size; i < size; i++, o++) {
    const stored = bytes[o]!;
    if (stored !== 0xff) storedEmpty = false;
    if (stored === (a[i]! & 0xff) && a[i] !== EMPTY) same++;
  }
  // An empty set is similar to nothing (and all 0xff by chance is 2^-512 away).
  if (storedEmpty) return 0;
  return Math.max(0, (same / size - CHANCE) / (1 - CHANCE));
}
