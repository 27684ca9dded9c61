import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

type Placed = { path: string };

/**
 * Who may do what with evaluations 评比创建 and plaques 挂牌. An issuer (a department, a township) asks for
 * an evaluation in its own name; the office of the region approves or rejects and keeps the lists. A
 * village cadre surveys the plaques of his village, a township official those of his villages, the office
 * any of its region; whoever's region holds the village reads them.
 */
export const evaluationPolicy = {
  /** Whether the actor asks for evaluations in any unit's name at all (the roles canRequest lets through). */
  asksForEvaluations: (actor: Actor): boolean => actor.role === "department_staff" || actor.role === "township_official" || actor.role === "office",
  canRequest: (actor: Actor, issuer: { code: string; path: string }): boolean =>
    ((actor.role === "department_staff" || actor.role === "township_official") && actor.scope.code === issuer.code) ||
    (actor.role === "office" && pathIsInside(issuer.path, regionPathOf(actor))),
  canDecide: (actor: Actor, region: Placed): boolean => actor.role === "office" && pathIsInside(region.path, regionPathOf(actor)),
  canReadRequest: (actor: Actor, row: { regionPath: string; issuerPath: string }): boolean =>
    pathIsInside(row.issuerPath, regionPathOf(actor)) || (actor.role !== "village_cadre" && actor.role !== "township_official" && pathIsInside(row.regionPath, regionPathOf(actor))),
  canKeepList: (actor: Actor, region: Placed): boolean => actor.role === "office" && pathIsInside(region.path, regionPathOf(actor)),
  canSurvey: (actor: Actor, village: Placed): boolean =>
    (actor.role === "village_cadre" || actor.role === "township_official" || actor.role === "office") && pathIsInside(village.path, regionPathOf(actor)),
  canRead: (actor: Actor, village: Placed): boolean => pathIsInside(village.path, regionPathOf(actor)),
};
