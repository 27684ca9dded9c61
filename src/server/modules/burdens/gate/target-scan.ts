import { sql } from "drizzle-orm";
import type { BurdenInput } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import { executeBuilt } from "../../../db/named.js";
import { anyText } from "../../../db/sql-helpers.js";
import { firstDayOf, lastDayOf, periodOf } from "../../../kernel/periods.js";
import { burdens, burdenTargets } from "../schema.js";
import { CANDIDATES, duplicateWindowStart, type Candidate } from "../similar.js";

/**
 * The targets' entries in the load index 负担对象, read once for two of the gate's questions: the minutes
 * already imposed on each target in the month of the deadline (QUOTA_EXCEEDED), and the admitted burdens
 * sharing most targets, the duplicate candidates (DUPLICATE_REQUEST). A county form's ~140 villages hold
 * ~3,200 entries; reading them twice was a fifth of PostgreSQL's time per check (ADR 0016).
 */
export type TargetScan = { minutesByCode: Map<string, number>; candidates: Candidate[] };

const p = sql.placeholder;

/** The scan, its values as placeholders (db/named.ts builds it once). */
function scanStatement(except: boolean) {
  const t = burdenTargets;
  // One pass over the entries feeds both aggregates (grouping sets): a materialized list of them, read
  // twice, had cost a county form about a millisecond more of its ~4.6 (ADR 0016, second addendum).
  return sql`
    with sums as (
      select ${t.unitCode} as unit_code, ${t.burdenId} as burden_id, grouping(${t.burdenId}) as per_unit,
             count(*) filter (where ${t.loadTo} >= ${p("since")}::date)::int as shared,
             sum(${t.monthlyMinutes}) filter (where ${t.loadTo} >= ${p("monthStart")}::date and ${t.loadFrom} <= ${p("monthEnd")}::date)::float8 as minutes
      from ${t}
      where ${t.inForce} and ${anyText(t.unitCode, p("codes"))} and ${t.loadTo} >= ${p("from")}::date
        ${except ? sql`and ${t.burdenId} <> ${p("excludeId")}` : sql``}
      group by grouping sets ((${t.unitCode}), (${t.burdenId}))
    ), top as (
      select burden_id, shared from sums where per_unit = 0 and shared > 0 order by shared desc limit ${p("candidates")}
    )
    select null::text as unit_code, null::float8 as minutes, top.burden_id::text as id, top.shared, b.similarity_signature as signature
    from top join ${burdens} b on b.id = top.burden_id
    union all
    select unit_code, minutes, null, null, null from sums where per_unit = 1 and minutes is not null`;
}

export async function scanTargets(db: Db, args: { input: BurdenInput; codes: string[]; excludeId?: string }): Promise<TargetScan> {
  const month = periodOf(args.input.deadline);
  const [monthStart, monthEnd] = [firstDayOf(month), lastDayOf(month)];
  const since = duplicateWindowStart(args.input);
  // Both questions read entries in force whose load lasts until `from` or later: the earlier of the two bounds.
  const from = since < monthStart ? since : monthStart;
  const { rows } = await executeBuilt<{ unit_code: string | null; minutes: number | null; id: string | null; shared: number | null; signature: Uint8Array | null }>(
    db,
    args.excludeId ? "gate_target_scan_except" : "gate_target_scan",
    () => scanStatement(!!args.excludeId),
    { since, monthStart, monthEnd, codes: args.codes, from, candidates: CANDIDATES, ...(args.excludeId ? { excludeId: args.excludeId } : {}) },
  );
  const minutesByCode = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const r of rows) {
    if (r.unit_code !== null) minutesByCode.set(r.unit_code, Math.round(Number(r.minutes)));
    else if (r.id !== null) candidates.push({ id: r.id, shared: Number(r.shared), signature: r.signature });
  }
  // Sharing most first, as the candidates were chosen (the join need not keep their order).
  candidates.sort((a, b) => b.shared - a.shared);
  return { minutesByCode, candidates };
}
