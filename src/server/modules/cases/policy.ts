import type { HandlerRole } from "../../../contracts/cases.js";
import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";

/** What the policy needs to know of a case. */
export type CaseAccess = { unitPath: string; handlerRegionPath: string; handlerDepth: number; handlerRole: HandlerRole | string; escalationLevel: number };

const depthOf = (path: string) => path.split(".").length;

/** True when the actor's region is the reported unit or lies under it: the reported unit's own chain. */
export const inReportedChain = (actor: Actor, unitPath: string): boolean => pathIsInside(regionPathOf(actor), unitPath);

export const casePolicy = {
  /** Village cadres, township officials and department staff report; offices, commissions and administrators handle or run the system. */
  canReport: (actor: Actor): boolean => actor.role === "village_cadre" || actor.role === "township_official" || actor.role === "department_staff",
  /**
   * A case is read by the body it was routed to (纪委监委 or 减负办 of the handling region) and, once it
   * has been escalated n times, by the same body up to n levels above. Nobody in the reported unit's own
   * chain reads it, whatever his role; administrators do not read cases at all.
   */
  canRead: (actor: Actor, c: CaseAccess): boolean => {
    if (actor.role !== c.handlerRole) return false;
    const region = regionPathOf(actor);
    if (!pathIsInside(c.handlerRegionPath, region)) return false;
    if (c.handlerDepth - depthOf(region) > c.escalationLevel) return false;
    return !inReportedChain(actor, c.unitPath);
  },
  /** Whoever may read a case may work on it: assign, note, write to the reporter, move it on. */
  canHandle: (actor: Actor, c: CaseAccess): boolean => casePolicy.canRead(actor, c),
  /** Only the handling body itself, never the level above, may read who reported; each reading is audited. */
  canReveal: (actor: Actor, c: CaseAccess): boolean => casePolicy.canRead(actor, c) && regionPathOf(actor) === c.handlerRegionPath,
  /** A county (or higher) office designates 直报点 officers in the townships and villages of its region. */
  canManagePoints: (actor: Actor, unit: ScopeUnit): boolean =>
    actor.role === "office" && (unit.level === "township" || unit.level === "village") && pathIsInside(unit.path, regionPathOf(actor)),
  /** An office prints QR posters for the villages, townships and the county of its region. */
  canPrintPoster: (actor: Actor, unit: ScopeUnit): boolean =>
    actor.role === "office" && unit.level !== "department" && unit.level !== "nation" && pathIsInside(unit.path, regionPathOf(actor)),
  /** A case may be assigned to a colleague of the same body in the handling region. */
  canBeAssigned: (assignee: { role: string; scope: ScopeUnit; disabled: boolean }, c: CaseAccess): boolean => {
    if (assignee.disabled || assignee.role !== c.handlerRole) return false;
    const region = assignee.scope.level === "department" ? assignee.scope.path.split(".").slice(0, -1).join(".") : assignee.scope.path;
    return region === c.handlerRegionPath;
  },
};
