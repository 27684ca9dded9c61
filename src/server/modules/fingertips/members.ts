import { and, eq, inArray, sql } from "drizzle-orm";
import type { ChannelMember } from "../../../contracts/fingertips.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import { getUsersByIds, getUsersByUsernames } from "../org/users.js";
import { fingertipPolicy } from "./policy.js";
import { loadChannel, type ChannelRow } from "./registry.js";
import { fingertipChannels, fingertipMembers } from "./schema.js";

/**
 * Named cadres who must follow a channel 关注成员: users whose unit lies in the channel's region, of the
 * grassroots roles (a village's cadre, a township's official). Recorded by the unit that runs the channel
 * or by the office; per-cadre counts (cadres.ts) are read from here.
 */
const MEMBER_ROLES = new Set(["village_cadre", "township_official"]);
const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.username });

async function keptChannel(db: Queryable, actor: Actor, id: string): Promise<ChannelRow> {
  const row = await loadChannel(db, actor, id);
  authorize(fingertipPolicy.canKeep(actor, { code: row.ownerCode, path: row.ownerPath }) || fingertipPolicy.canDecide(actor, row));
  if (row.status !== "active") throw new AppError("CHANNEL_NOT_ACTIVE", { status: row.status });
  return row;
}

export async function listMembers(db: Queryable, actor: Actor, id: string): Promise<ChannelMember[]> {
  const row = await loadChannel(db, actor, id);
  const rows = await db.select({ userId: fingertipMembers.userId, addedByMerge: fingertipMembers.addedByMerge }).from(fingertipMembers).where(eq(fingertipMembers.channelId, row.id));
  const users = await getUsersByIds(db, rows.map((r) => r.userId));
  const viaMerge = new Map(rows.map((r) => [r.userId, r.addedByMerge]));
  return users
    .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unit: { code: u.scope.code, name: u.scope.name }, viaMerge: !!viaMerge.get(u.id) }))
    .sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.username.localeCompare(b.username));
}

/**
 * Adds cadres by username; all or nothing: an unknown name, an account that is no grassroots cadre, or
 * one outside the channel's region refuses the whole list, naming each.
 */
export async function addMembers(db: Db, actor: Actor, id: string, usernames: readonly string[]): Promise<number> {
  const row = await keptChannel(db, actor, id);
  const wanted = [...new Set(usernames)];
  const found = new Map((await getUsersByUsernames(db, wanted)).map((u) => [u.username, u]));
  const unknown = wanted.filter((n) => !found.has(n));
  if (unknown.length > 0) throw new AppError("CHANNEL_MEMBER_UNKNOWN", { users: unknown.slice(0, 10).join("、") });
  const wrong = wanted.map((n) => found.get(n)!).filter((u) => !MEMBER_ROLES.has(u.role) || !pathIsInside(u.scope.path, row.regionPath));
  if (wrong.length > 0) throw new AppError("CHANNEL_MEMBER_INVALID", { users: wrong.slice(0, 10).map((u) => `${u.displayName}（${u.username}）`).join("、") });
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(fingertipMembers)
      .values(wanted.map((n) => ({ channelId: row.id, userId: found.get(n)!.id, createdBy: actor.displayName })))
      .onConflictDoNothing()
      .returning({ userId: fingertipMembers.userId });
    await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.members.add", entityType: "fingertip_channel", entityId: row.id, scopePath: row.regionPath, detail: { name: row.name, users: wanted, added: inserted.length } });
    return inserted.length;
  });
}

/**
 * One member from an imported row, named by the channel's owner and name and the cadre's username; the
 * add itself is addMembers (same checks, same audit). A cadre already a member is left alone (null).
 */
export async function addNamedMember(db: Db, actor: Actor, args: { ownerCode: string; name: string; username: string }): Promise<string | null> {
  const owner = await getUnit(db, args.ownerCode);
  if (!owner) throw new AppError("UNIT_NOT_FOUND", { code: args.ownerCode });
  const [found] = await db.select({ id: fingertipChannels.id }).from(fingertipChannels).where(and(eq(fingertipChannels.ownerCode, owner.code), eq(fingertipChannels.name, args.name)));
  // A channel the actor may not read is "not found" as well, never "forbidden".
  const row = found && (await loadChannel(db, actor, found.id).catch((err: unknown) => {
    if (err instanceof AppError) return null;
    throw err;
  }));
  if (!row) throw new AppError("CHANNEL_NAMED_NOT_FOUND", { owner: owner.name, name: args.name });
  const [user] = await getUsersByUsernames(db, [args.username]);
  const [already] = user ? await db.select({ userId: fingertipMembers.userId }).from(fingertipMembers).where(and(eq(fingertipMembers.channelId, row.id), eq(fingertipMembers.userId, user.id))) : [];
  if (already) return null;
  await addMembers(db, actor, row.id, [args.username]);
  return `${row.id}/${user!.id}`;
}

export async function removeMember(db: Db, actor: Actor, id: string, userId: string): Promise<void> {
  const row = await keptChannel(db, actor, id);
  await db.transaction(async (tx) => {
    const removed = await tx.delete(fingertipMembers).where(and(eq(fingertipMembers.channelId, row.id), eq(fingertipMembers.userId, userId))).returning({ userId: fingertipMembers.userId });
    if (removed.length === 0) throw new AppError("CHANNEL_MEMBER_NOT_FOUND");
    await recordAudit(tx, { actor: auditActor(actor), action: "fingertips.members.remove", entityType: "fingertip_channel", entityId: row.id, scopePath: row.regionPath, detail: { name: row.name, userId } });
  });
}

/** A merge: members of the channel merged now follow the one kept (once); marked so an undo takes them back out. */
export async function moveMembersOnMerge(tx: Queryable, args: { from: string; into: string; by: string }) {
  await tx.execute(sql`
    insert into ${fingertipMembers} (channel_id, user_id, added_by_merge, created_by)
    select ${args.into}, m.user_id, ${args.from}, ${args.by} from ${fingertipMembers} m where m.channel_id = ${args.from}
    on conflict do nothing`);
}

/** An undone merge: the members it brought into the kept channel leave it again. */
export async function takeBackMergedMembers(tx: Queryable, args: { from: string; into: string }) {
  await tx.delete(fingertipMembers).where(and(eq(fingertipMembers.channelId, args.into), eq(fingertipMembers.addedByMerge, args.from)));
}

/** Active channels each user is a named member of. */
export async function membershipsOf(db: Queryable, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: fingertipMembers.userId, id: fingertipChannels.id, name: fingertipChannels.name, kind: fingertipChannels.kind, minutesPerWeek: fingertipChannels.minutesPerWeek, demands: fingertipChannels.demands })
    .from(fingertipMembers)
    .innerJoin(fingertipChannels, eq(fingertipChannels.id, fingertipMembers.channelId))
    .where(and(eq(fingertipChannels.status, "active"), inArray(fingertipMembers.userId, [...userIds])));
}
