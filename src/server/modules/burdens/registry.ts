import { and, eq, sql } from "drizzle-orm";
import { ZBurdenInput, type BurdenInput, type BurdenStatus } from "../../../contracts/burdens.js";
import type { Db, Tx } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { applyBurdenToIndex } from "../burden-index/rollup.js";
import { getUnit } from "../org/units.js";
import { formatAdmissionNumber } from "./admission-number.js";
import { burdenPolicy } from "./policy.js";
import { prepareBurden, type Prepared } from "./prepare.js";
import { admissionSequences, burdenEvents, burdens, burdenTargets } from "./schema.js";
import { similarityColumnsOf } from "./similar.js";
import { loadOf, setInForce } from "./target-loads.js";

type BurdenRow = typeof burdens.$inferSelect;
const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** The burden as its issuer wrote it, rebuilt from the row so the gate can run on it again. */
export const inputOf = (row: BurdenRow): BurdenInput =>
  ZBurdenInput.parse({
    kind: row.kind,
    issuer: row.issuerCode,
    targets: row.targetSpec,
    title: row.title,
    text: row.text,
    issuedOn: row.issuedOn,
    deadline: row.deadline,
    frequency: row.frequency,
    minutesPerTarget: row.minutesPerTarget,
    parentId: row.parentId ?? undefined,
    quantity: row.quantity ?? undefined,
    dutyItem: row.dutyItem ?? undefined,
    details: row.details,
  });

const columnsOf = (input: BurdenInput, prepared: Prepared) => ({
  kind: input.kind,
  issuerCode: prepared.issuer.code,
  issuerPath: prepared.issuer.path,
  provinceCode: prepared.issuer.provinceCode,
  title: input.title,
  text: input.text,
  issuedOn: input.issuedOn,
  deadline: input.deadline,
  frequency: input.frequency,
  minutesPerTarget: input.minutesPerTarget,
  targetSpec: input.targets,
  targetCount: prepared.targets.length,
  parentId: input.parentId ?? null,
  quantity: input.quantity ?? null,
  dutyItem: input.dutyItem ?? null,
  details: input.details,
  findings: prepared.findings,
  yearlyMinutes: prepared.yearlyMinutes,
  ...similarityColumnsOf(input),
});

async function writeTargets(tx: Tx, burdenId: string, input: BurdenInput, prepared: Prepared) {
  await tx.delete(burdenTargets).where(eq(burdenTargets.burdenId, burdenId));
  const load = loadOf(input);
  for (let i = 0; i < prepared.targets.length; i += 2000) {
    const chunk = prepared.targets.slice(i, i + 2000);
    await tx.insert(burdenTargets).values(chunk.map((t) => ({ burdenId, unitCode: t.code, unitPath: t.path, provinceCode: t.provinceCode, ...load })));
  }
}

async function logEvent(tx: Tx, e: { burdenId: string; actor: Actor; from: BurdenStatus | null; to: BurdenStatus; reason?: string | null }) {
  await tx.insert(burdenEvents).values({ burdenId: e.burdenId, actorId: e.actor.id, actorName: e.actor.displayName, fromStatus: e.from, toStatus: e.to, reason: e.reason ?? null });
}

/** The moment of a step: now, or the morning (Beijing time) of the day a demo's history passes. */
const momentOf = (today: string | undefined) => (today ? new Date(`${today}T09:00:00+08:00`) : new Date());

/**
 * Registers a draft; the gate's findings come back at once so the issuer sees them while writing.
 * `today` (default: now) is the day the gate judges by; the demo's history passes the day of issue.
 */
export async function createBurden(db: Db, args: { actor: Actor; input: BurdenInput; today?: string }) {
  const prepared = await prepareBurden(db, args);
  const id = await db.transaction(async (tx) => {
    // A history's burden is listed among those of its day, not above today's.
    const createdAt = momentOf(args.today);
    const [row] = await tx.insert(burdens).values({ ...columnsOf(args.input, prepared), status: "draft", createdBy: args.actor.id, createdAt, updatedAt: createdAt }).returning({ id: burdens.id });
    if (!row) throw new AppError("INTERNAL");
    await writeTargets(tx, row.id, args.input, prepared);
    await logEvent(tx, { burdenId: row.id, actor: args.actor, from: null, to: "draft" });
    await recordAudit(tx, {
      actor: auditActor(args.actor),
      action: "burden.create",
      entityType: "burden",
      entityId: row.id,
      scopePath: prepared.issuer.path,
      detail: { kind: args.input.kind, title: args.input.title, targets: prepared.targets.length },
    });
    return row.id;
  });
  return { id, status: "draft" as const, prepared };
}

/**
 * Records a burden already carried out — a meeting held before it reached the register. It was never
 * asked through the gate, so it gets no admission number (a number vouches that a burden may be asked);
 * but it still passes the gate as of the day it was issued (the issuer may issue in that name, the
 * targets lie in its reach, the findings a department would have seen), and is written as run its
 * course ("expired") with those findings, loading its targets and the burden index like any held burden.
 */
export async function recordHeldBurden(db: Db, args: { actor: Actor; input: BurdenInput; reason: string; today?: string }) {
  if (args.input.deadline >= (args.today ?? chinaToday())) throw new AppError("HELD_NOT_PAST", { date: args.input.deadline });
  const prepared = await prepareBurden(db, { actor: args.actor, input: args.input, today: args.input.issuedOn });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(burdens)
      .values({ ...columnsOf(args.input, prepared), status: "expired", decisionReason: args.reason, createdBy: args.actor.id })
      .returning({ id: burdens.id });
    if (!row) throw new AppError("INTERNAL");
    await writeTargets(tx, row.id, args.input, prepared);
    await applyBurdenToIndex(tx, row.id, true);
    await setInForce(tx, row.id, true);
    await logEvent(tx, { burdenId: row.id, actor: args.actor, from: null, to: "expired", reason: args.reason });
    await recordAudit(tx, {
      actor: auditActor(args.actor),
      action: "burden.record_held",
      entityType: "burden",
      entityId: row.id,
      scopePath: prepared.issuer.path,
      detail: { kind: args.input.kind, title: args.input.title, targets: prepared.targets.length, findings: prepared.findings.map((f) => f.code) },
    });
    return { id: row.id, status: "expired" as const, findings: prepared.findings };
  });
}

async function lockBurden(tx: Tx, id: string): Promise<BurdenRow> {
  const [row] = await tx.select().from(burdens).where(eq(burdens.id, id)).for("update");
  if (!row) throw new AppError("BURDEN_NOT_FOUND");
  return row;
}

async function loadIssuerFor(db: Db, actor: Actor, row: BurdenRow) {
  const issuer = await getUnit(db, row.issuerCode);
  if (!issuer || !burdenPolicy.canRead(actor, { issuerCode: row.issuerCode, issuerPath: row.issuerPath, status: row.status }, false)) {
    throw new AppError("BURDEN_NOT_FOUND");
  }
  authorize(burdenPolicy.canIssueAs(actor, issuer), "NOT_ISSUER", { issuer: issuer.name });
  return issuer;
}

/** A draft or a returned burden is changed by its issuer and checked again. */
export async function updateBurden(db: Db, args: { actor: Actor; id: string; input: BurdenInput }) {
  const [current] = await db.select().from(burdens).where(eq(burdens.id, args.id));
  if (!current) throw new AppError("BURDEN_NOT_FOUND");
  await loadIssuerFor(db, args.actor, current);
  const prepared = await prepareBurden(db, { ...args, excludeId: args.id });
  await db.transaction(async (tx) => {
    const row = await lockBurden(tx, args.id);
    if (row.status !== "draft" && row.status !== "returned") throw new AppError("WRONG_STATUS", { status: row.status, action: "changed" });
    await tx.update(burdens).set({ ...columnsOf(args.input, prepared), status: "draft", updatedAt: new Date() }).where(eq(burdens.id, args.id));
    await writeTargets(tx, args.id, args.input, prepared);
    if (row.status !== "draft") await logEvent(tx, { burdenId: args.id, actor: args.actor, from: row.status as BurdenStatus, to: "draft" });
    await recordAudit(tx, { actor: auditActor(args.actor), action: "burden.update", entityType: "burden", entityId: args.id, scopePath: prepared.issuer.path, detail: { title: args.input.title } });
  });
  return { id: args.id, status: "draft" as const, prepared };
}

/** Gives the next admission number of the issuer's region for the year, atomically. */
async function nextAdmissionNumber(tx: Tx, issuerCode: string, year: number): Promise<string> {
  const regionCode = issuerCode.slice(0, 6);
  const result = await tx.execute<{ seq: number }>(sql`
    insert into ${admissionSequences} (region_code, year, next) values (${regionCode}, ${year}, 2)
    on conflict (region_code, year) do update set next = ${admissionSequences.next} + 1
    returning next - 1 as seq`);
  const seq = Number(result.rows[0]?.seq);
  return formatAdmissionNumber(regionCode, year, seq);
}

async function admit(tx: Tx, id: string, year: number, issuerCode: string, reason: string | null, today?: string) {
  const admissionNumber = await nextAdmissionNumber(tx, issuerCode, year);
  await tx.update(burdens).set({ status: "admitted", admissionNumber, admittedAt: momentOf(today), decisionReason: reason, updatedAt: new Date() }).where(eq(burdens.id, id));
  await applyBurdenToIndex(tx, id, true);
  await setInForce(tx, id, true);
  return admissionNumber;
}

/** Submits to the gate: admitted with a number, returned with findings, or sent to the office's review. */
export async function submitBurden(db: Db, args: { actor: Actor; id: string; today?: string }) {
  const [current] = await db.select().from(burdens).where(eq(burdens.id, args.id));
  if (!current) throw new AppError("BURDEN_NOT_FOUND");
  await loadIssuerFor(db, args.actor, current);
  if (current.status !== "draft" && current.status !== "returned") throw new AppError("WRONG_STATUS", { status: current.status, action: "submitted" });
  const prepared = await prepareBurden(db, { actor: args.actor, input: inputOf(current), excludeId: args.id, ...(args.today ? { today: args.today } : {}) });
  return db.transaction(async (tx) => {
    const row = await lockBurden(tx, args.id);
    if (row.status !== current.status) throw new AppError("WRONG_STATUS", { status: row.status, action: "submitted" });
    await logEvent(tx, { burdenId: args.id, actor: args.actor, from: row.status as BurdenStatus, to: "submitted" });
    await tx.update(burdens).set({ status: prepared.outcome, findings: prepared.findings, updatedAt: new Date() }).where(eq(burdens.id, args.id));
    const admissionNumber = prepared.outcome === "admitted" ? await admit(tx, args.id, Number(row.issuedOn.slice(0, 4)), row.issuerCode, null, args.today) : null;
    await logEvent(tx, { burdenId: args.id, actor: args.actor, from: "submitted", to: prepared.outcome });
    await recordAudit(tx, {
      actor: auditActor(args.actor),
      action: "burden.submit",
      entityType: "burden",
      entityId: args.id,
      scopePath: row.issuerPath,
      detail: { outcome: prepared.outcome, admissionNumber, findings: prepared.findings.map((f) => f.code) },
    });
    return { id: args.id, status: prepared.outcome, findings: prepared.findings, admissionNumber };
  });
}

/** The 减负办 admits or returns what the gate sent to review, always with a written reason. */
export async function decideBurden(db: Db, args: { actor: Actor; id: string; decision: "admit" | "return"; reason: string; today?: string }) {
  return db.transaction(async (tx) => {
    const row = await lockBurden(tx, args.id);
    const access = { issuerCode: row.issuerCode, issuerPath: row.issuerPath, status: row.status };
    if (!burdenPolicy.canRead(args.actor, access, false)) throw new AppError("BURDEN_NOT_FOUND");
    authorize(burdenPolicy.canDecide(args.actor, access));
    if (row.status !== "in_review") throw new AppError("WRONG_STATUS", { status: row.status, action: "decided" });
    let admissionNumber: string | null = null;
    if (args.decision === "admit") admissionNumber = await admit(tx, args.id, Number(row.issuedOn.slice(0, 4)), row.issuerCode, args.reason, args.today);
    else await tx.update(burdens).set({ status: "returned", decisionReason: args.reason, updatedAt: new Date() }).where(eq(burdens.id, args.id));
    const to: BurdenStatus = args.decision === "admit" ? "admitted" : "returned";
    await logEvent(tx, { burdenId: args.id, actor: args.actor, from: "in_review", to, reason: args.reason });
    await recordAudit(tx, { actor: auditActor(args.actor), action: `burden.${args.decision}`, entityType: "burden", entityId: args.id, scopePath: row.issuerPath, detail: { reason: args.reason, admissionNumber } });
    return { id: args.id, status: to, admissionNumber };
  });
}

const WITHDRAWABLE = new Set(["draft", "in_review", "admitted", "returned"]);

export async function withdrawBurden(db: Db, args: { actor: Actor; id: string; reason: string }) {
  const [current] = await db.select().from(burdens).where(eq(burdens.id, args.id));
  if (!current) throw new AppError("BURDEN_NOT_FOUND");
  await loadIssuerFor(db, args.actor, current);
  return db.transaction(async (tx) => {
    const row = await lockBurden(tx, args.id);
    if (!WITHDRAWABLE.has(row.status)) throw new AppError("WRONG_STATUS", { status: row.status, action: "withdrawn" });
    await tx.update(burdens).set({ status: "withdrawn", decisionReason: args.reason, updatedAt: new Date() }).where(eq(burdens.id, args.id));
    if (row.status === "admitted") {
      await applyBurdenToIndex(tx, args.id, false);
      await setInForce(tx, args.id, false);
    }
    await logEvent(tx, { burdenId: args.id, actor: args.actor, from: row.status as BurdenStatus, to: "withdrawn", reason: args.reason });
    await recordAudit(tx, { actor: auditActor(args.actor), action: "burden.withdraw", entityType: "burden", entityId: args.id, scopePath: row.issuerPath, detail: { reason: args.reason } });
    return { id: args.id, status: "withdrawn" as const };
  });
}

/** One-off burdens whose deadline has passed are expired; run at start and then hourly. */
export async function expireOverdue(db: Db, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(burdens)
      .set({ status: "expired", updatedAt: new Date() })
      .where(and(eq(burdens.status, "admitted"), eq(burdens.frequency, "once"), sql`${burdens.deadline} < ${today}`))
      .returning({ id: burdens.id, issuerPath: burdens.issuerPath });
    for (const b of expired) {
      await tx.insert(burdenEvents).values({ burdenId: b.id, actorName: "system", fromStatus: "admitted", toStatus: "expired" });
      await recordAudit(tx, { actor: null, action: "burden.expire", entityType: "burden", entityId: b.id, scopePath: b.issuerPath, detail: { today } });
    }
    return expired.length;
  });
}
