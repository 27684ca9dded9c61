import { describe, expect, it } from "vitest";
import { demoTimeline } from "./demo-timeline.js";
import { firstDayOf, lastDayOf, monthsBetween, periodsEnding, periodsFrom, shiftPeriod } from "./periods.js";

describe("monthly periods", () => {
  it("shifts across years both ways", () => {
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
    expect(shiftPeriod("2025-12", 1)).toBe("2026-01");
    expect(shiftPeriod("2026-03", -27)).toBe("2023-12");
  });

  it("lists the periods from one to another, both included, and none when the first is after the last", () => {
    expect(periodsFrom("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodsFrom("2026-02", "2026-02")).toEqual(["2026-02"]);
    expect(periodsFrom("2026-03", "2026-02")).toEqual([]);
    expect(periodsEnding("2026-02", 4)).toEqual(periodsFrom("2025-11", "2026-02"));
  });

  it("gives a period's first and last day, leap years included", () => {
    expect(firstDayOf("2026-07")).toBe("2026-07-01");
    expect([lastDayOf("2026-02"), lastDayOf("2028-02"), lastDayOf("2026-12"), lastDayOf("2026-04")]).toEqual(["2026-02-28", "2028-02-29", "2026-12-31", "2026-04-30"]);
  });

  it("counts the months between two periods across years, negative backwards", () => {
    expect(monthsBetween("2025-11", "2026-02")).toBe(3);
    expect(monthsBetween("2026-02", "2025-11")).toBe(-3);
    expect(monthsBetween("2026-05", "2026-05")).toBe(0);
  });

  it("places the demo's gate eleven months back, so any month of seeding has eleven months after it", () => {
    const december = demoTimeline("2026-12-07");
    expect([december.gate, december.historyStart]).toEqual(["2026-01-01", "2024-12"]);
    const january = demoTimeline("2027-01-10");
    expect([january.gate, january.historyStart, january.monthsSinceGate("2026-12"), january.monthsSinceGate("2026-01")]).toEqual(["2026-02-01", "2025-01", 10, -1]);
  });
});
