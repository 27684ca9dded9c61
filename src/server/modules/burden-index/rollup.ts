import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

/**
 * Keeping the burden index 负担指数 in step with the registry. A burden's target rows come into force
 * together (admission) and leave together (withdrawal), so adding or subtracting one burden's cells is
 * exact, distinct burden counts included. Expiry changes nothing: the load fell all the same.
 */

/** A village (12-digit code not ending in 000) gets no issuer rollup: its rows are few, read raw. */
const notVillage = (code: SQL) => sql`not (length(${code}) = 12 and right(${code}, 3) <> '000')`;

/**
 * A burden counts as flagged 有审查发现 when a finding needed a person's judgement (review) or would
 * have blocked it: an info finding is a note the gate adds to every burden of some kinds (a meeting's
 * attendees, say), so counting it made the share read "half of all burdens" long after the gate.
 */
export const weighedFindings = (findings: SQL) => sql`jsonb_path_exists(${findings}, '$[*] ? (@.severity == "review" || @.severity == "block")')`;

/**
 * Cells of the index touched by the given target rows: every unit on each target's path × every month
 * its load spans, with the target rows and minutes below that unit. `targets` must yield unit_path,
 * monthly_minutes, load_from, load_to (and whatever the caller groups by). Written with unnest of arrays,
 * whose row estimate is 10, not generate_series' 1,000: with those, PostgreSQL planned a one-burden change
 * as 13 million rows and spent 600 ms compiling it with JIT.
 */
const expanded = (targets: SQL) => sql`
  select p.code as unit_code, a.codes[p.i - 1] as parent_code, coalesce(a.codes[2], a.codes[1]) as province_code, m.month, t.*
  from (${targets}) t
  cross join lateral (select string_to_array(t.unit_path, '.') as codes) a
  cross join lateral unnest(a.codes) with ordinality as p(code, i)
  cross join lateral unnest(array(
    select to_char(g, 'YYYY-MM') from generate_series(date_trunc('month', t.load_from::timestamp), date_trunc('month', t.load_to::timestamp), interval '1 month') g
  )) as m(month)`;

/**
 * Adds (coming into force) or subtracts (leaving it) one burden's cells, in one statement that upserts
 * both rollups. Only target rows whose in_force differs from `inForce` count, so call it before
 * setInForce; a second call for the same change then does nothing. Rows are upserted in key order so
 * concurrent admissions touching the same county cannot deadlock.
 */
export async function applyBurdenToIndex(tx: Queryable, burdenId: string, inForce: boolean): Promise<void> {
  await tx.execute(applySql(burdenId, inForce));
}

/** The statement of applyBurdenToIndex, exported so the bench can EXPLAIN it. */
export function applySql(burdenId: string, inForce: boolean): SQL {
  const sign = sql.raw(inForce ? "1" : "-1");
  return sql`
    with b as (select kind, issuer_code, (${weighedFindings(sql`findings`)})::int as flagged from burdens where id = ${burdenId}),
    cells as (
      select unit_code, max(parent_code) as parent_code, max(province_code) as province_code, month, count(*)::int as targets, sum(monthly_minutes) as minutes
      from (${expanded(sql`select unit_path, monthly_minutes, load_from, load_to from burden_targets where burden_id = ${burdenId} and in_force <> ${inForce}`)}) x
      group by unit_code, month
    ),
    issuers as (
      insert into burden_index_issuers (unit_code, province_code, month, issuer_code, burdens, targets, minutes)
      select c.unit_code, c.province_code, c.month, b.issuer_code, ${sign}, ${sign} * c.targets, ${sign} * c.minutes
      from cells c cross join b where ${notVillage(sql`c.unit_code`)}
      order by 1, 3
      on conflict (unit_code, month, issuer_code) do update set burdens = burden_index_issuers.burdens + excluded.burdens,
        targets = burden_index_issuers.targets + excluded.targets, minutes = burden_index_issuers.minutes + excluded.minutes
    )
    insert into burden_index (unit_code, parent_code, province_code, month, kind, burdens, flagged, targets, minutes)
    select c.unit_code, c.parent_code, c.province_code, c.month, b.kind, ${sign}, ${sign} * b.flagged, ${sign} * c.targets, ${sign} * c.minutes
    from cells c cross join b
    order by 1, 4
    on conflict (unit_code, month, kind) do update set burdens = burden_index.burdens + excluded.burdens, flagged = burden_index.flagged + excluded.flagged,
      targets = burden_index.targets + excluded.targets, minutes = burden_index.minutes + excluded.minutes`;
}

/**
 * Rebuilds both rollups from burden_targets, e.g. after a bulk import or to repair them. All target rows
 * of a burden share its load period and kind (target-loads.ts writes them from the burden), so the rows
 * are first summed per (burden, unit on the path) and only those are spread over months: a burden then
 * counts once per unit by plain count(*), with no count(distinct) over every target × level × month.
 */
export async function rebuildIndex(db: Queryable): Promise<void> {
  await db.execute(sql`delete from burden_index_issuers`);
  await db.execute(sql`delete from burden_index`);
  await db.execute(sql`
    with u as materialized (
      select t.burden_id, p.code as unit_code, max(a.codes[p.i - 1]) as parent_code, max(coalesce(a.codes[2], a.codes[1])) as province_code,
             count(*)::int as targets, sum(t.monthly_minutes) as minutes, min(t.load_from) as load_from, max(t.load_to) as load_to
      from burden_targets t
      cross join lateral (select string_to_array(t.unit_path, '.') as codes) a
      cross join lateral unnest(a.codes) with ordinality as p(code, i)
      where t.in_force
      group by t.burden_id, p.code
    ),
    cells as materialized (
      select u.*, b.kind, b.issuer_code, ${weighedFindings(sql`b.findings`)} as flagged, m.month
      from u join burdens b on b.id = u.burden_id
      cross join lateral unnest(array(
        select to_char(g, 'YYYY-MM') from generate_series(date_trunc('month', u.load_from::timestamp), date_trunc('month', u.load_to::timestamp), interval '1 month') g
      )) as m(month)
    ),
    issuers as (
      insert into burden_index_issuers (unit_code, province_code, month, issuer_code, burdens, targets, minutes)
      select unit_code, max(province_code), month, issuer_code, count(*), sum(targets), sum(minutes)
      from cells where ${notVillage(sql`unit_code`)}
      group by unit_code, month, issuer_code
    )
    insert into burden_index (unit_code, parent_code, province_code, month, kind, burdens, flagged, targets, minutes)
    select unit_code, max(parent_code), max(province_code), month, kind, count(*), count(*) filter (where flagged), sum(targets), sum(minutes)
    from cells
    group by unit_code, month, kind`);
}
