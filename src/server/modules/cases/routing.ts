import { and, eq, inArray } from "drizzle-orm";
import type { CaseCategory, CaseChannel, HandlerRole } from "../../../contracts/cases.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { ScopeUnit } from "../../kernel/actor.js";
import { ancestorsOf, pathCodes } from "../org/units.js";
import { caseRoutingRules } from "./schema.js";

/** Categories a discipline commission takes by default: fraud and vanity projects are matters of discipline. */
const COMMISSION_CATEGORIES: ReadonlySet<CaseCategory> = new Set(["statistical_fraud", "image_project"]);

export type Route = { regionPath: string; depth: number; role: HandlerRole };

/**
 * The region that handles a report about a unit, never inside the unit's own chain: a village or a
 * township goes to its county; a department to the region it belongs to; a county or higher to its parent.
 */
export async function handlingRegionOf(db: Queryable, unit: ScopeUnit): Promise<string> {
  if (unit.level === "nation") throw new AppError("CASE_UNIT_NOT_REPORTABLE");
  const ancestors = await ancestorsOf(db, unit);
  if (unit.level === "village" || unit.level === "township") {
    const county = ancestors.find((a) => a.level === "county");
    if (county) return county.path;
  }
  const parent = ancestors.at(-1);
  if (!parent) throw new AppError("CASE_UNIT_NOT_REPORTABLE");
  return parent.path;
}

/**
 * The body that handles a case: a 直报点 report goes straight to the commission (the Raohe practice);
 * otherwise the rule of the nearest region for the category, else the defaults above.
 */
export async function handlerRoleFor(db: Queryable, regionPath: string, category: CaseCategory, channel: CaseChannel): Promise<HandlerRole> {
  if (channel === "point") return "commission";
  const rules = await db
    .select()
    .from(caseRoutingRules)
    .where(and(inArray(caseRoutingRules.regionCode, pathCodes(regionPath)), eq(caseRoutingRules.category, category)));
  const nearest = rules.sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
  if (nearest) return nearest.handlerRole as HandlerRole;
  return COMMISSION_CATEGORIES.has(category) ? "commission" : "office";
}

export async function routeCase(db: Queryable, unit: ScopeUnit, category: CaseCategory, channel: CaseChannel): Promise<Route> {
  const regionPath = await handlingRegionOf(db, unit);
  return { regionPath, depth: regionPath.split(".").length, role: await handlerRoleFor(db, regionPath, category, channel) };
}
