import { pathIsInside, type Actor, type ScopeUnit } from "../../kernel/actor.js";

/** The region an issuer reaches: a department (县农业农村局) reaches its county; a region itself. */
export const issuerRegionPath = (issuer: ScopeUnit): string =>
  issuer.level === "department" ? issuer.path.split(".").slice(0, -1).join(".") : issuer.path;

export const actorRegionPath = (actor: Actor): string =>
  actor.scope.level === "department" ? actor.scope.path.split(".").slice(0, -1).join(".") : actor.scope.path;

export type BurdenAccess = { issuerCode: string; issuerPath: string; status: string };

export const burdenPolicy = {
  /**
   * A department's staff issue in the name of their department, a township official in the name of his
   * township; the 减负办 registers burdens of any issuer in its region (e.g. an inspection announced by
   * telephone). Villages, commissions and administrators issue nothing.
   */
  canIssueAs: (actor: Actor, issuer: ScopeUnit): boolean => {
    if (actor.role === "department_staff" || actor.role === "township_official") return issuer.code === actor.scope.code;
    if (actor.role === "office") return pathIsInside(issuer.path, actor.scope.path);
    return false;
  },
  /** Targets are townships or villages inside the issuer's region, never the issuer itself. */
  canTarget: (issuer: ScopeUnit, target: ScopeUnit): boolean =>
    (target.level === "township" || target.level === "village") &&
    target.code !== issuer.code &&
    pathIsInside(target.path, issuerRegionPath(issuer)),
  /**
   * A burden is read by those whose region holds its issuer (the issuer's colleagues, the office and
   * commission above it) and, once admitted, by the units it targets.
   */
  canRead: (actor: Actor, burden: BurdenAccess, targetsActorRegion: boolean): boolean => {
    // A draft is its issuer's own until submitted; the office sees the drafts of its region.
    if (burden.status === "draft" && actor.role !== "office" && burden.issuerCode !== actor.scope.code) return false;
    return (
      pathIsInside(burden.issuerPath, actorRegionPath(actor)) ||
      (targetsActorRegion && (burden.status === "admitted" || burden.status === "expired"))
    );
  },
  /** The 减负办 whose scope holds the issuer decides what the gate sent to review. */
  canDecide: (actor: Actor, burden: BurdenAccess): boolean => actor.role === "office" && pathIsInside(burden.issuerPath, actor.scope.path),
  /** A burden is withdrawn by whoever may issue in its issuer's name. */
  canWithdraw: (actor: Actor, issuer: ScopeUnit): boolean => burdenPolicy.canIssueAs(actor, issuer),
  /** The office and the commission plan their region's inspections 督检考统筹 (merge proposals); an administrator looks on. */
  canPlanInspections: (actor: Actor): boolean => actor.role === "office" || actor.role === "commission" || actor.role === "admin",
};
