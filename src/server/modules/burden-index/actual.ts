import { sql, type SQL } from "drizzle-orm";
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
export async function burdensOnVillageInWeek(db: Queryable, unitCode: string, monday: string, sunday: string, limit = 200) {
  const { rows } = await db.execute<{ burden_id: string; title: string; kind: string; admission_number: string | null; issuer_code: string; monthly_minutes: number; load_from: string; load_to: string }>(sql`
    select b.id as burden_id, b.title, b.kind, b.admission_number, b.issuer_code, t.monthly_minutes, t.load_from::text as load_from, t.load_to::text as load_to
    from burden_targets t join burdens b on b.id = t.burden_id
    where t.unit_code = ${unitCode} and t.in_force and t.load_from <= ${sunday}::date and t.load_to >= ${monday}::date
    order by t.monthly_minutes desc, b.id
    limit ${limit}`);
  return rows.map((r) => ({
    burdenId: r.burden_id,
    title: r.title,
    kind: r.kind,
    admissionNumber: r.admission_number,
    issuerCode: r.issuer_code,
    expectedMinutes: Math.round(((Number(r.monthly_minutes) * 12) / 52) * 10) / 10,
    loadFrom: r.load_from,
    loadTo: r.load_to,
  }));
}

/**
 * Adds many answers' cells at once (a bulk load such as the demo): summed per unit and month first,
 * then upserted in one statement.
 */
export async function applyAnswersToIndex(tx: Queryable, cells: ActualCell[]): Promise<void> {
  const sums = new Map<string, { code: string; parent: string | null; province: string; month: string; answers: number; e: number; a: number; um: number; u: number }>();
  for (const c of cells) {
    const codes = c.unitPath.split(".");
    codes.forEach((code, i) => {
      const key = `${code}|${c.month}`;
      const s = sums.get(key) ?? { code, parent: i > 0 ? codes[i - 1]! : null, province: codes[1] ?? codes[0]!, month: c.month, answers: 0, e: 0, a: 0, um: 0, u: 0 };
      s.answers++;
      s.e += c.expectedMinutes;
      s.a += c.actualMinutes;
      s.um += c.unregisteredMinutes;
      s.u += c.unregistered;
      sums.set(key, s);
    });
  }
  if (sums.size === 0) return;
  const rows = [...sums.values()].sort((x, y) => (x.code + x.month).localeCompare(y.code + y.month));
  await tx.execute(sql`
    insert into burden_index_actual (unit_code, parent_code, province_code, month, answers, expected_minutes, actual_minutes, unregistered_minutes, unregistered)
    values ${sql.join(rows.map((r) => sql`(${r.code}, ${r.parent}::text, ${r.province}, ${r.month}, ${r.answers}, ${r.e}, ${r.a}, ${r.um}, ${r.u})`), sql`, `)}
    on conflict (unit_code, month) do update set answers = burden_index_actual.answers + excluded.answers,
      expected_minutes = burden_index_actual.expected_minutes + excluded.expected_minutes,
      actual_minutes = burden_index_actual.actual_minutes + excluded.actual_minutes,
      unregistered_minutes = burden_index_actual.unregistered_minutes + excluded.unregistered_minutes,
      unregistered = burden_index_actual.unregistered + excluded.unregistered`);
}

/**
 * Rebuilds the actual rollup in one statement from `answers`, a query the monitoring module gives that
 * yields unit_path, month, expected_minutes, actual_minutes, unregistered_minutes, unregistered_count per
 * answer: every answer spread over the units of its path and summed, without loading rows into Node.
 */
export async function rebuildActualFrom(db: Queryable, answers: SQL): Promise<void> {
  await db.execute(sql`delete from burden_index_actual`);
  await db.execute(sql`
    insert into burden_index_actual (unit_code, parent_code, province_code, month, answers, expected_minutes, actual_minutes, unregistered_minutes, unregistered)
    select p.code, max(a.codes[p.i - 1]), max(coalesce(a.codes[2], a.codes[1])), x.month, count(*)::int,
      sum(x.expected_minutes), sum(x.actual_minutes), sum(x.unregistered_minutes), sum(x.unregistered_count)::int
    from (${answers}) x
    cross join lateral (select string_to_array(x.unit_path, '.') as codes) a
    cross join lateral unnest(a.codes) with ordinality as p(code, i)
    group by p.code, x.month`);
}
