import { sql } from "drizzle-orm";
import type { CalendarDayKind } from "../../../../contracts/calendar.js";
import type { Queryable } from "../../../db/client.js";
import { executeBuilt } from "../../../db/named.js";
import { buildWorkingCalendar, type ChineseWorkingCalendar } from "../../calendar/calendar.js";
import { calendarDays } from "../../calendar/schema.js";
import { unitGenerationNow } from "../../org/unit-cache.js";
import { gateRegisters, gateSettings } from "../schema.js";
import { regionHolds, registersOf, settingsFrom, type GateSettingsPatch } from "./settings.js";
import type { GateSettings, Registers } from "./types.js";

/**
 * The small tables every check reads — the region's thresholds, its approved registers 计划/清单 for the
 * year, the days the office entered in the working calendar — in one round trip: three statements
 * were three waits and three parses for a few rows, on the gate's hottest path. The answers are those of
 * loadGateSettings, loadRegisters and loadWorkingCalendar (reference.test.ts compares them).
 */
export type GateReference = {
  settings: GateSettings;
  registers: Registers;
  calendar: ChineseWorkingCalendar;
  /** The units' generation now: what a check compares with the generation of the units it used (org/unit-cache.ts). */
  unitGeneration: number;
};

type RegisterRow = [register: string, code: string, title: string];
type DayRow = [date: string, kind: CalendarDayKind, name: string];

const p = sql.placeholder;

/** The one statement, its values as placeholders (db/named.ts builds it once); without calendar years it reads no days. */
const referenceStatement = (withDays: boolean) => sql`
    select
      (select coalesce(json_agg(${gateSettings.settings} order by length(${gateSettings.regionPath})), '[]'::json)
         from ${gateSettings} where ${regionHolds(gateSettings.regionPath, p("issuerPath"))}) as settings,
      (select coalesce(json_agg(json_build_array(${gateRegisters.register}, ${gateRegisters.code}, ${gateRegisters.title})), '[]'::json)
         from ${gateRegisters} where ${regionHolds(gateRegisters.regionPath, p("issuerPath"))} and ${gateRegisters.year} = ${p("year")}) as registers,
      (select coalesce(json_agg(json_build_array(${calendarDays.date}::text, ${calendarDays.kind}, ${calendarDays.name}) order by ${calendarDays.date}), '[]'::json)
         from ${calendarDays} where ${withDays ? sql`${calendarDays.date} between ${p("from")}::date and ${p("to")}::date` : sql`false`}) as days,
      ${unitGenerationNow()} as unit_generation`;

export async function loadGateReference(db: Queryable, args: { issuerPath: string; year: number; calendarYears: readonly number[] }): Promise<GateReference> {
  const years = args.calendarYears.filter((y) => Number.isInteger(y));
  const from = years.length > 0 ? `${String(Math.min(...years)).padStart(4, "0")}-01-01` : null;
  const to = years.length > 0 ? `${String(Math.max(...years)).padStart(4, "0")}-12-31` : null;
  const { rows } = await executeBuilt<{ settings: GateSettingsPatch[]; registers: RegisterRow[]; days: DayRow[]; unit_generation: number | null }>(
    db,
    from === null ? "gate_reference_no_days" : "gate_reference",
    () => referenceStatement(from !== null),
    { issuerPath: args.issuerPath, year: args.year, ...(from === null ? {} : { from, to }) },
  );
  const row = rows[0] ?? { settings: [], registers: [], days: [], unit_generation: null };
  return {
    settings: settingsFrom(row.settings),
    registers: registersOf(row.registers.map(([register, code, title]) => ({ register, code, title }))),
    calendar: buildWorkingCalendar(row.days.map(([date, kind, name]) => ({ date, kind, name }))),
    unitGeneration: Number(row.unit_generation ?? -1),
  };
}
