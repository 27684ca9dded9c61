import { ROLE_SCOPE_LEVELS, type Role } from "../../../contracts/roles.js";
import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import type { Unit } from "./units.js";
import { auditPolicy } from "../audit/policy.js";

export { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";

export type Action = "users.manage" | "units.read" | "audit.read" | "burdens.issue" | "burdens.review" | "inbox.read";

export const unitPolicy = {
  /** Anyone may read a unit inside his region, and the chain of units above it. */
  canRead: (actor: Actor, unit: Unit): boolean =>
    pathIsInside(unit.path, regionPathOf(actor)) || pathIsInside(regionPathOf(actor), unit.path),
  /**
   * Above his region an actor sees only the chain leading down to it: of such a unit's children, only
   * the one on that chain. Returns its code, or null when the unit is inside the region (all children visible).
   */
  onlyVisibleChild: (actor: Actor, unit: Unit): string | null => {
    const region = regionPathOf(actor);
    if (pathIsInside(unit.path, region)) return null;
    return region.split(".")[unit.path.split(".").length] ?? null;
  },
  /** Searching and listing are bounded to the actor's region. */
  searchRootPath: (actor: Actor): string => regionPathOf(actor),
};

export const userPolicy = {
  /** Only an administrator manages accounts. */
  canManageAny: (actor: Actor): boolean => actor.role === "admin",
  /** An administrator manages an account whose scope lies inside his own scope. */
  canManage: (actor: Actor, targetScope: Unit): boolean =>
    actor.role === "admin" && pathIsInside(targetScope.path, actor.scope.path),
  /** A role may only be paired with a scope of a level that fits it (a village cadre with a village…). */
  roleFitsScope: (role: Role, scope: Unit): boolean => ROLE_SCOPE_LEVELS[role].includes(scope.level),
};


/** What the client may offer this actor; the web app shows buttons from this list only. */
export function allowedActions(actor: Actor): Action[] {
  const actions: Action[] = ["units.read"];
  if (userPolicy.canManageAny(actor)) actions.push("users.manage");
  if (auditPolicy.canRead(actor)) actions.push("audit.read");
  // Mirrors burdens/policy.ts: who issues, who reviews, whose units receive burdens.
  if (["department_staff", "township_official", "office"].includes(actor.role)) actions.push("burdens.issue");
  if (actor.role === "office") actions.push("burdens.review");
  if (actor.role === "village_cadre" || actor.role === "township_official") actions.push("inbox.read");
  return actions;
}
