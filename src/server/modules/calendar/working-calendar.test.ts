import { describe, expect, it } from "vitest";
import { buildWorkingCalendar, packageCovers } from "./working-calendar.js";

const calendar = buildWorkingCalendar([]);

describe("the package's 2025 and 2026 arrangements", () => {
  it("takes 1–8 October 2025 off (National Day with the Mid-autumn Festival) and works Sunday 28 September and Saturday 11 October", () => {
    for (const d of ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"]) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay("2025-09-28")).toBe(true); // Sunday, make-up workday
    expect(calendar.isWorkingDay("2025-10-11")).toBe(true); // Saturday, make-up workday
    expect(calendar.isWorkingDay("2025-10-09")).toBe(true);
    expect(calendar.isWorkingDay("2025-10-12")).toBe(false); // an ordinary Sunday
  });

  it("takes the 2026 Spring Festival off (15–23 February) and works Saturdays 14 and 28 February", () => {
    for (let d = 15; d <= 23; d++) expect(calendar.isWorkingDay(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(calendar.isWorkingDay("2026-02-14")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-28")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-24")).toBe(true);
  });

  it("names the holidays and make-up workdays of a year", () => {
    const days = calendar.namedDaysOfYear(2025);
    expect(days.find((d) => d.date === "2025-10-01")).toEqual({ date: "2025-10-01", kind: "holiday", name: "国庆节", nameEn: "National Day", source: "package" });
    expect(days.find((d) => d.date === "2025-09-28")).toMatchObject({ kind: "workday", name: "国庆节" });
    expect(days.find((d) => d.date === "2025-10-06")).toMatchObject({ kind: "holiday", name: "中秋", nameEn: "Mid-autumn Festival" });
    expect(days.some((d) => d.date === "2025-10-12")).toBe(false);
  });
});

describe("working days between two dates", () => {
  it("counts the days after the first up to and including the second", () => {
    expect(calendar.workingDaysBetween("2025-09-01", "2025-09-05")).toBe(4); // Tue–Fri
    expect(calendar.workingDaysBetween("2025-09-05", "2025-09-08")).toBe(1); // the weekend skipped
    expect(calendar.workingDaysBetween("2025-09-08", "2025-09-08")).toBe(0);
    expect(calendar.workingDaysBetween("2025-09-09", "2025-09-08")).toBe(0);
  });

  it("skips the National Day holidays and counts the make-up workdays", () => {
    // 29, 30 Sep; (1–8 Oct off); 9, 10, 11 (Saturday, worked) Oct.
    expect(calendar.workingDaysBetween("2025-09-28", "2025-10-11")).toBe(5);
    expect(calendar.workingDaysBetween("2025-09-30", "2025-10-08")).toBe(0);
    expect(calendar.workingDaysBetween("2025-09-26", "2025-09-28")).toBe(1); // Sunday 28 Sep is worked
    expect(calendar.namedDaysBetween("2025-09-30", "2025-10-11").map((d) => `${d.date} ${d.kind}`)).toEqual([
      "2025-10-01 holiday",
      "2025-10-02 holiday",
      "2025-10-03 holiday",
      "2025-10-04 holiday",
      "2025-10-05 holiday",
      "2025-10-06 holiday",
      "2025-10-07 holiday",
      "2025-10-08 holiday",
      "2025-10-11 workday",
    ]);
  });

  it("counts across years and across the Spring Festival", () => {
    // 2025-12-31 → 2026-01-05: New Year 1–3 Jan off, Sunday 4 Jan worked, Monday 5 Jan.
    expect(calendar.workingDaysBetween("2025-12-31", "2026-01-05")).toBe(2);
    expect(calendar.workingDaysBetween("2026-02-13", "2026-02-24")).toBe(2); // Saturday 14 and Tuesday 24 Feb
    // 261 weekdays each year, less the holidays that fall on weekdays, plus the make-up workdays (counted by hand).
    expect(calendar.workingDaysInYear(2025)).toBe(261 - (1 + 6 + 1 + 3 + 1 + 6) + (2 + 1 + 2));
    expect(calendar.workingDaysInYear(2026)).toBe(261 - (2 + 6 + 1 + 3 + 1 + 1 + 5) + (1 + 2 + 1 + 2));
    expect(calendar.workingDaysBetween("2024-12-31", "2026-12-31")).toBe(248 + 248);
  });

  it("refuses what is not an ISO date", () => {
    expect(() => calendar.workingDaysBetween("2025-9-1", "2025-10-01")).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween("2025-09-01", "2025-13-01")).toThrow(RangeError);
  });

  it("answers a count in a few microseconds", () => {
    // The best of five rounds of 10,000, so a busy machine does not fail the test.
    const rounds = Array.from({ length: 5 }, () => {
      const start = performance.now();
      for (let i = 0; i < 10_000; i++) calendar.workingDaysBetween("2025-09-01", i % 2 ? "2025-10-20" : "2026-03-01");
      return (performance.now() - start) / 10_000;
    });
    expect(Math.min(...rounds) * 1000).toBeLessThan(10);
  });
});

describe("a year the package does not cover", () => {
  it("counts weekends only and says the year is not covered", () => {
    expect(packageCovers(2025)).toBe(true);
    expect(packageCovers(2026)).toBe(true);
    expect(packageCovers(2030)).toBe(false);
    expect(calendar.covers(2030)).toBe(false);
    expect(calendar.coveredBy(2030)).toEqual([]);
    // 1 October 2030 is a Tuesday: without holiday data it is a working day.
    expect(calendar.isWorkingDay("2030-10-01")).toBe(true);
    expect(calendar.workingDaysBetween("2030-09-30", "2030-10-07")).toBe(5);
    expect(calendar.workingDaysInYear(2030)).toBe(261);
    expect(calendar.namedDaysOfYear(2030)).toEqual([]);
  });

  it("takes the office's days: a year with entered days is covered and counts them", () => {
    const office = buildWorkingCalendar([
      { date: "2030-10-01", kind: "holiday", name: "国庆节" },
      { date: "2030-10-02", kind: "holiday", name: "国庆节" },
      { date: "2030-09-29", kind: "workday", name: "国庆节调休" }, // a Sunday
    ]);
    expect(office.covers(2030)).toBe(true);
    expect(office.coveredBy(2030)).toEqual(["office"]);
    expect(office.workingDaysBetween("2030-09-27", "2030-10-07")).toBe(5); // 29 (Sunday, worked), 30 Sep, 3, 4, 7 Oct
    expect(office.namedDaysOfYear(2030)).toEqual([
      { date: "2030-09-29", kind: "workday", name: "国庆节调休", nameEn: null, source: "office" },
      { date: "2030-10-01", kind: "holiday", name: "国庆节", nameEn: null, source: "office" },
      { date: "2030-10-02", kind: "holiday", name: "国庆节", nameEn: null, source: "office" },
    ]);
    // The package's years are untouched.
    expect(office.workingDaysBetween("2025-09-28", "2025-10-11")).toBe(5);
  });

  it("lets an office day override the package in a covered year", () => {
    const office = buildWorkingCalendar([{ date: "2025-10-13", kind: "holiday", name: "地方节日" }]);
    expect(office.coveredBy(2025)).toEqual(["package", "office"]);
    expect(office.workingDaysBetween("2025-10-10", "2025-10-14")).toBe(2); // 11 (Sat, worked), 14; 13 off
    expect(office.isWorkingDay("2025-10-01")).toBe(false);
  });

  it("counts a span over uncovered years by weekdays", () => {
    expect(calendar.workingDaysBetween("2029-12-31", "2031-12-31")).toBe(261 + 261);
  });
});
