import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { CalendarDayKind, CalendarYear, SetCalendarDay } from "../../../contracts/calendar.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { calendarDays } from "./schema.js";
import { buildWorkingCalendar, type ChineseWorkingCalendar, type OfficeDay } from "./working-calendar.js";

export { buildWorkingCalendar, packageCovers, type ChineseWorkingCalendar, type OfficeDay } from "./working-calendar.js";

type OfficeDayRow = OfficeDay & { enteredByName: string; createdAt: Date };

async function officeDaysBetween(db: Queryable, fromYear: number, toYear: number): Promise<OfficeDayRow[]> {
  const rows = await db
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name, enteredByName: calendarDays.enteredByName, createdAt: calendarDays.createdAt })
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${fromYear}-01-01`), lte(calendarDays.date, `${toYear}-12-31`)))
    .orderBy(asc(calendarDays.date));
  return rows.map((r) => ({ ...r, kind: r.kind as CalendarDayKind }));
}

/**
 * The working calendar the gate counts with, for the years a check touches (say, the issue date's and
 * the deadline's). One indexed range read; every method is synchronous afterwards. A year outside the
 * loaded span is answered from the package alone.
 */
export async function loadWorkingCalendar(db: Queryable, years: number[]): Promise<ChineseWorkingCalendar> {
  const known = years.filter((y) => Number.isInteger(y));
  if (known.length === 0) return buildWorkingCalendar([]);
  return buildWorkingCalendar(await officeDaysBetween(db, Math.min(...known), Math.max(...known)));
}

/**
 * A fingerprint of the office-entered days: it changes whenever a day is entered, replaced or deleted,
 * so another module may cache a calendar and rebuild it only when this changes (one aggregate over a
 * table of a few dozen rows).
 */
export async function calendarFingerprint(db: Queryable): Promise<string> {
  const { rows } = await db.execute<{ n: number; m: string | null }>(sql`select count(*)::int as n, max(${calendarDays.createdAt})::text as m from ${calendarDays}`);
  return `${rows[0]?.n ?? 0}|${rows[0]?.m ?? ""}`;
}

/** A year as the gate sees it: its holidays and make-up workdays (package and office merged), and whether it is covered. */
export async function getCalendarYear(db: Queryable, year: number): Promise<CalendarYear> {
  const office = await officeDaysBetween(db, year, year);
  const calendar = buildWorkingCalendar(office);
  const byDate = new Map(office.map((d) => [d.date, d]));
  const coveredBy = calendar.coveredBy(year);
  return {
    year,
    covered: coveredBy.length > 0,
    coveredBy,
    workingDays: calendar.workingDaysInYear(year),
    days: calendar.namedDaysOfYear(year).map((d) => {
      const entered = d.source === "office" ? byDate.get(d.date) : undefined;
      return { ...d, enteredBy: entered?.enteredByName ?? null, enteredAt: entered?.createdAt.toISOString() ?? null };
    }),
  };
}

const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** Enters (or replaces) a holiday or make-up workday for one date, with its audit entry, in one transaction. */
export async function setCalendarDay(db: Db, args: { actor: Actor; input: SetCalendarDay }): Promise<{ created: boolean }> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, input.date)).for("update");
    const values = { kind: input.kind, name: input.name, enteredBy: actor.id, enteredByName: actor.displayName, createdAt: new Date() };
    await tx
      .insert(calendarDays)
      .values({ date: input.date, ...values })
      .onConflictDoUpdate({ target: calendarDays.date, set: values });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: before ? "calendar.day.replace" : "calendar.day.create",
      entityType: "calendar_day",
      entityId: input.date,
      scopePath: regionPathOf(actor),
      detail: { ...input, before: before ? { kind: before.kind, name: before.name } : null },
    });
    return { created: !before };
  });
}

/** Removes a day the office entered; the package's own arrangement then applies again. */
export async function deleteCalendarDay(db: Db, args: { actor: Actor; date: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(calendarDays).where(eq(calendarDays.date, args.date)).returning();
    if (!removed) throw new AppError("CALENDAR_DAY_NOT_FOUND", { date: args.date });
    await recordAudit(tx, {
      actor: auditActor(args.actor),
      action: "calendar.day.delete",
      entityType: "calendar_day",
      entityId: args.date,
      scopePath: regionPathOf(args.actor),
      detail: { kind: removed.kind, name: removed.name, enteredBy: removed.enteredByName },
    });
  });
}
