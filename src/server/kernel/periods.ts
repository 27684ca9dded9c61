/** Monthly periods "YYYY-MM": the unit of use reports and power exercises. */

export const periodOf = (isoDate: string): string => isoDate.slice(0, 7);

/** The period `n` months after (negative: before) `period`. */
export function shiftPeriod(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The `count` periods ending with `last`, oldest first. */
export const periodsEnding = (last: string, count: number): string[] => Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));

/** The periods from `first` to `last`, both included, oldest first (none when `first` is after `last`). */
export function periodsFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

/** The first and the last day ("YYYY-MM-DD") of a period. */
export const firstDayOf = (period: string): string => `${period}-01`;
export function lastDayOf(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** Whole months from period `from` to period `to` (negative when `to` comes first). */
export function monthsBetween(from: string, to: string): number {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return index(to) - index(from);
}
