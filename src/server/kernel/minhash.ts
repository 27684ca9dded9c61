/**
 * MinHash signatures 最小哈希签名: a fixed-size summary of a set of shingles (words, character n-grams)
 * from which the Jaccard similarity of two sets is estimated without the sets. The gate keeps one per
 * admitted burden so that hundreds of candidates are screened by comparing a few hundred bytes each,
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

/** Signatures as stored (bytea): little-endian uint32s, one after the other. */
export function packSignatures(...signatures: Uint32Array[]): Buffer {
  const out = Buffer.alloc(signatures.reduce((n, s) => n + s.length * 4, 0));
  let offset = 0;
  for (const s of signatures) for (const v of s) offset = out.writeUInt32LE(v, offset);
  return out;
}

/**
 * estimateJaccard of `a` and the `k`-th of the signatures packed in `bytes`, read in place: the gate's
 * screen compares a burden with ~200 stored signatures a check, and unpacking each into new arrays was
 * most of the screen's time. Null when the bytes are not `count` packed signatures of `a`'s size.
 */
export function estimateJaccardPacked(a: Uint32Array, bytes: Uint8Array, k: number, count: number): number | null {
  const size = a.length;
  if (size === 0 || bytes.byteLength !== count * size * 4 || k >= count) return null;
  let same = 0;
  for (let i = 0, o = k * size * 4; i < size; i++, o += 4) {
    const stored = (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
    if (stored === a[i] && stored !== EMPTY) same++;
  }
  return same / size;
}
