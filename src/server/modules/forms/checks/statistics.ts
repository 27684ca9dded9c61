/**
 * Statistical checks on submitted figures (统计造假 checks). Pure functions: each returns the evidence
 * that makes a figure worth a second look, or null. They flag; they never change a value.
 */

export type Jump = { previousPeriod: string; previous: number; current: number; changePercent: number };

/** A change of more than `ratio` (default ±50 %) against the unit's latest earlier period, ignoring tiny numbers. */
export function jump(current: number, history: readonly { period: string; value: number }[], ratio = 0.5, floor = 10): Jump | null {
  const last = [...history].sort((a, b) => a.period.localeCompare(b.period)).at(-1);
  if (!last) return null;
  const base = Math.abs(last.value);
  if (Math.max(base, Math.abs(current)) < floor) return null;
  const change = base === 0 ? Number.POSITIVE_INFINITY : (current - last.value) / base;
  if (Math.abs(change) <= ratio) return null;
  return { previousPeriod: last.period, previous: last.value, current, changePercent: Number.isFinite(change) ? Math.round(change * 1000) / 10 : 9999 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export type Outlier = { value: number; median: number; mad: number; robustZ: number; peers: number };

/**
 * Outliers among peer villages by the robust z-score (Iglewicz–Hoaglin): 0.6745·(x − median)/MAD above
 * `limit` (3.5). Needs at least `minPeers` values and some spread.
 */
export function peerOutliers<T extends { value: number }>(items: readonly T[], limit = 3.5, minPeers = 8): (T & { evidence: Outlier })[] {
  if (items.length < minPeers) return [];
  const values = items.map((i) => i.value);
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  if (mad === 0) return [];
  return items.flatMap((i) => {
    const z = (0.6745 * (i.value - med)) / mad;
    return Math.abs(z) > limit ? [{ ...i, evidence: { value: i.value, median: med, mad, robustZ: Math.round(z * 100) / 100, peers: items.length } }] : [];
  });
}

const BENFORD = Array.from({ length: 9 }, (_, d) => Math.log10(1 + 1 / (d + 1)));
/** χ² with 8 degrees of freedom at p = 0.01. */
const CHI2_8_P01 = 20.09;

export type Benford = { sample: number; chiSquare: number; observed: number[]; expected: number[] };

/**
 * First digits against Benford's law, for figures spanning orders of magnitude: only when the sample
 * allows (at least `minSample` values of 10 or more). Flags a distribution unlikely at p < 0.01.
 */
export function benford(values: readonly number[], minSample = 100): Benford | null {
  const digits = values.filter((v) => Math.abs(v) >= 10).map((v) => Number(String(Math.abs(v)).replace(/^0\.?0*/, "")[0]));
  if (digits.length < minSample) return null;
  const observed = Array.from({ length: 9 }, (_, d) => digits.filter((x) => x === d + 1).length);
  const expected = BENFORD.map((p) => p * digits.length);
  const chiSquare = observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
  if (chiSquare <= CHI2_8_P01) return null;
  return { sample: digits.length, chiSquare: Math.round(chiSquare * 100) / 100, observed, expected: expected.map((e) => Math.round(e * 10) / 10) };
}

/** `differencePercent`: the held figure against the other one, null when that is zero or not a number. */
export type Mismatch = { held: string; other: string; differencePercent: number | null; tolerancePercent: number };

/**
 * Two figures for the same datum from different sources (来源不一致): numbers disagree when they differ
 * by more than `tolerance` (1 %) of the larger, so a rounding is not a mismatch; other values when
 * their texts differ.
 */
export function mismatch(held: string, other: string, tolerance = 0.01): Mismatch | null {
  const a = Number(held);
  const b = Number(other);
  const tolerancePercent = Math.round(tolerance * 1000) / 10;
  if (held.trim() !== "" && other.trim() !== "" && Number.isFinite(a) && Number.isFinite(b)) {
    if (Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b))) return null;
    return { held, other, differencePercent: b === 0 ? null : Math.round(((a - b) / Math.abs(b)) * 1000) / 10, tolerancePercent };
  }
  return held.trim() === other.trim() ? null : { held, other, differencePercent: null, tolerancePercent };
}
