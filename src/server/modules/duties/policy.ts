import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";

export { authorize } from "../../kernel/actor.js";

export const dutyPolicy = {
  /**
   * Anyone reads the lists of the units in his region and of the units above it: a village cadre his
   * township's list and his county's template, a township official his own, department staff (whose
   * region is their county) every list of the county.
   */
  canRead: (actor: Actor, unit: ScopeUnit): boolean =>
    pathIsInside(unit.path, regionPathOf(actor)) || pathIsInside(regionPathOf(actor), unit.path),
  /** Only the 减负办 and administrators keep duty lists. */
  canEditAny: (actor: Actor): boolean => actor.role === "office" || actor.role === "admin",
  /**
   * The 减负办 of a region (an office scoped to the region or to its office department) and the
   * region's administrators keep the templates and the township differences inside it.
   */
  canEdit: (actor: Actor, unit: ScopeUnit): boolean =>
    dutyPolicy.canEditAny(actor) && pathIsInside(unit.path, regionPathOf(actor)),
};
