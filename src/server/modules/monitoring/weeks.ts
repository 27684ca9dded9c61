import { addDays } from "../../kernel/dates.js";

/** Weeks of the weekly survey, named by their Monday (ISO dates, China's calendar days). */
export const mondayOf = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
export const isMonday = (date: string): boolean => mondayOf(date) === date;
export const sundayOf = (monday: string): string => addDays(monday, 6);
/** The month a week counts in: its Thursday's, as ISO weeks do, so every week falls in exactly one month. */
export const monthOfWeek = (monday: string): string => addDays(monday, 3).slice(0, 7);

/** The Mondays from `from` to `to`, both Mondays, newest first. */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let w = to; w >= from; w = addDays(w, -7)) out.push(w);
  return out;
}
