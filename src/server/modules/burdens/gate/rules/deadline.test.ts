import { describe, expect, it } from "vitest";
import { buildWorkingCalendar } from "../../../calendar/working-calendar.js";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { shortDeadline } from "./deadline.js";
import { buildGateBurden, buildGateContext } from "./test-factories.js";

const run = (issuedOn: string, deadline: string, ctx = buildGateContext()) => shortDeadline.run(buildGateBurden({ issuedOn, deadline }), ctx);

describe("SHORT_DEADLINE", () => {
  it("counts working days across the National Day holidays and names them", () => {
    // Issued Tuesday 30 September 2025, due Friday 10 October: 1–8 October are off, so 9 and 10 remain.
    const [f, ...rest] = run("2025-09-30", "2025-10-10");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "SHORT_DEADLINE", severity: "review" });
    expect(f?.messages["zh-CN"]).toBe("截止期限仅 2 个工作日，少于规定的 5 个工作日（已扣除国庆节、中秋假期）：2025-09-30 下发，2025-10-10 截止");
    expect(f?.messages.en).toBe(
      "The deadline leaves only 2 working days, fewer than the required 5 (National Day and Mid-autumn Festival holidays excluded): issued 2025-09-30, due 2025-10-10",
    );
    expect(f?.evidence).toMatchObject({ workingDays: 2, required: 5, holidays: expect.arrayContaining(["2025-10-01", "2025-10-08"]), makeUpWorkdays: [] });
  });

  it("counts a make-up workday as a working day and says so", () => {
    // Friday 26 September → Tuesday 30 September: Sunday 28 is worked, so 28, 29, 30.
    const [f] = run("2025-09-26", "2025-09-30");
    expect(f?.evidence).toMatchObject({ workingDays: 3, makeUpWorkdays: ["2025-09-28"] });
    expect(f?.messages["zh-CN"]).toBe("截止期限仅 3 个工作日，少于规定的 5 个工作日（含调休上班日 2025-09-28）：2025-09-26 下发，2025-09-30 截止");
    expect(f?.messages.en).toContain("(make-up workday 2025-09-28 included)");
  });

  it("is silent at the required number of working days, even across the Spring Festival", () => {
    expect(run("2025-09-01", "2025-09-08")).toEqual([]);
    // Friday 13 February 2026 → Friday 27 February: 14 (Saturday, worked), 24–27.
    expect(run("2026-02-13", "2026-02-27")).toEqual([]);
    expect(run("2026-02-13", "2026-02-26")[0]?.evidence).toMatchObject({ workingDays: 4 });
  });

  it("says 'less than one working day' for a same-day deadline", () => {
    const [f] = run("2025-09-01", "2025-09-01");
    expect(f?.messages["zh-CN"]).toMatch(/^截止期限不足 1 个工作日，/);
    expect(f?.messages.en).toMatch(/^The deadline leaves less than one working day,/);
  });

  it("takes the minimum from the settings", () => {
    const relaxed = buildGateContext({ settings: { ...DEFAULT_GATE_SETTINGS, minWorkingDays: 2 } });
    expect(run("2025-09-30", "2025-10-10", relaxed)).toEqual([]);
  });

  it("adds a notice for a year the calendar does not cover, counting weekends only", () => {
    const findings = run("2030-09-30", "2030-10-02");
    expect(findings.map((f) => `${f.code} ${f.severity}`)).toEqual(["SHORT_DEADLINE review", "CALENDAR_NOT_COVERED info"]);
    expect(findings[0]?.evidence).toMatchObject({ workingDays: 2, weekendsOnlyYears: [2030] });
    expect(findings[1]?.messages).toEqual({
      "zh-CN": "2030 年的法定节假日和调休安排尚未收录，工作日暂按周末计算；减负办可录入该年的节假日和调休上班日",
      en: "The public holidays and make-up workdays of 2030 are not known yet, so working days are counted by weekends only; the burden-reduction office can enter them",
    });
    // A long deadline gets the notice alone.
    expect(run("2030-09-01", "2030-12-31").map((f) => f.code)).toEqual(["CALENDAR_NOT_COVERED"]);
  });

  it("uses the office's days once entered: the year is covered and the holiday named", () => {
    const calendar = buildWorkingCalendar([{ date: "2030-10-01", kind: "holiday", name: "国庆节" }]);
    const findings = run("2030-09-30", "2030-10-02", buildGateContext({ calendar }));
    expect(findings.map((f) => f.code)).toEqual(["SHORT_DEADLINE"]);
    expect(findings[0]?.messages["zh-CN"]).toBe("截止期限仅 1 个工作日，少于规定的 5 个工作日（已扣除国庆节假期）：2030-09-30 下发，2030-10-02 截止");
    // An office name has no English: the Chinese one stands in.
    expect(findings[0]?.messages.en).toContain("(国庆节 holidays excluded)");
  });

  it("works with a calendar that cannot name its days", () => {
    const bare = { workingDaysBetween: () => 1, covers: () => true };
    expect(run("2025-09-01", "2025-09-02", buildGateContext({ calendar: bare }))[0]?.messages["zh-CN"]).toBe(
      "截止期限仅 1 个工作日，少于规定的 5 个工作日：2025-09-01 下发，2025-09-02 截止",
    );
  });
});
