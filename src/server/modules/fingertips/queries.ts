import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Channel, ChannelKind, ChannelStatus } from "../../../contracts/fingertips.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor } from "../../kernel/actor.js";
import { getUnits } from "../org/units.js";
import { admittedNotInLedger, burdenLinks, notAdmittedFlag } from "./admitted.js";
import { channelFlags } from "./flags.js";
import { fingertipPolicy } from "./policy.js";
import { loadGrassroots, postsOf, type Grassroots } from "./posts.js";
import type { ChannelRow } from "./registry.js";
import { fingertipChannels, fingertipMembers } from "./schema.js";

async function memberCounts(db: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: fingertipMembers.channelId, n: sql<number>`count(*)::int` }).from(fingertipMembers).where(inArray(fingertipMembers.channelId, [...ids])).groupBy(fingertipMembers.channelId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Some audience path holds the given path, or lies inside it. */
export const audienceTouches = (path: string): SQL =>
  sql`exists (select 1 from unnest(${fingertipChannels.audiencePaths}) as a(p) where ${path} = a.p or ${path} like a.p || '.%' or a.p like ${path} || '.%')`;

/** Channels the actor may read: owned inside his region, or reaching it (a village cadre sees what he is asked to follow). */
export const readableWhere = (actor: Actor): SQL => or(pathWithin(fingertipChannels.ownerPath, regionPathOf(actor)), audienceTouches(regionPathOf(actor)))!;

export async function presentChannels(db: Queryable, actor: Actor, rows: ChannelRow[], lang: Lang, grassroots?: Grassroots): Promise<Channel[]> {
  if (rows.length === 0) return [];
  const codes = new Set(rows.flatMap((r) => [r.ownerCode, ...r.audienceCodes]));
  const names = new Map((await getUnits(db, [...codes])).map((u) => [u.code, u.name]));
  const mergedIds = [...new Set(rows.map((r) => r.mergedIntoId).filter((id): id is string => !!id))];
  const targets = new Map(
    mergedIds.length ? (await db.select({ id: fingertipChannels.id, name: fingertipChannels.name }).from(fingertipChannels).where(inArray(fingertipChannels.id, mergedIds))).map((t) => [t.id, t.name]) : [],
  );
  const posts = grassroots ?? (await loadGrassroots(db, rows.flatMap((r) => r.audiencePaths)));
  const [links, members] = await Promise.all([burdenLinks(db, rows.map((r) => r.admissionNumber)), memberCounts(db, rows.map((r) => r.id))]);
  return rows.map((r) => {
    const burden = r.admissionNumber ? (links.get(r.admissionNumber) ?? null) : null;
    const office = fingertipPolicy.canDecide(actor, r);
    const keeps = office || fingertipPolicy.canKeep(actor, { code: r.ownerCode, path: r.ownerPath });
    const can: Channel["can"] = r.status === "active" ? [...(office ? (["decide"] as const) : []), ...(keeps ? (["members"] as const) : [])] : office ? ["undo"] : [];
    const reached = r.status === "active" ? postsOf(r, posts).length : 0;
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as ChannelKind,
      platform: r.platform,
      owner: { code: r.ownerCode, name: names.get(r.ownerCode) ?? r.ownerCode },
      audienceUnits: r.audienceCodes.map((c) => ({ code: c, name: names.get(c) ?? c })),
      audienceRoles: r.audienceRoles as Channel["audienceRoles"],
      demands: r.demands as Channel["demands"],
      minutesPerWeek: r.minutesPerWeek,
      posts: reached,
      weeklyHours: Math.round((reached * r.minutesPerWeek) / 6) / 10,
      status: r.status as ChannelStatus,
      mergedInto: r.mergedIntoId ? { id: r.mergedIntoId, name: targets.get(r.mergedIntoId) ?? "" } : null,
      decisionReason: r.decisionReason,
      admissionNumber: r.admissionNumber,
      note: r.note,
      flags: r.status === "active" ? [...channelFlags({ name: r.name, kind: r.kind as ChannelKind, demands: r.demands }, lang), ...(burden ? [] : [notAdmittedFlag(r, lang)])] : [],
      burden,
      members: members.get(r.id) ?? 0,
      can,
    };
  });
}

export async function readableRows(db: Queryable, actor: Actor, query: { status?: ChannelStatus; kind?: ChannelKind; limit: number }): Promise<ChannelRow[]> {
  return db
    .select()
    .from(fingertipChannels)
    .where(and(readableWhere(actor), query.status ? eq(fingertipChannels.status, query.status) : undefined, query.kind ? eq(fingertipChannels.kind, query.kind) : undefined))
    .orderBy(asc(fingertipChannels.status), asc(fingertipChannels.name))
    .limit(query.limit);
}

export async function listChannels(db: Db, actor: Actor, query: { status?: ChannelStatus; kind?: ChannelKind; flagged?: "true" | "false"; limit: number }, lang: Lang) {
  let items = await presentChannels(db, actor, await readableRows(db, actor, query), lang);
  if (query.flagged) items = items.filter((c) => (c.flags.length > 0) === (query.flagged === "true"));
  const admitted = query.flagged === "true" ? [] : await admittedNotInLedger(db, actor, query);
  return { total: items.length, items, admittedNotInLedger: admitted };
}
