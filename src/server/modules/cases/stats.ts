import { sql } from "drizzle-orm";
import type { CaseCategory, CaseStatistics } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { readableBy } from "./queries.js";
import { caseEvents, cases } from "./schema.js";

/**
 * What the dashboard and the monthly report say of cases 问题线索: those the actor's body handles (the
 * same rule as the list, never the reported unit's chain), received in the period and, when a unit path
 * is given, about units under it: counts by category, the median days to close, open ones overdue today.
 */
export async function caseStatistics(db: Db, actor: Actor, q: { from: string; to: string; today: string; underPath?: string }): Promise<CaseStatistics> {
  authorize(actor.role === "office" || actor.role === "commission");
  const under = q.underPath ? sql`and (${cases.unitPath} = ${q.underPath} or ${cases.unitPath} like ${`${q.underPath}.%`})` : sql``;
  const { rows } = await db.execute<{ category: CaseCategory; received: number; closed: number; substantiated: number }>(sql`
    select ${cases.category} as category, count(*)::int as received, count(*) filter (where ${cases.status} = 'closed')::int as closed,
      count(*) filter (where exists (select 1 from ${caseEvents} e where e.case_id = ${cases.id} and e.status = 'substantiated'))::int as substantiated
    from ${cases} where ${readableBy(actor)} and ${cases.receivedOn} between ${q.from} and ${q.to} ${under}
    group by 1 order by 2 desc`);
  const { rows: median } = await db.execute<{ days: number | null }>(sql`
    select percentile_cont(0.5) within group (order by (c.closed_on - ${cases.receivedOn})) as days
    from ${cases} cross join lateral (select max(e."on") as closed_on from ${caseEvents} e where e.case_id = ${cases.id} and e.status = 'closed') c
    where ${readableBy(actor)} and ${cases.receivedOn} between ${q.from} and ${q.to} and ${cases.status} = 'closed' and c.closed_on is not null ${under}`);
  const { rows: overdue } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${cases} where ${readableBy(actor)} and ${cases.status} <> 'closed' and ${cases.deadline} < ${q.today} ${under}`);
  const days = median[0]?.days;
  return {
    from: q.from,
    to: q.to,
    received: rows.reduce((n, r) => n + r.received, 0),
    closed: rows.reduce((n, r) => n + r.closed, 0),
    substantiated: rows.reduce((n, r) => n + r.substantiated, 0),
    medianDaysToClose: days === null || days === undefined ? null : Math.round(Number(days) * 10) / 10,
    overdue: overdue[0]?.n ?? 0,
    byCategory: rows.map((r) => ({ category: r.category, received: r.received, closed: r.closed })),
  };
}
