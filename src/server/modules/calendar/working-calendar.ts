import chineseDays from "chinese-days";
import type { CalendarDayKind } from "../../../contracts/calendar.js";
import type { NamedDay, WorkingCalendar } from "./types.js";

/**
 * Working days by the Chinese calendar, computed without the database: the `chinese-days` package
 * (State Council holiday arrangements, make-up workdays 调休 included) plus the days the office
 * entered. Each year becomes a bit per day and a prefix sum, so counting working days between two
 * dates is a few array reads, whatever the distance.
 */

export type OfficeDay = { date: string; kind: CalendarDayKind; name: string };

type DayName = { zh: string; en: string | null; source: "package" | "office" };

type YearData = {
  /** 1 for a working day, by day of the year (0 = 1 January). */
  working: Uint8Array;
  /** prefix[i]: working days among days 0..i-1; prefix[length] is the year's total. */
  prefix: Int32Array;
  /** The name of a day that is not an ordinary weekday or weekend (a holiday or a make-up workday). */
  names: (DayName | undefined)[];
};

const { getDayDetail } = chineseDays;

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);

/** Weekday (0 = Sunday) of 1 January of a year, valid for years 0..9999 (Date.UTC maps 0..99 to 19xx). */
function jan1Weekday(y: number): number {
  const d = new Date(0);
  d.setUTCFullYear(y, 0, 1);
  return d.getUTCDay();
}

/** Splits "YYYY-MM-DD" into its year and day of the year, without building a Date. */
function position(iso: string): { year: number; day: number } {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) throw new RangeError(`not an ISO date: ${iso}`);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const date = Number(iso.slice(8, 10));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12) || !(date >= 1 && date <= 31)) throw new RangeError(`not an ISO date: ${iso}`);
  return { year, day: (CUMULATIVE_DAYS[month - 1] ?? 0) + (month > 2 && isLeap(year) ? 1 : 0) + date - 1 };
}

/** "2025-10-01" of a year and day of the year. */
function isoOf(year: number, day: number): string {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1 + day);
  return `${String(year).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** Weekdays Monday–Friday of a year, by arithmetic. */
function weekdaysInYear(y: number): number {
  const days = daysInYear(y);
  const first = jan1Weekday(y);
  let n = Math.floor(days / 7) * 5;
  for (let i = 0; i < days % 7; i++) {
    const wd = (first + i) % 7;
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

function weekendYear(y: number): YearData {
  const days = daysInYear(y);
  const first = jan1Weekday(y);
  const working = new Uint8Array(days);
  for (let i = 0; i < days; i++) {
    const wd = (first + i) % 7;
    working[i] = wd === 0 || wd === 6 ? 0 : 1;
  }
  return { working, prefix: new Int32Array(days + 1), names: new Array<DayName | undefined>(days) };
}

function fillPrefix(data: YearData): YearData {
  const { working, prefix } = data;
  for (let i = 0; i < working.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (working[i] ?? 0);
  return data;
}

/** The package names a holiday "National Day,国庆节,3" and any other day by its weekday ("Saturday"). */
function packageName(raw: string): { zh: string; en: string } | null {
  const [en, zh] = raw.split(",");
  return en && zh ? { zh, en } : null;
}

const packageCoverage = new Map<number, boolean>();
/**
 * The package knows a year when it has that year's Spring Festival 春节 holidays (they always fall
 * between 21 January and 20 February). A year announced only in part is not taken as known.
 */
export function packageCovers(year: number): boolean {
  let known = packageCoverage.get(year);
  if (known === undefined) {
    known = false;
    for (let day = 14; day < 56 && !known; day++) {
      const detail = getDayDetail(isoOf(year, day));
      known = !detail.work && packageName(detail.name)?.zh === "春节";
    }
    packageCoverage.set(year, known);
  }
  return known;
}

const packageYears = new Map<number, YearData>();
/** A year as the package has it; only years it covers are read day by day (and kept: they never change). */
function packageYear(year: number): YearData {
  let data = packageYears.get(year);
  if (data) return data;
  data = weekendYear(year);
  if (packageCovers(year)) {
    for (let i = 0; i < data.working.length; i++) {
      const detail = getDayDetail(isoOf(year, i));
      data.working[i] = detail.work ? 1 : 0;
      const name = packageName(detail.name);
      if (name) data.names[i] = { ...name, source: "package" };
    }
  }
  packageYears.set(year, fillPrefix(data));
  return data;
}

function withOfficeDays(base: YearData, days: OfficeDay[]): YearData {
  const data: YearData = { working: base.working.slice(), prefix: new Int32Array(base.prefix.length), names: base.names.slice() };
  for (const d of days) {
    const { day } = position(d.date);
    data.working[day] = d.kind === "workday" ? 1 : 0;
    data.names[day] = { zh: d.name, en: null, source: "office" };
  }
  return fillPrefix(data);
}

export type ChineseWorkingCalendar = WorkingCalendar & {
  namedDaysBetween: (from: string, to: string) => NamedDay[];
  isWorkingDay: (date: string) => boolean;
  /** Holidays and make-up workdays of a year, package and office merged (office wins). */
  namedDaysOfYear: (year: number) => (NamedDay & { source: "package" | "office" })[];
  workingDaysInYear: (year: number) => number;
  coveredBy: (year: number) => ("package" | "office")[];
};

/**
 * A calendar from the package and the office's days. Years without office days come from the package
 * alone, so a date far outside the loaded years still counts correctly as far as the package knows.
 */
export function buildWorkingCalendar(officeDays: OfficeDay[]): ChineseWorkingCalendar {
  const officeByYear = new Map<number, OfficeDay[]>();
  for (const d of officeDays) {
    const { year } = position(d.date);
    const list = officeByYear.get(year);
    if (list) list.push(d);
    else officeByYear.set(year, [d]);
  }
  const merged = new Map<number, YearData>();
  const yearData = (year: number): YearData => {
    const office = officeByYear.get(year);
    if (!office) return packageYear(year);
    let data = merged.get(year);
    if (!data) merged.set(year, (data = withOfficeDays(packageYear(year), office)));
    return data;
  };
  /** A whole year's count; a year nobody knows is counted by arithmetic, without building it. */
  const yearTotal = (year: number): number => {
    if (!officeByYear.has(year) && !packageCovers(year)) return weekdaysInYear(year);
    const data = yearData(year);
    return data.prefix[data.working.length] ?? 0;
  };

  const covers = (year: number) => officeByYear.has(year) || packageCovers(year);

  const workingDaysBetween = (from: string, to: string): number => {
    const a = position(from);
    const b = position(to);
    if (b.year < a.year || (b.year === a.year && b.day <= a.day)) return 0;
    if (a.year === b.year) {
      const data = yearData(a.year);
      return (data.prefix[b.day + 1] ?? 0) - (data.prefix[a.day + 1] ?? 0);
    }
    const first = yearData(a.year);
    let n = (first.prefix[first.working.length] ?? 0) - (first.prefix[a.day + 1] ?? 0);
    for (let y = a.year + 1; y < b.year; y++) n += yearTotal(y);
    return n + (yearData(b.year).prefix[b.day + 1] ?? 0);
  };

  const namedDaysBetween = (from: string, to: string): NamedDay[] => {
    const a = position(from);
    const b = position(to);
    if (b.year < a.year || (b.year === a.year && b.day <= a.day)) return [];
    const out: NamedDay[] = [];
    for (let y = a.year; y <= b.year; y++) {
      if (!covers(y)) continue;
      const data = yearData(y);
      const start = y === a.year ? a.day + 1 : 0;
      const end = y === b.year ? b.day : data.working.length - 1;
      for (let i = start; i <= end; i++) {
        const name = data.names[i];
        if (name) out.push({ date: isoOf(y, i), kind: data.working[i] ? "workday" : "holiday", name: name.zh, nameEn: name.en });
      }
    }
    return out;
  };

  return {
    workingDaysBetween,
    covers,
    namedDaysBetween,
    isWorkingDay: (date) => {
      const { year, day } = position(date);
      return yearData(year).working[day] === 1;
    },
    namedDaysOfYear: (year) => {
      const data = yearData(year);
      const out: (NamedDay & { source: "package" | "office" })[] = [];
      data.names.forEach((name, i) => {
        if (name) out.push({ date: isoOf(year, i), kind: data.working[i] ? "workday" : "holiday", name: name.zh, nameEn: name.en, source: name.source });
      });
      return out;
    },
    workingDaysInYear: yearTotal,
    coveredBy: (year) => [...(packageCovers(year) ? (["package"] as const) : []), ...(officeByYear.has(year) ? (["office"] as const) : [])],
  };
}
