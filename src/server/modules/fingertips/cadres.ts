import { and, eq } from "drizzle-orm";
import type { AudienceRole, CadreLoad, CadreLoadRow, ChannelKind } from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { getUnit } from "../org/units.js";
import { listUsers } from "../org/users.js";
import { hasBannedDemand } from "./flags.js";
import { membershipsOf } from "./members.js";
import { loadGrassroots, postKey, postsOf } from "./posts.js";
import { audienceTouches } from "./queries.js";
import { fingertipChannels } from "./schema.js";

const HEAVIEST = 3;
const MAX_CADRES = 20_000;
const ROLES = new Set<string>(["village_cadre", "township_official"]);

/**
 * 每名干部要关注几个群、几个应用: per named cadre (a village cadre's or township official's account under a
 * unit), the active apps and groups he is recorded as a member of, their minutes a week, the heaviest
 * ones; beside it how many reach his post by their audience (unit × role), recorded or not. The heaviest
 * cadres first. Who may read: as for the per-post view (load.ts).
 */
export async function cadreLoad(db: Db, actor: Actor, underCode: string | undefined, limit: number): Promise<CadreLoad> {
  const region = regionPathOf(actor);
  const under = await getUnit(db, underCode ?? (actor.scope.level === "department" ? region.split(".").at(-1)! : actor.scope.code));
  if (!under || !pathIsInside(under.path, region)) throw new AppError("UNIT_NOT_FOUND", { code: underCode ?? actor.scope.code });
  const users = (await listUsers(db, { withinPath: under.path, limit: MAX_CADRES, offset: 0 })).items.filter((u) => ROLES.has(u.role) && !u.disabled);
  const [memberships, channels, grassroots] = await Promise.all([
    membershipsOf(db, users.map((u) => u.id)),
    db.select().from(fingertipChannels).where(and(eq(fingertipChannels.status, "active"), audienceTouches(under.path))),
    loadGrassroots(db, [under.path]),
  ]);
  const reached = new Map<string, number>();
  for (const c of channels) for (const p of postsOf(c, grassroots)) reached.set(postKey(p), (reached.get(postKey(p)) ?? 0) + 1);
  const byUser = new Map<string, typeof memberships>();
  for (const m of memberships) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);

  const rows: CadreLoadRow[] = users.map((u) => {
    const list = (byUser.get(u.id) ?? []).sort((a, b) => b.minutesPerWeek - a.minutesPerWeek || a.name.localeCompare(b.name));
    return {
      user: { id: u.id, username: u.username, displayName: u.displayName },
      role: u.role as AudienceRole,
      unit: { code: u.scope.code, name: u.scope.name },
      channels: list.length,
      apps: list.filter((c) => c.kind !== "workgroup").length,
      groups: list.filter((c) => c.kind === "workgroup").length,
      minutesPerWeek: list.reduce((n, c) => n + c.minutesPerWeek, 0),
      bannedDemands: list.filter((c) => hasBannedDemand(c.demands)).length,
      byAudience: reached.get(`${u.scope.code}|${u.role}`) ?? 0,
      heaviest: list.slice(0, HEAVIEST).map((c) => ({ id: c.id, name: c.name, kind: c.kind as ChannelKind, minutesPerWeek: c.minutesPerWeek })),
    };
  });
  rows.sort((a, b) => b.channels - a.channels || b.minutesPerWeek - a.minutesPerWeek || a.user.username.localeCompare(b.user.username));
  const weekly = rows.reduce((n, r) => n + r.minutesPerWeek, 0);
  return {
    under: { code: under.code, name: under.name },
    cadres: rows.slice(0, limit),
    totals: { cadres: rows.length, withMemberships: rows.filter((r) => r.channels > 0).length, memberships: memberships.length, hoursPerYear: Math.round((weekly * 52) / 6) / 10 },
  };
}
