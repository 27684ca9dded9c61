import type { Frequency } from "../../../contracts/burdens.js";
import type { MeetingHours } from "../../../contracts/meetings.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { occurrencesPerMonth } from "../burdens/hours.js";
import { meetingLoads, type MeetingLoadRow } from "../burdens/kind-reads.js";
import { childrenOf, getUnit, pathCodes } from "../org/units.js";

/**
 * Grassroots hours spent in meetings 会议占用基层时间, per unit and month, from the registry: each meeting
 * in force (admitted, or held and expired) costs each target unit its length × attendees per
 * occurrence; a one-off falls in the month it is held, a recurring one in every month it runs. A unit's
 * row holds its own meetings and those of the units under it.
 */

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Person-minutes one load row puts on its unit in each month of the year. */
export function monthlyMinutes(row: MeetingLoadRow, year: number): number[] {
  const months = Array<number>(12).fill(0);
  const perOccurrence = row.lengthMinutes * row.attendees;
  if (row.frequency === "once") {
    if (Number(row.loadTo.slice(0, 4)) === year) months[Number(row.loadTo.slice(5, 7)) - 1]! += perOccurrence;
    return months;
  }
  const perMonth = perOccurrence * occurrencesPerMonth(row.frequency as Frequency);
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, "0")}-01`;
    const last = `${year}-${String(m).padStart(2, "0")}-31`;
    if (row.loadFrom <= last && row.loadTo >= first) months[m - 1]! += perMonth;
  }
  return months;
}

export async function meetingHours(db: Db, actor: Actor, unitCode: string, year: number): Promise<MeetingHours> {
  const unit = await getUnit(db, unitCode);
  if (!unit || unit.level === "department" || !(pathIsInside(unit.path, regionPathOf(actor)))) throw new AppError("UNIT_NOT_FOUND", { code: unitCode });
  const depth = pathCodes(unit.path).length;
  const loads = await meetingLoads(db, { underPath: unit.path, from: `${year}-01-01`, to: `${year}-12-31` });
  const sums = new Map<string, number[]>();
  const total = Array<number>(12).fill(0);
  for (const row of loads) {
    const months = monthlyMinutes(row, year);
    // The child of the unit the target lies under (or the unit itself, when it is the target).
    const key = pathCodes(row.unitPath)[depth] ?? unit.code;
    const acc = sums.get(key) ?? Array<number>(12).fill(0);
    months.forEach((v, i) => {
      acc[i]! += v;
      total[i]! += v;
    });
    sums.set(key, acc);
  }
  const children = unit.level === "village" ? [] : (await childrenOf(db, unit.code, { limit: 1000, offset: 0 })).items.filter((c) => c.level !== "department");
  const rowOf = (u: { code: string; name: string; level: string }, minutes: number[]) => {
    const months = minutes.map((v) => round1(v / 60));
    return { unit: { code: u.code, name: u.name, level: u.level }, months, total: round1(minutes.reduce((a, b) => a + b, 0) / 60) };
  };
  const rows = children.map((c) => rowOf(c, sums.get(c.code) ?? Array<number>(12).fill(0)));
  if (sums.has(unit.code) && unit.level !== "village") rows.unshift(rowOf({ ...unit, name: `${unit.name}（本级）` }, sums.get(unit.code)!));
  rows.sort((a, b) => b.total - a.total);
  return { year, unit: { code: unit.code, name: unit.name, level: unit.level }, total: rowOf(unit, total), rows };
}
