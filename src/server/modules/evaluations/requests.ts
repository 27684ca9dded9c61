import { and, count, desc, eq, or } from "drizzle-orm";
import type { EvaluationCategory, EvaluationRequest, EvaluationRequestInput, EvaluationWithdrawal } from "../../../contracts/evaluations.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { addRegisterEntries, loadRegisters, withdrawRegisterEntry } from "../burdens/gate/settings.js";
import { getUnit, getUnits } from "../org/units.js";
import { evaluationPolicy } from "./policy.js";
import { evaluationRequests } from "./schema.js";

type Row = typeof evaluationRequests.$inferSelect;
const who = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** The region whose office approves an issuer's evaluations: a department's own level, a township's or village's county. */
export function approvingRegionPath(issuer: { path: string; level: string }): string {
  if (issuer.level === "department") return issuer.path.split(".").slice(0, -1).join(".");
  if (issuer.level === "township" || issuer.level === "village") return issuer.path.split(".").slice(0, 4).join(".");
  return issuer.path;
}

async function unitOrFail(db: Queryable, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  return unit;
}

/** An issuer asks for an evaluation, demonstration or festival 评比创建申请; the office of its region decides. */
export async function requestEvaluation(db: Db, actor: Actor, input: EvaluationRequestInput): Promise<string> {
  const issuer = await unitOrFail(db, input.issuer);
  authorize(evaluationPolicy.canRequest(actor, issuer));
  const region = await unitOrFail(db, approvingRegionPath(issuer).split(".").at(-1)!);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationRequests)
      .values({ regionCode: region.code, regionPath: region.path, year: input.year, issuerCode: issuer.code, issuerPath: issuer.path, title: input.title, category: input.category, reason: input.reason, requestedBy: actor.displayName })
      .returning({ id: evaluationRequests.id });
    await recordAudit(tx, { actor: who(actor), action: "evaluations.request", entityType: "evaluation_request", entityId: row!.id, scopePath: region.path, detail: { title: input.title, category: input.category, year: input.year } });
    return row!.id;
  });
}

export async function loadRequest(db: Queryable, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(evaluationRequests).where(eq(evaluationRequests.id, id));
  if (!row || !evaluationPolicy.canReadRequest(actor, row)) throw new AppError("EVALUATION_REQUEST_NOT_FOUND");
  return row;
}

/**
 * The office approves (the item joins the approved list the gate's UNAPPROVED_EVALUATION reads, under its
 * approval code) or rejects with a reason. Both in one transaction with the audit entry.
 */
export async function decideRequest(db: Db, actor: Actor, id: string, d: { decision: "approve" | "reject"; reason: string; approvalCode?: string | undefined }): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadRequest(tx, actor, id);
    authorize(evaluationPolicy.canDecide(actor, { path: row.regionPath }));
    if (row.status !== "pending") throw new AppError("EVALUATION_ALREADY_DECIDED", { status: row.status });
    let code: string | null = null;
    if (d.decision === "approve") {
      const listed = (await loadRegisters(tx, row.regionPath, row.year)).approvedEvaluations;
      const [n] = await tx.select({ n: count() }).from(evaluationRequests).where(and(eq(evaluationRequests.regionCode, row.regionCode), eq(evaluationRequests.year, row.year), eq(evaluationRequests.status, "approved")));
      code = d.approvalCode ?? `${row.regionCode}-PB-${row.year}-${String((n?.n ?? 0) + listed.length + 1).padStart(3, "0")}`;
      if (listed.some((e) => e.code === code)) throw new AppError("EVALUATION_CODE_TAKEN", { code, year: row.year });
      const region = await unitOrFail(tx, row.regionCode);
      await addRegisterEntries(tx, { actor, region, year: row.year, register: "evaluation_list", entries: [{ code, title: row.title }] });
    }
    await tx
      .update(evaluationRequests)
      .set({ status: d.decision === "approve" ? "approved" : "rejected", approvalCode: code, decisionReason: d.reason, decidedBy: actor.displayName, decidedAt: new Date() })
      .where(eq(evaluationRequests.id, id));
    await recordAudit(tx, { actor: who(actor), action: `evaluations.${d.decision}`, entityType: "evaluation_request", entityId: id, scopePath: row.regionPath, detail: { title: row.title, approvalCode: code, reason: d.reason } });
  });
}

/**
 * The office takes an approved item off the list 撤出清单: the entry kept by its region (or one below it)
 * leaves the gate's register, the request that put it there (if any: an imported list has none) is marked
 * withdrawn, both audited with the reason in one transaction. UNAPPROVED_EVALUATION then flags a new
 * burden citing the code; burdens already admitted keep their admission.
 */
export async function withdrawApproved(db: Db, actor: Actor, w: EvaluationWithdrawal): Promise<void> {
  const region = regionPathOf(actor);
  authorize(evaluationPolicy.canDecide(actor, { path: region }));
  await db.transaction(async (tx) => {
    const removed = await withdrawRegisterEntry(tx, { actor, underPath: region, year: w.year, register: "evaluation_list", code: w.code, reason: w.reason });
    if (removed.length === 0) throw new AppError("EVALUATION_NOT_ON_LIST", { code: w.code, year: w.year });
    const requests = await tx
      .update(evaluationRequests)
      .set({ status: "withdrawn", withdrawReason: w.reason, withdrawnBy: actor.displayName, withdrawnAt: new Date() })
      .where(and(eq(evaluationRequests.year, w.year), eq(evaluationRequests.approvalCode, w.code), eq(evaluationRequests.status, "approved"), pathWithin(evaluationRequests.regionPath, region)))
      .returning({ id: evaluationRequests.id });
    await recordAudit(tx, { actor: who(actor), action: "evaluations.withdraw", entityType: "evaluation_list", entityId: `${w.year}/${w.code}`, scopePath: removed[0]!.regionPath, detail: { code: w.code, title: removed[0]!.title, reason: w.reason, requests: requests.map((r) => r.id) } });
  });
}

export async function presentRequests(db: Queryable, actor: Actor, rows: Row[]): Promise<EvaluationRequest[]> {
  const names = new Map((await getUnits(db, [...new Set(rows.flatMap((r) => [r.regionCode, r.issuerCode]))])).map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    region: { code: r.regionCode, name: names.get(r.regionCode) ?? r.regionCode },
    issuer: { code: r.issuerCode, name: names.get(r.issuerCode) ?? r.issuerCode },
    title: r.title,
    category: r.category as EvaluationCategory,
    reason: r.reason,
    status: r.status as EvaluationRequest["status"],
    approvalCode: r.approvalCode,
    decisionReason: r.decisionReason,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy,
    withdrawReason: r.withdrawReason,
    withdrawnBy: r.withdrawnBy,
    can: !evaluationPolicy.canDecide(actor, { path: r.regionPath }) ? [] : r.status === "pending" ? ["decide"] : r.status === "approved" ? ["withdraw"] : [],
  }));
}

export async function requestsOfYear(db: Queryable, actor: Actor, year: number): Promise<Row[]> {
  const region = regionPathOf(actor);
  return db
    .select()
    .from(evaluationRequests)
    .where(and(eq(evaluationRequests.year, year), or(pathWithin(evaluationRequests.issuerPath, region), actor.role === "village_cadre" || actor.role === "township_official" ? undefined : pathWithin(evaluationRequests.regionPath, region))))
    .orderBy(desc(evaluationRequests.createdAt));
}
