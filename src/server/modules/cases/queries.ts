import { and, asc, count, desc, eq, lt, ne, sql, type SQL } from "drizzle-orm";
import type { CaseCategory, CaseDetail, CaseEvent, CaseStatus, CaseSummary, HandlerRole } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { getUnits } from "../org/units.js";
import type { CaseRow } from "./follow.js";
import { NEXT } from "./handling.js";
import { casePolicy } from "./policy.js";
import { caseEvents, cases } from "./schema.js";

/** The cases the actor may read, as SQL: the same sentence as casePolicy.canRead. */
export function readableBy(actor: Actor): SQL | undefined {
  const region = regionPathOf(actor);
  const depth = region.split(".").length;
  return and(
    eq(cases.handlerRole, actor.role),
    pathWithin(cases.handlerRegionPath, region),
    sql`${cases.handlerDepth} - ${depth} <= ${cases.escalationLevel}`,
    sql`not (${region} = ${cases.unitPath} or ${region} like ${cases.unitPath} || '.%')`,
  );
}

const summaryOf = (row: CaseRow, unitName: string, today: string): CaseSummary => ({
  id: row.id,
  channel: row.channel as CaseSummary["channel"],
  category: row.category as CaseCategory,
  status: row.status as CaseStatus,
  unit: { code: row.unitCode, name: unitName },
  handlerRole: row.handlerRole as HandlerRole,
  receivedOn: row.receivedOn,
  deadline: row.deadline,
  overdue: row.deadline !== null && row.deadline < today && row.status !== "closed",
  escalationLevel: row.escalationLevel,
  assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
});

export async function listCases(db: Db, actor: Actor, query: { status?: CaseStatus | undefined; overdue?: "true" | "false" | undefined; limit: number; offset: number }) {
  if (actor.role !== "office" && actor.role !== "commission") return { items: [], total: 0 };
  const today = chinaToday();
  const where = and(
    readableBy(actor),
    query.status ? eq(cases.status, query.status) : undefined,
    query.overdue === "true" ? and(lt(cases.deadline, today), ne(cases.status, "closed")) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(cases).where(where);
  const rows = await db.select().from(cases).where(where).orderBy(asc(cases.deadline), desc(cases.receivedOn)).limit(query.limit).offset(query.offset);
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, u.name]));
  return { items: rows.map((r) => summaryOf(r, names.get(r.unitCode) ?? r.unitCode, today)), total: total?.n ?? 0 };
}

export async function caseDetail(db: Db, actor: Actor, row: CaseRow): Promise<CaseDetail> {
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.seq));
  const [unit] = await getUnits(db, [row.unitCode]);
  const handle = casePolicy.canHandle(actor, row);
  const actions: CaseDetail["actions"] = handle ? ["transition", "assign", "note", "message"] : [];
  if (casePolicy.canReveal(actor, row) && row.identityCipher) actions.push("reveal");
  return {
    ...summaryOf(row, unit?.name ?? row.unitCode, chinaToday()),
    text: row.text,
    admissionNumber: row.admissionNumber,
    noAdmission: row.noAdmission,
    anonymous: row.anonymous,
    hasIdentity: row.identityCipher !== null,
    next: handle ? [...NEXT[row.status as CaseStatus]] : [],
    actions,
    events: events.map(
      (e): CaseEvent => ({
        on: e.on,
        at: e.at?.toISOString() ?? null,
        kind: e.kind as CaseEvent["kind"],
        from: e.author as CaseEvent["from"],
        actorName: e.actorName,
        status: (e.status as CaseStatus | null) ?? null,
        text: e.body,
        visibleToReporter: e.visibleToReporter,
      }),
    ),
  };
}
