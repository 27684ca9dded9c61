import type pg from "pg";
import { sql } from "drizzle-orm";
import type { Db } from "../src/server/db/client.js";
import type { Unit } from "../src/server/modules/org/units.js";
import { indexChildren, indexIssuers, indexSeries } from "../src/server/modules/burden-index/queries.js";
import { rebuildIndex } from "../src/server/modules/burden-index/rollup.js";
import { rawWithin, rollupVersusRaw } from "./rollup-vs-raw.js";
import type { Figure } from "./stats.js";

/**
 * The burden index 负担指数 at national scale (issue 7, "Speed"): a synthetic nation of 31 provinces ×
 * 10 cities × 10 counties × 10 townships × 20 villages (620,000 villages), county-wide burdens of 200
 * target rows each, 10^6 then 10^7 rows. For a unit of each level, the dashboard's three questions
 * (monthly series with last year, children of a month, issuers of the period) from the rollups, and the
 * same questions as a plain GROUP BY over burden_targets, in the same run, as a ratio.
 *
 *   BENCH_INDEX_ROWS   comma list of burden-target row counts (default 1000000,10000000)
 *   BENCH_INDEX_RUNS   timed runs of each rollup question (default 40; raw ones run 5, nation/province 2)
 */

const BENCH_CREATOR = "00000000-0000-4000-8000-000000007007";
const PER_BURDEN = 200;
const FROM = "2026-01";
const TO = "2026-12";
const MONTH = "2026-06";

/** Burdens issued by county bureaus to every village of their county, spread over 2025–2026. */
async function generate(client: pg.Client, rows: number) {
  const burdens = Math.ceil(rows / PER_BURDEN);
  await client.query(`delete from burden_index`);
  await client.query(`delete from burden_index_issuers`);
  await client.query(`delete from burdens where created_by = $1`, [BENCH_CREATOR]);
  // County g % 3100: province 11+p, city c, county k (1-based, two digits each).
  await client.query(
    `insert into burdens (id, kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target,
       target_spec, target_count, details, yearly_minutes, created_by, findings)
     select md5('index-bench-' || g)::uuid, (array['task','form','meeting','inspection','document','app'])[1 + g % 6], 'expired',
       cty || 'D0' || (1 + g % 4), '100000.' || prov || '.' || city || '.' || cty || '.' || cty || 'D0' || (1 + g % 4), prov,
       '压测事项 ' || g, '', d, d + case when g % 5 = 0 then 90 else 10 end, case when g % 5 = 0 then 'monthly' else 'once' end, 60,
       '[]'::jsonb, ${PER_BURDEN}, '{}'::jsonb, 0, $1, case when g % 10 = 0 then '[{"code":"bench"}]'::jsonb else '[]'::jsonb end
     from generate_series(1, ${burdens}) g,
       lateral (select g % 3100 as ci) c,
       lateral (select (11 + ci / 100)::text || '0000' as prov, (11 + ci / 100)::text || lpad((1 + ci / 10 % 10)::text, 2, '0') || '00' as city,
                       (11 + ci / 100)::text || lpad((1 + ci / 10 % 10)::text, 2, '0') || lpad((1 + ci % 10)::text, 2, '0') as cty) k,
       lateral (select date '2025-01-01' + (g * 7 % 720) as d) dd`,
    [BENCH_CREATOR],
  );
  await client.query(
    `insert into burden_targets (burden_id, unit_code, unit_path, province_code, in_force, load_from, load_to, monthly_minutes)
     select b.id, v.code, split_part(b.issuer_path, '.', 1) || '.' || split_part(b.issuer_path, '.', 2) || '.' || split_part(b.issuer_path, '.', 3) || '.'
         || b.issuer_code::varchar(6) || '.' || v.town || '.' || v.code, b.province_code, true,
       case when b.frequency = 'once' then b.deadline else b.issued_on end, b.deadline, b.minutes_per_target
     from burdens b,
       lateral (select left(b.issuer_code, 6) || lpad(t::text, 3, '0') || '000' as town, left(b.issuer_code, 6) || lpad(t::text, 3, '0') || (199 + v)::text as code
                from generate_series(1, 10) t, generate_series(1, 20) v) v
     where b.created_by = $1`,
    [BENCH_CREATOR],
  );
  await client.query(`analyze burdens`);
  await client.query(`analyze burden_targets`);
  return burdens;
}

const within = (unit: Unit) => rawWithin(unit, "t.");

/** The dashboard's questions as a plain GROUP BY over the raw rows. */
const RAW = {
  series: (unit: Unit) => `
    select to_char(g, 'YYYY-MM') as month, b.kind, count(distinct t.burden_id), sum(t.monthly_minutes)
    from burden_targets t join burdens b on b.id = t.burden_id
    cross join lateral generate_series(date_trunc('month', t.load_from::timestamp), date_trunc('month', t.load_to::timestamp), interval '1 month') g
    where t.in_force and ${within(unit)} and t.load_to >= date '2025-01-01' and t.load_from <= date '2026-12-31'
    group by 1, 2`,
  children: (unit: Unit) => `
    select split_part(t.unit_path, '.', ${unit.path.split(".").length + 1}) as child, count(*), sum(t.monthly_minutes)
    from burden_targets t
    where t.in_force and ${within(unit)} and t.load_to >= date '${MONTH}-01' and t.load_from < date '${MONTH}-01' + interval '1 month'
    group by 1`,
  issuers: (unit: Unit) => `
    select b.issuer_code, count(*), sum(t.monthly_minutes * (1 + (extract(year from age(least(t.load_to, date '2026-12-31'), greatest(t.load_from, date '2026-01-01'))) * 12
      + extract(month from age(least(t.load_to, date '2026-12-31'), greatest(t.load_from, date '2026-01-01'))))))
    from burden_targets t join burdens b on b.id = t.burden_id
    where t.in_force and ${within(unit)} and t.load_to >= date '2026-01-01' and t.load_from <= date '2026-12-31'
    group by 1 order by 3 desc limit 15`,
};

export async function benchIndex(db: Db, url: string): Promise<Figure[]> {
  return rollupVersusRaw({
    name: "index",
    url,
    prepare: async ({ client, rows, timed, figure }) => {
      const burdens = await timed(() => "generate burdens + target rows s", () => generate(client, rows));
      await timed(() => `rebuild rollups from ${burdens} burdens s`, () => rebuildIndex(db));
      const size = await db.execute<{ a: number; b: number }>(sql`select (select count(*) from burden_index)::int as a, (select count(*) from burden_index_issuers)::int as b`);
      figure("rollup rows (index / issuers)", `${size.rows[0]?.a} / ${size.rows[0]?.b}`);
    },
    dashboard: (unit) => Promise.all([indexSeries(db, unit, { from: FROM, to: TO }), indexChildren(db, unit, { month: MONTH }), indexIssuers(db, unit, { from: FROM, to: TO, limit: 15 })]),
    raw: [RAW.series, RAW.children, RAW.issuers],
    labels: { rollups: "dashboard (3 questions, rollups)", raw: "same questions, plain GROUP BY" },
  });
}
