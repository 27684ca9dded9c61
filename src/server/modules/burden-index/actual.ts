import { sql } from "drizzle-orm";
import type { IndexActual } from "../../../contracts/burden-index.js";
import type { Queryable } from "../../db/client.js";

/**
 * The "actual" hours of the burden index 负担指数, fed by monitoring points 监测点 (modules/monitoring):
 * one weekly answer adds its cells to every unit on the village's path in the week's month. The
 * monitoring module calls this inside the transaction that writes the answer, so both commit together.
 */
export type ActualCell = { unitPath: string; month: string; expectedMinutes: number; actualMinutes: number; unregisteredMinutes: number; unregistered: number };

/** Adds (sign 1) or takes away (sign -1) one answer's cells, upserted in key order. */
export async function applyAnswerToIndex(tx: Queryable, cell: ActualCell, sign: 1 | -1 = 1): Promise<void> {
  const codes = cell.unitPath.split(".");
  const provinceCode = codes[1] ?? codes[0]!;
  const rows = codes.map((code, i) => sql`(${code}, ${i > 0 ? codes[i - 1]! : null}::text, ${provinceCode})`);
  await tx.execute(sql`
    insert into burden_index_actual (unit_code, parent_code, province_code, month, answers, expected_minutes, actual_minutes, unregistered_minutes, unregistered)
    select u.code, u.parent, u.province, ${cell.month}, ${sign}, ${sign * cell.expectedMinutes}, ${sign * cell.actualMinutes}, ${sign * cell.unregisteredMinutes}, ${sign * cell.unregistered}
    from (values ${sql.join(rows, sql`, `)}) as u(code, parent, province)
    order by u.code
    on conflict (unit_code, month) do update set answers = burden_index_actual.answers + excluded.answers,
      expected_minutes = burden_index_actual.expected_minutes + excluded.expected_minutes,
      actual_minutes = burden_index_actual.actual_minutes + excluded.actual_minutes,
      unregistered_minutes = burden_index_actual.unregistered_minutes + excluded.unregistered_minutes,
      unregistered = burden_index_actual.unregistered + excluded.unregistered`);
}

/** Empties the actual rollup, before the monitoring module replays every answer into it. */
export async function clearActual(db: Queryable): Promise<void> {
  await db.execute(sql`delete from burden_index_actual`);
}

const hours = (minutes: unknown) => Math.round((Number(minutes ?? 0) / 60) * 10) / 10;

/** The actual side of a unit's months, keyed by month. */
export async function actualByMonth(db: Queryable, unitCode: string, from: string, to: string): Promise<Map<string, IndexActual>> {
  const { rows } = await db.execute<{ month: string; answers: number; expected_minutes: number; actual_minutes: number; unregistered_minutes: number; unregistered: number }>(sql`
    select month, answers, expected_minutes, actual_minutes, unregistered_minutes, unregistered from burden_index_actual
    where unit_code = ${unitCode} and month between ${from} and ${to}`);
  return new Map(
    rows.map((r) => [
      r.month,
      { answers: Number(r.answers), expectedHours: hours(r.expected_minutes), actualHours: hours(r.actual_minutes), unregisteredHours: hours(r.unregistered_minutes), unregistered: Number(r.unregistered) },
    ]),
  );
}

export const NO_ACTUAL: IndexActual = { answers: 0, expectedHours: 0, actualHours: 0, unregisteredHours: 0, unregistered: 0 };

/**
 * The admitted burdens in force on a village during a week (Monday to Sunday), with the issuer's
 * estimate for that week (a month's minutes × 12 / 52): the list a monitoring point answers about.
 */
export async function burdensOnVillageInWeek(db: Queryable, unitCode: string, monday: string, sunday: string) {
  const { rows } = await db.execute<{ burden_id: string; title: string; kind: string; admission_number: string | null; issuer_code: string; monthly_minutes: number }>(sql`
    select b.id as burden_id, b.title, b.kind, b.admission_number, b.issuer_code, t.monthly_minutes
    from burden_targets t join burdens b on b.id = t.burden_id
    where t.unit_code = ${unitCode} and t.in_force and t.load_from <= ${sunday}::date and t.load_to >= ${monday}::date
    order by t.monthly_minutes desc, b.id
    limit 200`);
  return rows.map((r) => ({
    burdenId: r.burden_id,
    title: r.title,
    kind: r.kind,
    admissionNumber: r.admission_number,
    issuerCode: r.issuer_code,
    expectedMinutes: Math.round(((Number(r.monthly_minutes) * 12) / 52) * 10) / 10,
  }));
}
