import { describe, expect, it } from "vitest";
import { estimateJaccard, estimateJaccardPacked, minhashSignature, packSignatures, SIGNATURE_SIZE } from "./minhash.js";

const words = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
const jaccard = (a: string[], b: string[]) => {
  const sa = new Set(a);
  const shared = b.filter((x) => sa.has(x)).length;
  return shared / new Set([...a, ...b]).size;
};

describe("MinHash signatures", () => {
  it("gives 1 for the same set whatever the order and repetitions, and about 0 for disjoint sets", () => {
    const a = words("统计", 0, 80);
    expect(estimateJaccard(minhashSignature(a), minhashSignature([...a].reverse().concat(a.slice(0, 10))))).toBe(1);
    expect(estimateJaccard(minhashSignature(a), minhashSignature(words("会议", 0, 80)))).toBeLessThan(0.1);
  });

  it("estimates the Jaccard similarity of overlapping sets within a few standard errors", () => {
    // Overlaps from none to nearly all: the error of each estimate stays under 3 standard errors.
    for (const shared of [0, 10, 30, 50, 70, 90]) {
      const a = words("w", 0, 100);
      const b = words("w", 100 - shared, 200 - shared);
      const truth = jaccard(a, b);
      const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b));
      const sigma = Math.sqrt((truth * (1 - truth)) / SIGNATURE_SIZE);
      expect(Math.abs(estimate - truth), `shared ${shared}: truth ${truth.toFixed(3)}, estimate ${estimate}`).toBeLessThanOrEqual(3 * sigma + 0.02);
    }
  });

  it("finds nothing alike in an empty set, not even another empty set", () => {
    expect(estimateJaccard(minhashSignature([]), minhashSignature([]))).toBe(0);
    expect(estimateJaccard(minhashSignature(["a"]), minhashSignature(["a"], 32))).toBe(0);
  });

  /** The b-bit estimate worked out apart: agreeing low bytes of non-empty values, corrected for chance. */
  const lowByteEstimate = (a: Uint32Array, b: Uint32Array) => {
    let same = 0;
    for (let i = 0; i < a.length; i++) if ((a[i]! & 0xff) === (b[i]! & 0xff) && a[i] !== 0xffffffff) same++;
    return Math.max(0, (same / a.length - 1 / 256) / (1 - 1 / 256));
  };

  it("packs a byte per value, and refuses bytes of the wrong length", () => {
    const a = minhashSignature(words("a", 0, 20));
    const b = minhashSignature(words("b", 0, 20));
    const packed = packSignatures(a, b);
    expect(packed.byteLength).toBe(2 * SIGNATURE_SIZE);
    expect([...packed.subarray(0, SIGNATURE_SIZE)]).toEqual([...a].map((v) => v & 0xff));
    // Read back in place: each packed signature agrees wholly with its own.
    expect(estimateJaccardPacked(a, packed, 0, 2)).toBe(1);
    expect(estimateJaccardPacked(b, packed, 1, 2)).toBe(1);
    expect(estimateJaccardPacked(a, packed, 1, 2)).toBe(lowByteEstimate(a, b));
    expect(estimateJaccardPacked(a, packed.subarray(0, 100), 0, 2)).toBeNull();
    expect(estimateJaccardPacked(a, Buffer.alloc(2 * SIGNATURE_SIZE * 4), 0, 2)).toBeNull();
  });

  it("estimates against packed signatures in place, within a few standard errors of the truth", () => {
    const sigs = [0, 5, 12, 30].map((shift) => minhashSignature(words("w", shift, shift + 40)));
    // An odd offset into a larger buffer, as a driver may hand bytes over.
    const packed = Buffer.concat([Buffer.from([9]), packSignatures(sigs[1]!, sigs[2]!)]).subarray(1);
    for (const mine of sigs) {
      for (const k of [0, 1]) expect(estimateJaccardPacked(mine, packed, k, 2)).toBe(lowByteEstimate(mine, sigs[1 + k]!));
    }
    for (const shared of [0, 10, 30, 50, 70, 90]) {
      const a = words("v", 0, 100);
      const b = words("v", 100 - shared, 200 - shared);
      const truth = jaccard(a, b);
      const estimate = estimateJaccardPacked(minhashSignature(a), packSignatures(minhashSignature(b)), 0, 1)!;
      // The chance agreements add a little to the spread of whole values.
      const sigma = Math.sqrt((truth * (1 - truth) + (1 - truth) / 256) / SIGNATURE_SIZE);
      expect(Math.abs(estimate - truth), `shared ${shared}: truth ${truth.toFixed(3)}, estimate ${estimate}`).toBeLessThanOrEqual(3 * sigma + 0.02);
    }
    expect(estimateJaccardPacked(sigs[0]!, packed, 2, 2)).toBeNull();
  });

  it("finds a packed empty set similar to nothing, itself included", () => {
    const empty = minhashSignature([]);
    const some = minhashSignature(words("x", 0, 30));
    expect(estimateJaccardPacked(empty, packSignatures(empty, empty), 0, 2)).toBe(0);
    expect(estimateJaccardPacked(some, packSignatures(empty), 0, 1)).toBe(0);
    expect(estimateJaccardPacked(empty, packSignatures(some), 0, 1)).toBe(0);
  });
});
