import { inArray } from "drizzle-orm";
import type { CaseStatus } from "../../../contracts/cases.js";
import type { Queryable } from "../../db/client.js";
import type { ChineseWorkingCalendar } from "../calendar/calendar.js";
import { calendarFingerprint, loadWorkingCalendar } from "../calendar/calendar.js";
import { pathCodes } from "../org/units.js";
import { caseDeadlineSettings } from "./schema.js";

/** Working days allowed in each state before the case is overdue; a region's office may set its own. */
export const DEFAULT_DEADLINE_DAYS: Record<Exclude<CaseStatus, "closed">, number> = {
  received: 3, // 受理后 3 个工作日内启动核实
  verifying: 20,
  substantiated: 5, // 属实后 5 个工作日内部署整改
  unsubstantiated: 5, // 不属实的 5 个工作日内答复办结
  rectifying: 30,
  verified: 10,
};
export type DeadlineDays = typeof DEFAULT_DEADLINE_DAYS;

/** The working day `days` working days after `from` (a day off in between does not count). */
export function addWorkingDays(calendar: Pick<ChineseWorkingCalendar, "isWorkingDay">, from: string, days: number): string {
  let date = new Date(`${from}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + 86_400_000);
    if (calendar.isWorkingDay(date.toISOString().slice(0, 10))) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** The days of the nearest region on the path that set them, over the defaults. */
export async function deadlineDaysFor(db: Queryable, regionPath: string): Promise<DeadlineDays> {
  const rows = await db.select().from(caseDeadlineSettings).where(inArray(caseDeadlineSettings.regionCode, pathCodes(regionPath)));
  const ordered = rows.sort((a, b) => a.regionPath.length - b.regionPath.length);
  return Object.assign({ ...DEFAULT_DEADLINE_DAYS }, ...ordered.map((r) => r.days as Partial<DeadlineDays>));
}

/**
 * Working calendars by span of years, each with the fingerprint of the calendar table it was built from.
 * Building one costs thousands of package look-ups; checking the fingerprint is one aggregate over a
 * table of a few dozen rows, so an office's change of a holiday (calendar module) takes effect at once,
 * in every process, without the calendar module telling this one.
 */
const calendars = new Map<string, { fingerprint: string; calendar: Promise<ChineseWorkingCalendar> }>();

/** The working calendar of `years`, rebuilt only when the office's calendar changed. */
export async function cachedWorkingCalendar(db: Queryable, years: [number, number]): Promise<ChineseWorkingCalendar> {
  const fingerprint = await calendarFingerprint(db);
  const key = years.join("-");
  const hit = calendars.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.calendar;
  const calendar = loadWorkingCalendar(db, years);
  calendars.set(key, { fingerprint, calendar });
  calendar.catch(() => calendars.delete(key));
  return calendar;
}

/** When a case entering `status` on `today` falls due; null for a closed case. */
export async function deadlineFor(db: Queryable, regionPath: string, status: CaseStatus, today: string): Promise<string | null> {
  if (status === "closed") return null;
  const days = (await deadlineDaysFor(db, regionPath))[status];
  const year = Number(today.slice(0, 4));
  const calendar = await cachedWorkingCalendar(db, [year, year + 1]);
  return addWorkingDays(calendar, today, days);
}
