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
