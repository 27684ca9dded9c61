import { and, asc, count, desc, eq, gte, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { UnitLevel } from "../../../contracts/roles.js";
import type { CaseCategory, CaseDetail, CaseEvent, CaseStatus, CaseSummary, HandlerRole } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { prepare, preparedSimilarity } from "../../kernel/text-similarity.js";
import { getUnits } from "../org/units.js";
import type { CaseRow } from "./follow.js";
import { NEXT } from "./handling.js";
import { casePolicy } from "./policy.js";
import { reminderKey } from "./reminders.js";
import { tasksOfCase } from "./tasks.js";
import { evidenceOf } from "./evidence.js";
import { caseEvents, cases } from "./schema.js";

/** The cases the actor may read, as SQL: the same sentence as casePolicy.canRead. */
export function readableBy(actor: Actor): SQL | undefined {
  const region = regionPathOf(actor);
  const depth = region.split(".").length;
  return and(
    eq(cases.handlerRole, actor.role),
    pathWithin(cases.handlerRegionPath, region),
    // A case handled in the region itself, or one escalated up to it: written as two index conditions
    // (cases_handler_level_idx, cases_escalated_idx), not as one inequality over every case below.
    or(eq(cases.handlerDepth, depth), and(sql`${cases.escalationLevel} > 0`, sql`${cases.handlerDepth} - ${depth} <= ${cases.escalationLevel}`)),
    sql`not (${region} = ${cases.unitPath} or ${region} like ${cases.unitPath} || '.%')`,
  );
}

type UnitName = { name: string; level: UnitLevel };
const nameOf = (units: Map<string, UnitName>, code: string): UnitName => units.get(code) ?? { name: code, level: "township" };

const summaryOf = (row: CaseRow, unit: UnitName, today: string): CaseSummary => ({
  id: row.id,
  channel: row.channel as CaseSummary["channel"],
  category: row.category as CaseCategory,
  status: row.status as CaseStatus,
  unit: { code: row.unitCode, ...unit },
  handlerRole: row.handlerRole as HandlerRole,
  receivedOn: row.receivedOn,
  deadline: row.deadline,
  overdue: row.deadline !== null && row.deadline < today && row.status !== "closed",
  escalationLevel: row.escalationLevel,
  revisitOn: row.revisitOn,
  dueSoon: row.deadline !== null && row.deadline >= today && row.status !== "closed" && row.remindedFor === reminderKey(row.status, row.deadline),
  assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
});

type Flag = "true" | "false" | undefined;
type ListQuery = { status?: CaseStatus | undefined; overdue?: Flag; revisitDue?: Flag; dueSoon?: Flag; limit: number; offset: number };

export async function listCases(db: Db, actor: Actor, query: ListQuery) {
  if (actor.role !== "office" && actor.role !== "commission") return { items: [], total: 0 };
  const today = chinaToday();
  const where = and(
    readableBy(actor),
    query.status ? eq(cases.status, query.status) : undefined,
    query.overdue === "true" ? and(lt(cases.deadline, today), ne(cases.status, "closed")) : undefined,
    query.revisitDue === "true" ? and(eq(cases.status, "closed"), lte(cases.revisitOn, today)) : undefined,
    query.dueSoon === "true" ? and(ne(cases.status, "closed"), gte(cases.deadline, today), sql`${cases.remindedFor} = ${cases.status} || '@' || ${cases.deadline}`) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(cases).where(where);
  const rows = await db.select().from(cases).where(where).orderBy(asc(cases.deadline), desc(cases.receivedOn)).limit(query.limit).offset(query.offset);
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, { name: u.name, level: u.level }]));
  return { items: rows.map((r) => summaryOf(r, nameOf(names, r.unitCode), today)), total: total?.n ?? 0 };
}

/** How close two reports must read to be offered as the same problem (0..1, jieba words and bigrams). */
const SIMILAR_AT = 0.35;

/** Open cases of the same unit, readable by the actor, whose text reads like this one's: best first, at most 5. */
async function similarOpenCases(db: Db, actor: Actor, row: CaseRow) {
  const others = await db
    .select({ id: cases.id, text: cases.text, receivedOn: cases.receivedOn, status: cases.status })
    .from(cases)
    .where(and(readableBy(actor), eq(cases.unitCode, row.unitCode), ne(cases.status, "closed"), ne(cases.id, row.id)))
    .orderBy(desc(cases.receivedOn))
    .limit(200);
  const mine = prepare(row.text);
  return others
    .map((o) => ({ id: o.id, receivedOn: o.receivedOn, status: o.status as CaseStatus, score: Math.round(preparedSimilarity(mine, prepare(o.text)) * 100) / 100 }))
    .filter((o) => o.score >= SIMILAR_AT)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}

export async function caseDetail(db: Db, actor: Actor, row: CaseRow): Promise<CaseDetail> {
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.seq));
  const [unit] = await getUnits(db, [row.unitCode]);
  const handle = casePolicy.canHandle(actor, row);
  const actions: CaseDetail["actions"] = handle ? ["transition", "assign", "note", "message"] : [];
  if (handle && (row.status === "substantiated" || row.status === "rectifying")) actions.push("task");
  if (casePolicy.canReveal(actor, row) && row.identityCipher) actions.push("reveal");
  return {
    ...summaryOf(row, unit ? { name: unit.name, level: unit.level } : { name: row.unitCode, level: "township" }, chinaToday()),
    text: row.text,
    admissionNumber: row.admissionNumber,
    noAdmission: row.noAdmission,
    anonymous: row.anonymous,
    hasIdentity: row.identityCipher !== null,
    next: handle ? [...NEXT[row.status as CaseStatus]] : [],
    actions,
    tasks: await tasksOfCase(db, row.id),
    evidence: handle ? await evidenceOf(db, row.id) : [],
    similar: handle ? await similarOpenCases(db, actor, row) : [],
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
