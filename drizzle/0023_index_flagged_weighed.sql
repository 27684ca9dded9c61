-- The burden index counts a burden as flagged only when a finding needed judgement (review or block), no
-- longer for info notes (burden-index/rollup.ts, weighedFindings). The rollups are rebuilt once so the
-- figures already kept agree with the new rule; the statement is rollup.ts's rebuildIndex as of this change.
delete from burden_index_issuers;
--> statement-breakpoint
delete from burden_index;
--> statement-breakpoint
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
  select u.*, b.kind, b.issuer_code, jsonb_path_exists(b.findings, '$[*] ? (@.severity == "review" || @.severity == "block")') as flagged, m.month
  from u join burdens b on b.id = u.burden_id
  cross join lateral unnest(array(
    select to_char(g, 'YYYY-MM') from generate_series(date_trunc('month', u.load_from::timestamp), date_trunc('month', u.load_to::timestamp), interval '1 month') g
  )) as m(month)
),
issuers as (
  insert into burden_index_issuers (unit_code, province_code, month, issuer_code, burdens, targets, minutes)
  select unit_code, max(province_code), month, issuer_code, count(*), sum(targets), sum(minutes)
  from cells where not (length(unit_code) = 12 and right(unit_code, 3) <> '000')
  group by unit_code, month, issuer_code
)
insert into burden_index (unit_code, parent_code, province_code, month, kind, burdens, flagged, targets, minutes)
select unit_code, max(parent_code), max(province_code), month, kind, count(*), count(*) filter (where flagged), sum(targets), sum(minutes)
from cells
group by unit_code, month, kind;
