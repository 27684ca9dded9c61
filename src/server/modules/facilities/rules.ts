import { inArray } from "drizzle-orm";
import type { FacilityKind, IdleRuleInput } from "../../../contracts/facilities.js";
import type { ProjectRulesInput } from "../../../contracts/projects.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits, pathCodes } from "../org/units.js";
import { DEFAULT_IDLE_RULE, type IdleRule } from "./idle.js";
import { resourcePolicy } from "./policy.js";
import { resourceRules } from "./schema.js";

/** A region's thresholds for the project flags (see project-flags.ts). */
export type ProjectRules = { underUseRatio: number; nearZeroRatio: number; costPerPersonYuan: number };
export const DEFAULT_PROJECT_RULES: ProjectRules = { underUseRatio: 0.3, nearZeroRatio: 0.05, costPerPersonYuan: 2000 };

type RuleRow = typeof resourceRules.$inferSelect;

/** Every rule of the regions on a unit's path (one query), to be resolved per kind by the callers. */
export async function rulesOnPath(db: Queryable, ...unitPaths: string[]): Promise<RuleRow[]> {
  const codes = [...new Set(unitPaths.flatMap(pathCodes))];
  return codes.length ? db.select().from(resourceRules).where(inArray(resourceRules.regionCode, codes)) : [];
}

/** The nearest region's rule for the kind, else its rule for every kind, else the default. */
export function idleRuleFrom(rows: readonly RuleRow[], unitPath: string, kind: FacilityKind): IdleRule {
  const depth = (r: RuleRow) => (pathIsInside(unitPath, r.regionPath) ? r.regionPath.length : -1);
  const candidates = rows.filter((r) => depth(r) >= 0 && (r.subject === `facility:${kind}` || r.subject === "facility:*"));
  // Nearer region first; within a region, the kind's own rule first.
  candidates.sort((a, b) => depth(b) - depth(a) || (a.subject === "facility:*" ? 1 : 0) - (b.subject === "facility:*" ? 1 : 0));
  const v = candidates[0]?.values as IdleRule | undefined;
  return v ? { minVisits: v.minVisits, periods: v.periods } : DEFAULT_IDLE_RULE;
}

export function projectRulesFrom(rows: readonly RuleRow[], unitPath: string): ProjectRules {
  const nearest = rows.filter((r) => r.subject === "project" && pathIsInside(unitPath, r.regionPath)).sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
  return nearest ? { ...DEFAULT_PROJECT_RULES, ...(nearest.values as ProjectRules) } : DEFAULT_PROJECT_RULES;
}

async function ruleRegion(db: Queryable, actor: Actor, code: string): Promise<ScopeUnit> {
  const region = await getUnit(db, code);
  if (!region) throw new AppError("UNIT_NOT_FOUND", { code });
  authorize(resourcePolicy.canSetRules(actor, region), "OUT_OF_SCOPE", { code });
  if (!["nation", "province", "city", "county"].includes(region.level)) throw new AppError("RULE_REGION_INVALID", { code });
  return region;
}

async function saveRule(db: Db, actor: Actor, region: ScopeUnit, subject: string, values: Record<string, number>) {
  await db.transaction(async (tx) => {
    await tx
      .insert(resourceRules)
      .values({ regionCode: region.code, regionPath: region.path, subject, values, updatedBy: actor.username })
      .onConflictDoUpdate({ target: [resourceRules.regionCode, resourceRules.subject], set: { values, updatedBy: actor.username, updatedAt: new Date() } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "resources.rule", entityType: "resource_rule", entityId: `${region.code}:${subject}`, scopePath: region.path, detail: values });
  });
}

export async function setIdleRule(db: Db, actor: Actor, input: IdleRuleInput): Promise<void> {
  const region = await ruleRegion(db, actor, input.regionCode);
  await saveRule(db, actor, region, `facility:${input.kind}`, { minVisits: input.minVisits, periods: input.periods });
}

export async function setProjectRules(db: Db, actor: Actor, input: ProjectRulesInput): Promise<void> {
  const region = await ruleRegion(db, actor, input.regionCode);
  await saveRule(db, actor, region, "project", { underUseRatio: input.underUseRatio, nearZeroRatio: input.nearZeroRatio, costPerPersonYuan: input.costPerPersonYuan });
}

/** The idle rules in force for a region: its own and those of the regions above it. */
export async function listIdleRules(db: Queryable, region: ScopeUnit) {
  const rows = (await rulesOnPath(db, region.path)).filter((r) => r.subject.startsWith("facility:"));
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.regionCode))])).map((u) => [u.code, u.name]));
  return {
    defaults: DEFAULT_IDLE_RULE,
    rules: rows.map((r) => ({
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      kind: r.subject.slice("facility:".length) as FacilityKind | "*",
      ...(r.values as IdleRule),
    })),
  };
}

export async function projectRulesOf(db: Queryable, region: ScopeUnit) {
  const rows = await rulesOnPath(db, region.path);
  const nearest = rows.filter((r) => r.subject === "project").sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
  return { regionCode: nearest?.regionCode ?? null, ...projectRulesFrom(rows, region.path) };
}

/** A region whose rules the actor may read: his region, a region inside it, or one above it. */
export async function readableRegion(db: Queryable, actor: Actor, code: string | undefined): Promise<ScopeUnit> {
  const own = regionPathOf(actor);
  const region = await getUnit(db, code ?? own.split(".").at(-1)!);
  if (!region || !(pathIsInside(region.path, own) || pathIsInside(own, region.path))) throw new AppError("UNIT_NOT_FOUND", { code: code ?? "" });
  return region;
}
