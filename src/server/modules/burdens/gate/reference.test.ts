import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkingCalendar } from "../../calendar/calendar.js";
import { getUnit } from "../../org/units.js";
import { createTestApp, type TestContext } from "../../../test/harness.js";
import { loadGateReference } from "./reference.js";
import { loadGateSettings, loadRegisters } from "./settings.js";

/** The one-round-trip read of the gate's small tables answers as the three readers it replaces on the gate's path. */

let ctx: TestContext;
const USER = "00000000-0000-4000-8000-00000000f00d";
beforeAll(async () => {
  ctx = await createTestApp();
  const province = (await getUnit(ctx.db, "230000"))!;
  const county = (await getUnit(ctx.db, "230524"))!;
  // A province and its county each set some thresholds; the county's win where both do.
  await ctx.db.execute(sql`insert into gate_settings (region_code, region_path, settings) values
    (${province.code}, ${province.path}, ${JSON.stringify({ minWorkingDays: 7, documentMaxChars: { general: 4500 }, issuerYearlyCap: { form: 10 } })}::jsonb),
    (${county.code}, ${county.path}, ${JSON.stringify({ minWorkingDays: 6, issuerYearlyCap: { meeting: 3 } })}::jsonb)
    on conflict (region_code) do update set settings = excluded.settings`);
  for (const [unit, year, register, code, title] of [
    [province, 2027, "inspection_plan", "HLJ-2027-01", "全省安全生产综合督查"],
    [county, 2027, "evaluation_list", "RH-2027-E1", "文明村镇评选"],
    [county, 2027, "allowed_proof", "P-1", "亲属关系证明"],
    [county, 2028, "inspection_plan", "RH-2028-01", "下一年度的计划"],
  ] as const) {
    await ctx.db.execute(sql`insert into gate_registers (region_code, region_path, year, register, code, title) values (${unit.code}, ${unit.path}, ${year}, ${register}, ${code}, ${title})`);
  }
  await ctx.db.execute(sql`insert into calendar_days (date, kind, name, entered_by, entered_by_name) values
    ('2027-10-08', 'holiday', '国庆节（测试）', ${USER}, '测试'), ('2028-01-02', 'workday', '调休（测试）', ${USER}, '测试'), ('2029-05-01', 'holiday', '劳动节（测试）', ${USER}, '测试')
    on conflict (date) do nothing`);
});
afterAll(async () => ctx?.close());

/** Any unit that no setting of 黑龙江 reaches: another province, or the nation above it. */
async function unitOutsideHeilongjiang(): Promise<string> {
  const { rows } = await ctx.db.execute<{ code: string }>(sql`select code from units where level in ('province', 'nation') and code <> '230000' order by level desc, code limit 1`);
  return rows[0]!.code;
}

describe("loadGateReference", () => {
  it.each([
    ["a county (its own settings and the province's)", "230524", 2027, [2027, 2028]],
    ["a township under it", "230524100000", 2027, [2027]],
    ["a unit outside the province (defaults only)", "elsewhere", 2027, [2027, 2028, 2029]],
    ["a year with no registers and no calendar years", "230524", 2030, []],
  ])("answers for %s as the separate readers do", async (_label, code, year, calendarYears) => {
    const unit = (await getUnit(ctx.db, code === "elsewhere" ? await unitOutsideHeilongjiang() : code))!;
    expect(unit).toBeTruthy();
    const together = await loadGateReference(ctx.db, { issuerPath: unit.path, year, calendarYears });
    expect(together.settings).toEqual(await loadGateSettings(ctx.db, unit.path));
    expect(together.registers).toEqual(await loadRegisters(ctx.db, unit.path, year));
    const alone = await loadWorkingCalendar(ctx.db, calendarYears);
    for (const y of [2026, 2027, 2028, 2029]) {
      expect(together.calendar.namedDaysOfYear(y)).toEqual(alone.namedDaysOfYear(y));
      expect(together.calendar.coveredBy(y)).toEqual(alone.coveredBy(y));
    }
    expect(together.calendar.workingDaysBetween("2027-09-20", "2028-01-10")).toBe(alone.workingDaysBetween("2027-09-20", "2028-01-10"));
  });

  it("sees what the office entered: the county's threshold, its register and its holiday", async () => {
    const county = (await getUnit(ctx.db, "230524"))!;
    const { settings, registers, calendar } = await loadGateReference(ctx.db, { issuerPath: county.path, year: 2027, calendarYears: [2027] });
    expect(settings).toMatchObject({ minWorkingDays: 6, issuerYearlyCap: { form: 10, meeting: 3 }, documentMaxChars: { general: 4500, specific: 4000 } });
    expect(registers.inspectionPlan).toEqual([{ code: "HLJ-2027-01", title: "全省安全生产综合督查" }]);
    expect(registers.approvedEvaluations).toEqual([{ code: "RH-2027-E1", title: "文明村镇评选" }]);
    expect(registers.allowedProofs).toEqual(["亲属关系证明"]);
    expect(calendar.isWorkingDay("2027-10-08")).toBe(false);
  });
});
