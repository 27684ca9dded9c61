import type { AudienceRole } from "../../../contracts/fingertips.js";
import type { Queryable } from "../../db/client.js";
import { pathIsInside } from "../../kernel/actor.js";
import { unitsUnder, type Unit } from "../org/units.js";

/**
 * Grassroots posts 基层岗位: a village's cadres, a township's officials. An audience names units (a county,
 * townships, villages) whose subtrees are asked; a post is reached when its unit lies in one of them and its
 * role is asked. Units are read once per county for a whole listing.
 */
export const LEVEL_OF_ROLE: Record<AudienceRole, "village" | "township"> = { village_cadre: "village", township_official: "township" };

export type Post = { unit: Unit; role: AudienceRole };
export type Grassroots = { units: Unit[]; byCode: Map<string, Unit> };

/** The county an audience path lies in: nation.province.city.county. */
const countyOf = (path: string) => path.split(".").slice(0, 4).join(".");

export async function loadGrassroots(db: Queryable, paths: readonly string[]): Promise<Grassroots> {
  const counties = [...new Set(paths.map(countyOf))];
  const lists = await Promise.all(counties.flatMap((c) => [unitsUnder(db, c, "township"), unitsUnder(db, c, "village")]));
  const units = lists.flat();
  return { units, byCode: new Map(units.map((u) => [u.code, u])) };
}

export function postsOf(channel: { audiencePaths: readonly string[]; audienceRoles: readonly string[] }, grassroots: Grassroots): Post[] {
  const out: Post[] = [];
  for (const role of channel.audienceRoles as AudienceRole[]) {
    const level = LEVEL_OF_ROLE[role];
    for (const unit of grassroots.units) {
      if (unit.level === level && channel.audiencePaths.some((p) => pathIsInside(unit.path, p))) out.push({ unit, role });
    }
  }
  return out;
}

export const postKey = (p: { unit: { code: string }; role: string }) => `${p.unit.code}|${p.role}`;
