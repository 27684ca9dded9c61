import { and, or, sql } from "drizzle-orm";
import type { SecondmentHours } from "../../../contracts/secondments.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { toHours } from "../burdens/hours.js";
import { gateSettingsAcross } from "../burdens/gate/settings.js";
import { loadWorkingCalendar, type ChineseWorkingCalendar } from "../calendar/calendar.js";
import { getUnits } from "../org/units.js";
import { secondments } from "./schema.js";

/**
 * The burden-hours of a secondment 借调: the working time its own unit (the township or village it is
 * taken from) loses — the working days away by the Chinese calendar (holidays and make-up workdays
 * counted) × the minutes of a working day in force for that unit (registryMinutes.secondmentWorkingDay).
 */

type Away = { startOn: string; plannedEndOn: string; returnedOn: string | null };

/** The last day away: the return, or while away the later of the planned end and today (an overdue return keeps costing). */
export const lastDayAway = (s: Away, today: string): string => s.returnedOn ?? (s.plannedEndOn > today ? s.plannedEndOn : today);

/** Working days away, within [from, to] when given (a year). */
export function workingDaysAway(s: Away, today: string, calendar: ChineseWorkingCalendar, within?: { from: string; to: string }): number {
  const first = within && within.from > s.startOn ? within.from : s.startOn;
  const last = lastDayAway(s, today);
  const end = within && within.to < last ? within.to : last;
  return end < first ? 0 : calendar.workingDaysBetween(addDays(first, -1), end);
}

/** The calendar of the years the rows span, and the minutes of a working day at each lending unit. */
export async function awayRates(db: Db, rows: readonly (Away & { fromUnitPath: string })[], today: string) {
  const years = rows.flatMap((r) => [Number(r.startOn.slice(0, 4)), Number(lastDayAway(r, today).slice(0, 4))]);
  const [calendar, settingsAt] = await Promise.all([loadWorkingCalendar(db, years), gateSettingsAcross(db, rows.map((r) => r.fromUnitPath))]);
  return { calendar, minutesPerDay: (fromUnitPath: string) => settingsAt(fromUnitPath).registryMinutes.secondmentWorkingDay };
}

/**
 * Hours taken from each lending unit in a year and the year before, over the secondments the actor's
 * region holds (as borrower or as lender, like the list); the sums.
 */
export async function secondmentHours(db: Db, actor: Actor, year: number): Promise<SecondmentHours> {
  const region = regionPathOf(actor);
  const today = chinaToday();
  const rows = await db
    .select({ fromUnitCode: secondments.fromUnitCode, fromUnitPath: secondments.fromUnitPath, startOn: secondments.startOn, plannedEndOn: secondments.plannedEndOn, returnedOn: secondments.returnedOn })
    .from(secondments)
    .where(
      and(
        or(pathWithin(secondments.borrowingUnitPath, region), pathWithin(secondments.fromUnitPath, region)),
        sql`${secondments.startOn} <= ${`${year}-12-31`}`,
        sql`coalesce(${secondments.returnedOn}, greatest(${secondments.plannedEndOn}, ${today}::date)) >= ${`${year - 1}-01-01`}`,
      ),
    );
  const { calendar, minutesPerDay } = await awayRates(db, rows, today);
  const span = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
  const byUnit = new Map<string, { secondments: number; workingDays: number; minutes: number; minutesLastYear: number }>();
  for (const r of rows) {
    const days = workingDaysAway(r, today, calendar, span(year));
    const daysBefore = workingDaysAway(r, today, calendar, span(year - 1));
    const acc = byUnit.get(r.fromUnitCode) ?? { secondments: 0, workingDays: 0, minutes: 0, minutesLastYear: 0 };
    if (days > 0) acc.secondments++;
    acc.workingDays += days;
    acc.minutes += days * minutesPerDay(r.fromUnitPath);
    acc.minutesLastYear += daysBefore * minutesPerDay(r.fromUnitPath);
    byUnit.set(r.fromUnitCode, acc);
  }
  const units = new Map((await getUnits(db, [...byUnit.keys()])).map((u) => [u.code, u]));
  const changeOf = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 1000) / 1000 : null);
  const list = [...byUnit.entries()]
    .map(([code, a]) => ({
      unit: { code, name: units.get(code)?.name ?? code, level: units.get(code)?.level ?? "village" },
      secondments: a.secondments,
      workingDays: a.workingDays,
      hours: toHours(a.minutes),
      hoursLastYear: toHours(a.minutesLastYear),
      change: changeOf(a.minutes, a.minutesLastYear),
    }))
    .sort((a, b) => b.hours - a.hours || a.unit.code.localeCompare(b.unit.code));
  const sum = (pick: (a: { secondments: number; workingDays: number; minutes: number; minutesLastYear: number }) => number) => [...byUnit.values()].reduce((n, a) => n + pick(a), 0);
  const [minutes, minutesLastYear] = [sum((a) => a.minutes), sum((a) => a.minutesLastYear)];
  return {
    year,
    units: list,
    total: { secondments: sum((a) => a.secondments), workingDays: sum((a) => a.workingDays), hours: toHours(minutes), hoursLastYear: toHours(minutesLastYear), change: changeOf(minutes, minutesLastYear) },
  };
}
