import { and, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { addDays } from "../../kernel/dates.js";
import { pathCodes } from "../org/units.js";
import type { ChineseWorkingCalendar } from "../calendar/calendar.js";
import { cachedWorkingCalendar } from "./deadlines.js";
import { caseDeadlineSettings, caseEvents, cases } from "./schema.js";

/**
 * Reminders 到期提醒: N working days before a case's deadline the handling body is reminded, once per
 * stay in a state (the state and the deadline it was reminded of are kept on the case). The reminder is an
 * event of the timeline (not shown to the reporter) and marks the case in the handler's list. Escalation
 * (handling.ts) takes over once the deadline has passed. N is set per region, the nearest region winning.
 */
export const DEFAULT_REMINDER_DAYS = 2;

/** What a case was reminded of: its state and that state's deadline. */
export const reminderKey = (status: string, deadline: string) => `${status}@${deadline}`;

/** The working day `days` working days before `deadline` (the deadline itself when 0). */
export function workingDaysBefore(calendar: Pick<ChineseWorkingCalendar, "isWorkingDay">, deadline: string, days: number): string {
  let date = deadline;
  let left = days;
  while (left > 0) {
    date = addDays(date, -1);
    if (calendar.isWorkingDay(date)) left--;
  }
  return date;
}

/** Whether a case due on `deadline` should be reminded on `today`: from its reminder day up to the deadline itself. */
export function reminderDue(calendar: Pick<ChineseWorkingCalendar, "isWorkingDay">, args: { deadline: string; today: string; days: number }): boolean {
  if (args.today > args.deadline) return false;
  return args.today >= workingDaysBefore(calendar, args.deadline, args.days);
}

/** The reminder days of the nearest region on the path that set them, else the default. */
export async function reminderDaysFor(db: Queryable, regionPath: string): Promise<number> {
  const rows = await db
    .select({ path: caseDeadlineSettings.regionPath, days: caseDeadlineSettings.reminderDays })
    .from(caseDeadlineSettings)
    .where(inArray(caseDeadlineSettings.regionCode, pathCodes(regionPath)));
  const nearest = rows.filter((r) => r.days !== null).sort((a, b) => b.path.length - a.path.length)[0];
  return nearest?.days ?? DEFAULT_REMINDER_DAYS;
}

/** Reminder days are at most this many working days: the look-ahead below covers them with room to spare. */
export const MAX_REMINDER_DAYS = 20;

/**
 * Sends the reminders due on `today` (the caller reads the clock: the hourly timer, or a test with its
 * day). Each case is reminded once per state and deadline, even when run many times a day or by two
 * processes at once (the update is conditional). Returns how many reminders were sent.
 */
export async function sendDueReminders(db: Db, today: string, batch = 500): Promise<number> {
  const open = await db
    .select({ id: cases.id, status: cases.status, deadline: cases.deadline, regionPath: cases.handlerRegionPath, remindedFor: cases.remindedFor })
    .from(cases)
    .where(
      and(
        ne(cases.status, "closed"),
        gte(cases.deadline, today),
        // 20 working days are under 50 calendar days even across the Spring Festival.
        lte(cases.deadline, addDays(today, 50)),
        or(isNull(cases.remindedFor), ne(cases.remindedFor, sql`${cases.status} || '@' || ${cases.deadline}`)),
      ),
    )
    .limit(batch);
  const year = Number(today.slice(0, 4));
  const calendar = await cachedWorkingCalendar(db, [year, year + 1]);
  const daysByRegion = new Map<string, number>();
  let sent = 0;
  for (const row of open) {
    if (!row.deadline) continue;
    let days = daysByRegion.get(row.regionPath);
    if (days === undefined) daysByRegion.set(row.regionPath, (days = await reminderDaysFor(db, row.regionPath)));
    if (!reminderDue(calendar, { deadline: row.deadline, today, days })) continue;
    const key = reminderKey(row.status, row.deadline);
    const done = await db.transaction(async (tx) => {
      const updated = await tx
        .update(cases)
        .set({ remindedFor: key })
        .where(and(eq(cases.id, row.id), eq(cases.status, row.status), eq(cases.deadline, row.deadline!), or(isNull(cases.remindedFor), ne(cases.remindedFor, key))))
        .returning({ id: cases.id });
      if (updated.length === 0) return false;
      // Dated by `today` alone: no clock is read here.
      await tx.insert(caseEvents).values({ caseId: row.id, on: today, at: null, kind: "reminder", author: "system", status: row.status, body: row.deadline, visibleToReporter: false });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
