import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { CaseStatus, Identity } from "../../../contracts/cases.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUserById } from "../org/users.js";
import { IdentityTamperedError, openIdentity, type ReporterKeys } from "./crypto.js";
import { deadlineFor } from "./deadlines.js";
import { handlerEvent } from "./events.js";
import type { CaseRow } from "./follow.js";
import { casePolicy } from "./policy.js";
import { cases } from "./schema.js";
import { openTaskCount } from "./tasks.js";

/** The states a case may move to from each state; a verified or closed case may be reopened (fake rectification, rebound). */
export const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ["verifying"],
  verifying: ["substantiated", "unsubstantiated"],
  substantiated: ["rectifying"],
  unsubstantiated: ["closed", "verifying"],
  rectifying: ["verified"],
  verified: ["closed", "rectifying"],
  closed: ["rectifying"],
};

const audit = (tx: Parameters<typeof recordAudit>[0], actor: Actor | null, action: string, row: CaseRow, detail: Record<string, unknown> = {}) =>
  recordAudit(tx, { actor: actor && { id: actor.id, name: actor.displayName }, action, entityType: "case", entityId: row.id, scopePath: row.handlerRegionPath, detail });

/** A case the actor may read; any other is "not found", whether it exists or not. */
export async function loadCaseFor(db: Db, actor: Actor, id: string): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row || !casePolicy.canRead(actor, row)) throw new AppError("CASE_NOT_FOUND");
  return row;
}

/** Days after closing a rectified case when it is looked at again for a rebound 反弹. */
export const REVISIT_AFTER_DAYS = 90;

/**
 * Moves a case on; the new state's deadline counts working days from today by the region's settings.
 * Closing a rectified case schedules its revisit; reopening it (a fake rectification, a rebound) clears it.
 */
export async function transitionCase(db: Db, args: { actor: Actor; row: CaseRow; to: CaseStatus; reason: string; today?: string }): Promise<void> {
  const { actor, row, to, reason } = args;
  authorize(casePolicy.canHandle(actor, row));
  const from = row.status as CaseStatus;
  if (!NEXT[from].includes(to)) throw new AppError("CASE_WRONG_TRANSITION", { from, to });
  // The office verifies a rectification only once the responsible unit has answered every task.
  const open = to === "verified" ? await openTaskCount(db, row.id) : 0;
  if (open > 0) throw new AppError("CASE_TASKS_OPEN", { count: open });
  // The clock's day; the demo's history of past cases passes its own.
  const today = args.today ?? chinaToday();
  const deadline = await deadlineFor(db, row.handlerRegionPath, to, today);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(cases)
      .set({ status: to, deadline, revisitOn: to === "closed" && from === "verified" ? addDays(today, REVISIT_AFTER_DAYS) : null })
      .where(and(eq(cases.id, row.id), eq(cases.status, from)))
      .returning({ id: cases.id });
    // Someone else moved it first: the actor decided on a state that is no longer there.
    if (updated.length === 0) throw new AppError("CASE_WRONG_TRANSITION", { from, to });
    await handlerEvent(tx, row.id, actor, today, { kind: "status", status: to, body: reason, visibleToReporter: true });
    await audit(tx, actor, "case.transition", row, { from, to, reason });
  });
}

export async function assignCase(db: Db, args: { actor: Actor; row: CaseRow; userId: string }): Promise<void> {
  const { actor, row } = args;
  authorize(casePolicy.canHandle(actor, row));
  const assignee = await getUserById(db, args.userId);
  if (!assignee || !casePolicy.canBeAssigned(assignee, row)) throw new AppError("CASE_ASSIGNEE_INVALID");
  await db.transaction(async (tx) => {
    await tx.update(cases).set({ assigneeId: assignee.id, assigneeName: assignee.displayName }).where(eq(cases.id, row.id));
    await handlerEvent(tx, row.id, actor, chinaToday(), { kind: "assigned", body: assignee.displayName, visibleToReporter: false });
    await audit(tx, actor, "case.assign", row, { assigneeId: assignee.id });
  });
}

/** An internal note (never shown to the reporter) or a message the reporter reads with his receipt. */
export async function writeToCase(db: Db, args: { actor: Actor; row: CaseRow; text: string; kind: "note" | "message" }): Promise<void> {
  const { actor, row, kind } = args;
  authorize(casePolicy.canHandle(actor, row));
  await db.transaction(async (tx) => {
    await handlerEvent(tx, row.id, actor, chinaToday(), { kind, body: args.text, visibleToReporter: kind === "message" });
    await audit(tx, actor, kind === "note" ? "case.note" : "case.message", row, { length: args.text.length });
  });
}

/** Reads who reported: only the handling body, only with a reason, always audited (a failed integrity check too). */
export async function revealIdentity(db: Db, keys: ReporterKeys, args: { actor: Actor; row: CaseRow; reason: string }): Promise<Identity> {
  const { actor, row, reason } = args;
  authorize(casePolicy.canReveal(actor, row));
  if (!row.identityCipher) throw new AppError("CASE_NO_IDENTITY");
  let plain: string;
  try {
    plain = openIdentity(keys, row.id, row.identityCipher);
  } catch (err) {
    if (!(err instanceof IdentityTamperedError)) throw err;
    await db.transaction((tx) => audit(tx, actor, "case.identity_tampered", row, { reason }));
    throw new AppError("IDENTITY_UNREADABLE");
  }
  await db.transaction(async (tx) => {
    await handlerEvent(tx, row.id, actor, chinaToday(), { kind: "identity_revealed", body: reason, visibleToReporter: false });
    await audit(tx, actor, "case.identity_revealed", row, { reason });
  });
  const identity = JSON.parse(plain) as { kind: "user" | "contact"; username?: string; displayName?: string; unitCode?: string; contact?: string };
  return {
    kind: identity.kind,
    username: identity.username ?? null,
    displayName: identity.displayName ?? null,
    unitCode: identity.unitCode ?? null,
    contact: identity.contact ?? null,
  };
}

/**
 * Escalates every case past its deadline one level up (once per missed deadline), so the same body of
 * the region above sees it and can act. Called by the hourly timer and by tests with a chosen day.
 */
export async function escalateOverdue(db: Db, today: string = chinaToday(), batch = 500): Promise<number> {
  const due = await db
    .select()
    .from(cases)
    .where(
      and(
        ne(cases.status, "closed"),
        lt(cases.deadline, today),
        or(isNull(cases.lastEscalatedDeadline), ne(cases.lastEscalatedDeadline, cases.deadline)),
        // No higher than the province: depth 2 is the province's path (nation.province).
        sql`${cases.handlerDepth} - ${cases.escalationLevel} > 2`,
      ),
    )
    .limit(batch);
  for (const row of due) {
    await db.transaction(async (tx) => {
      await tx.update(cases).set({ escalationLevel: row.escalationLevel + 1, lastEscalatedDeadline: row.deadline }).where(eq(cases.id, row.id));
      await handlerEvent(tx, row.id, null, today, { kind: "escalated", body: `${row.status} ${row.deadline}`, visibleToReporter: false });
      await audit(tx, null, "case.escalated", row, { level: row.escalationLevel + 1, deadline: row.deadline, status: row.status });
    });
  }
  return due.length;
}
