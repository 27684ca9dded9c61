import type pg from "pg";
import { sql } from "drizzle-orm";
import type { Db } from "../src/server/db/client.js";
import type { Unit } from "../src/server/modules/org/units.js";
import { actualByMonth } from "../src/server/modules/burden-index/actual.js";
import { rebuildActual } from "../src/server/modules/monitoring/reminders.js";
import { satisfactionResults } from "../src/server/modules/satisfaction/survey.js";
import { rawWithin, rollupVersusRaw } from "./rollup-vs-raw.js";
import type { Figure } from "./stats.js";

/**
 * The dashboard's other rollups at national scale (issue 7, "Speed"): burden_index_actual (the hours
 * monitoring points 监测点 report) and satisfaction_monthly (the public's verdict 群众满意度). A synthetic
 * nation of 31 provinces × 10 cities × 10 counties × 10 townships × 20 villages (620,000 villages); N
 * weekly answers spread over 2025–2026 (each village at most one per week) and N satisfaction responses.
 * For a unit of each level, what the dashboard reads — the actual side of the index by month, and the
 * satisfaction results (by month, total, children) — from the rollups, and the same as a plain GROUP BY
 * over the raw rows, in the same run, as a ratio; and how the rollup's p95 grows from the first size to
 * the last.
 *
 *   BENCH_ACTUAL_ROWS   comma list of answer (and response) counts (default 1000000,10000000)
 *   BENCH_ACTUAL_RUNS   timed runs of each rollup question (default 40; raw ones 5, nation/province 2)
 */

const BENCH_USER = "00000000-0000-4000-8000-000000007017";
const FROM = "2026-01";
const TO = "2026-12";
const VILLAGES = 620_000;

/** Village number v (0 … 619,999) → its code and path, in the same numbering as the index bench. */
const VILLAGE_SQL = `
  lateral (select v / 20000 as p, v / 2000 % 10 as c, v / 200 % 10 as k, v / 20 % 10 as t, v % 20 as n) d,
  lateral (select (11 + p)::text || '0000' as prov, (11 + p)::text || lpad((1 + c)::text, 2, '0') || '00' as city,
                  (11 + p)::text || lpad((1 + c)::text, 2, '0') || lpad((1 + k)::text, 2, '0') as cty) r,
  lateral (select cty || lpad((1 + t)::text, 3, '0') || '000' as town, cty || lpad((1 + t)::text, 3, '0') || (200 + n)::text as code) w`;

async function generate(client: pg.Client, rows: number) {
  await client.query(`delete from monitoring_answers where answered_by = $1`, [BENCH_USER]);
  await client.query(`delete from burden_index_actual`);
  await client.query(`delete from satisfaction_responses where unit_code like '11%' and unit_path like '100000.1%'`);
  await client.query(`delete from satisfaction_monthly`);
  // Answer g: village g % 620,000, its week (g / 620,000 + village) % 104 weeks from 2025-01-06, so no
  // village answers a week twice; the month is the Thursday's.
  await client.query(
    `insert into monitoring_answers (unit_code, unit_path, province_code, week, month, idempotency_key, request_hash, expected_minutes, actual_minutes,
       unregistered_minutes, unregistered_count, answered_by, answered_by_name)
     select code, '100000.' || prov || '.' || city || '.' || cty || '.' || town || '.' || code, prov, wk, to_char(wk + 3, 'YYYY-MM'), 'bench-' || g, '',
       60 + g % 240, 90 + g % 300, (g % 7) * 30, (g % 7 = 0)::int, $1, 'bench'
     from generate_series(0, $2::int - 1) g,
       lateral (select g % ${VILLAGES} as v, date '2025-01-06' + 7 * ((g / ${VILLAGES} + g % ${VILLAGES}) % 104) as wk) x,
       ${VILLAGE_SQL}`,
    [BENCH_USER, rows],
  );
  await client.query(
    `insert into satisfaction_responses (unit_code, unit_path, province_code, month, q1, q2, q3, q4, comment)
     select code, '100000.' || prov || '.' || city || '.' || cty || '.' || town || '.' || code, prov, to_char(date '2025-01-01' + (g % 730), 'YYYY-MM'),
       1 + g % 5, 1 + g % 4, 2 + g % 4, 1 + (g / 3) % 5, case when g % 9 = 0 then '压测留言' end
     from generate_series(0, $1::int - 1) g, lateral (select (g * 7) % ${VILLAGES} as v) x, ${VILLAGE_SQL}`,
    [rows],
  );
  await client.query(`analyze monitoring_answers`);
  await client.query(`analyze satisfaction_responses`);
}

/** satisfaction_monthly as recordResponse keeps it, built in bulk: every response on every unit of its path. */
const SATISFACTION_ROLLUP = `
  insert into satisfaction_monthly (unit_code, parent_code, province_code, month, responses, sum_q1, sum_q2, sum_q3, sum_q4, comments)
  select p.code, max(a.codes[p.i - 1]), max(coalesce(a.codes[2], a.codes[1])), s.month, count(*), sum(q1), sum(q2), sum(q3), sum(q4), count(comment)
  from satisfaction_responses s
  cross join lateral (select string_to_array(s.unit_path, '.') as codes) a
  cross join lateral unnest(a.codes) with ordinality as p(code, i)
  group by p.code, s.month`;

const within = (unit: Unit) => rawWithin(unit);

/** The same questions as a plain GROUP BY over the raw rows. */
const RAW = {
  actual: (unit: Unit) => `
    select month, count(*), sum(expected_minutes), sum(actual_minutes), sum(unregistered_minutes), sum(unregistered_count)
    from monitoring_answers where ${within(unit)} and month between '${FROM}' and '${TO}' group by month`,
  satisfaction: (unit: Unit) => `
    select month, count(*), sum(q1), sum(q2), sum(q3), sum(q4), count(comment)
    from satisfaction_responses where ${within(unit)} and month between '${FROM}' and '${TO}' group by month`,
  satisfactionChildren: (unit: Unit) => `
    select split_part(unit_path, '.', ${unit.path.split(".").length + 1}) as child, count(*), sum(q1), sum(q2), sum(q3), sum(q4), count(comment)
    from satisfaction_responses where ${within(unit)} and month between '${FROM}' and '${TO}' group by 1 order by 2 desc limit 100`,
};

export async function benchActual(db: Db, url: string): Promise<Figure[]> {
  return rollupVersusRaw({
    name: "actual",
    url,
    prepare: async ({ client, rows, timed, figure }) => {
      await timed(() => `generate ${rows} answers + ${rows} responses s`, () => generate(client, rows));
      await timed(() => "rebuild burden_index_actual (rebuildActual) s", () => rebuildActual(db));
      await timed(() => "build satisfaction_monthly s", async () => {
        await client.query(SATISFACTION_ROLLUP);
        await client.query(`analyze burden_index_actual`);
        await client.query(`analyze satisfaction_monthly`);
      });
      const size = await db.execute<{ a: number; b: number }>(sql`select (select count(*) from burden_index_actual)::int as a, (select count(*) from satisfaction_monthly)::int as b`);
      figure("rollup rows (actual / satisfaction)", `${size.rows[0]?.a} / ${size.rows[0]?.b}`);
    },
    cleanUp: (client) => client.query(`delete from monitoring_answers where answered_by = $1`, [BENCH_USER]),
    dashboard: (unit) => Promise.all([actualByMonth(db, unit.code, FROM, TO), satisfactionResults(db, unit, FROM, TO)]),
    raw: [RAW.actual, RAW.satisfaction, RAW.satisfactionChildren],
    labels: { rollups: "actual + satisfaction (rollups)", raw: "same, plain GROUP BY" },
  });
}
