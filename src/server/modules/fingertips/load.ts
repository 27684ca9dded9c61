import { and, eq } from "drizzle-orm";
import { AUDIENCE_ROLES, type ChannelKind, type Load, type LoadRow } from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { getUnit } from "../org/units.js";
import { hasBannedDemand } from "./flags.js";
import { loadGrassroots, LEVEL_OF_ROLE, postKey, postsOf } from "./posts.js";
import { audienceTouches } from "./queries.js";
import { fingertipChannels } from "./schema.js";

const HEAVIEST = 3;
const hours = (minutes: number) => Math.round(minutes / 6) / 10;

/**
 * 每名干部被要求关注的群和应用: for each grassroots post (a village's cadres, a township's officials) under a
 * unit, the active apps and groups that reach it, its minutes a week, the heaviest ones; then burden-hours
 * 负担工时 per unit. A cadre looks at his own unit; the office at any unit of its region.
 */
export async function fingertipLoad(db: Db, actor: Actor, underCode: string | undefined, limit: number): Promise<Load> {
  const region = regionPathOf(actor);
  const under = await getUnit(db, underCode ?? (actor.scope.level === "department" ? region.split(".").at(-1)! : actor.scope.code));
  if (!under || !pathIsInside(under.path, region)) throw new AppError("UNIT_NOT_FOUND", { code: underCode ?? actor.scope.code });
  const channels = await db.select().from(fingertipChannels).where(and(eq(fingertipChannels.status, "active"), audienceTouches(under.path)));
  const grassroots = await loadGrassroots(db, [under.path]);
  const inside = grassroots.units.filter((u) => pathIsInside(u.path, under.path));
  const reached = new Map<string, typeof channels>();
  for (const c of channels) for (const p of postsOf(c, grassroots)) reached.set(postKey(p), [...(reached.get(postKey(p)) ?? []), c]);

  const rows: LoadRow[] = [];
  for (const unit of inside) {
    for (const role of AUDIENCE_ROLES) {
      if (LEVEL_OF_ROLE[role] !== unit.level) continue;
      const list = (reached.get(`${unit.code}|${role}`) ?? []).sort((a, b) => b.minutesPerWeek - a.minutesPerWeek || a.name.localeCompare(b.name));
      rows.push({
        unit: { code: unit.code, name: unit.name, level: unit.level, townshipName: unit.level === "village" ? (grassroots.byCode.get(unit.parentCode ?? "")?.name ?? null) : null },
        role,
        channels: list.length,
        apps: list.filter((c) => c.kind !== "workgroup").length,
        groups: list.filter((c) => c.kind === "workgroup").length,
        minutesPerWeek: list.reduce((n, c) => n + c.minutesPerWeek, 0),
        bannedDemands: list.filter((c) => hasBannedDemand(c.demands)).length,
        heaviest: list.slice(0, HEAVIEST).map((c) => ({ id: c.id, name: c.name, kind: c.kind as ChannelKind, minutesPerWeek: c.minutesPerWeek })),
      });
    }
  }
  rows.sort((a, b) => b.channels - a.channels || b.minutesPerWeek - a.minutesPerWeek || a.unit.code.localeCompare(b.unit.code));
  const perUnit = new Map<string, { code: string; name: string; minutesPerWeek: number }>();
  for (const r of rows) {
    const u = perUnit.get(r.unit.code) ?? { code: r.unit.code, name: r.unit.name, minutesPerWeek: 0 };
    u.minutesPerWeek += r.minutesPerWeek;
    perUnit.set(r.unit.code, u);
  }
  const weekly = rows.reduce((n, r) => n + r.minutesPerWeek, 0);
  // Only channels that reach a post under the unit count (one touching the county may ask only township officials).
  const reaching = new Set(inside.flatMap((u) => AUDIENCE_ROLES.flatMap((role) => (reached.get(`${u.code}|${role}`) ?? []).map((c) => c.id))));
  return {
    under: { code: under.code, name: under.name },
    rows: rows.slice(0, limit),
    units: [...perUnit.values()].sort((a, b) => b.minutesPerWeek - a.minutesPerWeek).slice(0, limit).map((u) => ({ ...u, hoursPerYear: hours(u.minutesPerWeek * 52) })),
    totals: { posts: rows.length, channels: reaching.size, hoursPerWeek: hours(weekly), hoursPerYear: hours(weekly * 52) },
  };
}
