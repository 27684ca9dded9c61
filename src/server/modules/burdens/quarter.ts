/** The first and last day of a quarter of a year (ISO dates). */
export const quarterRange = (year: number, quarter: number) => {
  const first = (quarter - 1) * 3 + 1;
  const end = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
  return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: end };
};
