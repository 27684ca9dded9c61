import { z } from "zod";
import { ZIsoDate } from "./burdens.js";

/**
 * The working-day calendar 工作日历: Chinese public holidays and make-up workdays 调休 from the
 * maintained package, overridden by days the burden-reduction office enters for a year the package
 * does not cover yet.
 */

/** Years the calendar answers for; outside them a date is a typo, not a plan. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2099;

export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export const ZCalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof ZCalendarDayKind>;

const ZCalendarDate = ZIsoDate.refine(
  (d) => {
    const year = Number(d.slice(0, 4));
    return year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
  },
  { message: `a date between ${CALENDAR_MIN_YEAR} and ${CALENDAR_MAX_YEAR} / 日期须在 ${CALENDAR_MIN_YEAR} 至 ${CALENDAR_MAX_YEAR} 年之间` },
);

export const ZCalendarYearParams = z.object({ year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR) });
export type CalendarYearParams = z.infer<typeof ZCalendarYearParams>;

export const ZCalendarDateParams = z.object({ date: ZCalendarDate });

/** POST /api/calendar/days: the office enters a public holiday or a make-up workday, with its name. */
export const ZSetCalendarDay = z
  .object({
    date: ZCalendarDate,
    kind: ZCalendarDayKind.describe("holiday: a day off (放假); workday: a make-up working day (调休上班)"),
    name: z.string().trim().min(1).max(40).describe("e.g. 春节, 国庆节"),
  })
  .strict();
export type SetCalendarDay = z.infer<typeof ZSetCalendarDay>;

/** A day that differs from an ordinary week: a holiday off, or a weekend day worked. */
export const ZCalendarDay = z.object({
  date: ZIsoDate,
  kind: ZCalendarDayKind,
  name: z.string(),
  nameEn: z.string().nullable(),
  source: z.enum(["package", "office"]).describe("package: the maintained holiday data; office: entered by a 减负办"),
  enteredBy: z.string().nullable().describe("who entered an office day"),
  enteredAt: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarYear = z.object({
  year: z.number().int(),
  /** False: neither the package nor the office knows this year's holidays; weekends only are counted. */
  covered: z.boolean(),
  coveredBy: z.array(z.enum(["package", "office"])),
  workingDays: z.number().int().describe("working days in the year as the gate counts them"),
  days: z.array(ZCalendarDay),
});
export type CalendarYear = z.infer<typeof ZCalendarYear>;
