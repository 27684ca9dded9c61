import { and, eq, ne } from "drizzle-orm";
import type { ChannelDecision, ChannelInput } from "../../../contracts/fingertips.js";
import type { Db, Queryable } from "../../db/client.js";
import { isUniqueViolation } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { moveMembersOnMerge } from "./members.js";
import { fingertipPolicy } from "./policy.js";
import { fingertipChannels } from "./schema.js";

export type ChannelRow = typeof fingertipChannels.$inferSelect;
type Values = typeof fingertipChannels.$inferInsert;

/** The region a unit speaks for: a department its county. */
export const regionOf = (u: { path: string; level: string }) => (u.level === "department" ? u.path.split(".").slice(0, -1).join(".") : u.path);
const AUDIENCE_LEVELS = new Set(["county", "township", "village"]);

/**
 * Checks an input against the hierarchy and the actor's rights and gives the row to store: the owner
 * exists and the actor may keep its ledger; every audience unit is the owner region's county, one of its
 * townships or villages.
 */
export async function resolveChannel(db: Queryable, actor: Actor, input: ChannelInput, createdBy: string): Promise<Values> {
  const codes = [...new Set([input.ownerUnit, ...input.audienceUnits])];
  const found = new Map((await getUnits(db, codes)).map((u) => [u.code, u]));
  const owner = found.get(input.ownerUnit);
  if (!owner) throw new AppError("UNIT_NOT_FOUND", { code: input.ownerUnit });
  authorize(fingertipPolicy.canKeep(actor, owner));
  const missing = input.audienceUnits.find((c) => !found.has(c));
  if (missing) throw new AppError("UNIT_NOT_FOUND", { code: missing });
  const region = regionOf(owner);
  const audience = [...new Set(input.audienceUnits)].map((c) => found.get(c)!);
  const wrong = audience.filter((u) => !AUDIENCE_LEVELS.has(u.level) || !pathIsInside(u.path, region));
  if (wrong.length > 0) throw new AppError("CHANNEL_AUDIENCE_INVALID", { units: wrong.map((u) => `${u.name}（${u.code}）`).join("、") });
  return {
    name: input.name,
    kind: input.kind,
    platform: input.platform || null,
    ownerCode: owner.code,
    ownerPath: owner.path,
    regionPath: region,
    audienceCodes: audience.map((u) => u.code),
    audiencePaths: audience.map((u) => u.path),
    audienceRoles: [...new Set(input.audienceRoles)],
    demands: [...new Set(input.demands)],
    minutesPerWeek: input.minutesPerWeek,
    admissionNumber: input.admissionNumber || null,
    note: input.note || null,
    createdBy,
  };
}

const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** Inserts a resolved row, or updates the active one of the same owner and name (an import run again). */
export async function upsertChannel(tx: Queryable, actor: Actor, values: Values, owner: Pick<ScopeUnit, "name">): Promise<{ id: string; created: boolean }> {
  const [existing] = await tx.select({ id: fingertipChannels.id, status: fingertipChannels.status }).from(fingertipChannels).where(and(eq(fingertipChannels.ownerCode, values.ownerCode), eq(fingertipChannels.name, values.name)));
  if (existing && existing.status !== "active") throw new AppError("CHANNEL_NAME_TAKEN", { owner: owner.name, name: values.name });
  if (existing) {
    const { createdBy: _by, ...changes } = values;
    await tx.update(fingertipChannels).set(changes).where(eq(fingertipChannels.id, existing.id));
    await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.update", entityType: "fingertip_channel", entityId: existing.id, scopePath: values.regionPath, detail: { name: values.name, demands: values.demands, audience: values.audienceCodes } });
    return { id: existing.id, created: false };
  }
  const [row] = await tx.insert(fingertipChannels).values(values).returning({ id: fingertipChannels.id });
  if (!row) throw new AppError("INTERNAL");
  await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.register", entityType: "fingertip_channel", entityId: row.id, scopePath: values.regionPath, detail: { name: values.name, kind: values.kind, owner: values.ownerCode, demands: values.demands, audience: values.audienceCodes } });
  return { id: row.id, created: true };
}

/** Registers one app, account or group from the API: a second one of the same owner and name is refused. */
export async function registerChannel(db: Db, actor: Actor, input: ChannelInput): Promise<string> {
  const values = await resolveChannel(db, actor, input, actor.displayName);
  // Read before the transaction: on PGlite a query outside it would wait for it to end.
  const ownerName = (await getUnit(db, values.ownerCode))?.name ?? values.ownerCode;
  const taken = () => new AppError("CHANNEL_NAME_TAKEN", { owner: ownerName, name: values.name });
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: fingertipChannels.id }).from(fingertipChannels).where(and(eq(fingertipChannels.ownerCode, values.ownerCode), eq(fingertipChannels.name, values.name)));
      if (existing) throw taken();
      return (await upsertChannel(tx, actor, values, { name: values.ownerCode })).id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

export async function loadChannel(db: Queryable, actor: Actor, id: string): Promise<ChannelRow> {
  const [row] = await db.select().from(fingertipChannels).where(eq(fingertipChannels.id, id));
  if (!row || !fingertipPolicy.canRead(actor, row)) throw new AppError("CHANNEL_NOT_FOUND");
  return row;
}

/**
 * The office's decision 关停/整合: closing takes a channel off every cadre's list; merging also moves its
 * audience into the channel kept, so a cadre asked to follow both now follows one.
 */
export async function decideChannel(db: Db, actor: Actor, id: string, decision: ChannelDecision): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadChannel(tx, actor, id);
    authorize(fingertipPolicy.canDecide(actor, row));
    if (row.status !== "active") throw new AppError("CHANNEL_NOT_ACTIVE", { status: row.status });
    const decided = { decisionReason: decision.reason, decidedBy: actor.displayName, decidedAt: new Date() };
    if (decision.action === "close") {
      await tx.update(fingertipChannels).set({ status: "closed", ...decided }).where(eq(fingertipChannels.id, id));
      await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.close", entityType: "fingertip_channel", entityId: id, scopePath: row.regionPath, detail: { name: row.name, reason: decision.reason } });
      return;
    }
    const [target] = await tx.select().from(fingertipChannels).where(and(eq(fingertipChannels.id, decision.mergeInto), ne(fingertipChannels.id, id)));
    if (!target || target.status !== "active" || !fingertipPolicy.canDecide(actor, target)) throw new AppError("CHANNEL_MERGE_TARGET_INVALID");
    const audience = new Map(target.audienceCodes.map((c, i) => [c, target.audiencePaths[i]!]));
    const added: { codes: string[]; paths: string[]; roles: string[] } = { codes: [], paths: [], roles: row.audienceRoles.filter((r) => !target.audienceRoles.includes(r)) };
    row.audienceCodes.forEach((c, i) => {
      // A unit already inside the kept audience adds nothing.
      const path = row.audiencePaths[i]!;
      if ([...audience.values()].some((p) => pathIsInside(path, p))) return;
      audience.set(c, path);
      added.codes.push(c);
      added.paths.push(path);
    });
    await tx
      .update(fingertipChannels)
      .set({ audienceCodes: [...audience.keys()], audiencePaths: [...audience.values()], audienceRoles: [...target.audienceRoles, ...added.roles] })
      .where(eq(fingertipChannels.id, target.id));
    // What the merge added is kept on the merged row, so that an undo takes back exactly that.
    await tx.update(fingertipChannels).set({ status: "merged", mergedIntoId: target.id, mergeAdded: added, ...decided }).where(eq(fingertipChannels.id, id));
    await moveMembersOnMerge(tx, { from: id, into: target.id, by: actor.displayName });
    await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.merge", entityType: "fingertip_channel", entityId: id, scopePath: row.regionPath, detail: { name: row.name, into: target.id, intoName: target.name, reason: decision.reason } });
  });
}
