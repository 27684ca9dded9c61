import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";

export { authorize } from "../../kernel/actor.js";

export type FormAccess = { ownerCode: string; ownerPath: string };

const keepsRegion = (actor: Actor) => actor.role === "office" || actor.role === "admin";

export const catalogPolicy = {
  /** Everyone of the county reads its catalog (departments, townships, villages); offices and admins above it too. */
  canRead: (actor: Actor, region: ScopeUnit): boolean =>
    pathIsInside(region.path, regionPathOf(actor)) || pathIsInside(regionPathOf(actor), region.path),
  /** The 减负办 of the region (and its administrators) keep the catalog. */
  canEdit: (actor: Actor, region: ScopeUnit): boolean => keepsRegion(actor) && pathIsInside(region.path, regionPathOf(actor)),
};

export const formPolicy = {
  /** A form is read by its own department and by the office, commission and administrators of its region. */
  canRead: (actor: Actor, form: FormAccess): boolean =>
    actor.scope.code === form.ownerCode ||
    ((actor.role === "office" || actor.role === "commission" || actor.role === "admin") && pathIsInside(form.ownerPath, regionPathOf(actor))),
  /** The department that owns it maps its fields; the office of its region may do it for the department. */
  canMap: (actor: Actor, form: FormAccess): boolean =>
    (actor.role === "department_staff" && actor.scope.code === form.ownerCode) ||
    (actor.role === "office" && pathIsInside(form.ownerPath, actor.scope.path)),
  /** The village's cadre fills its one form; the township official may fill it for a village of his township. */
  canFill: (actor: Actor, unit: ScopeUnit): boolean =>
    (actor.role === "village_cadre" && actor.scope.code === unit.code) ||
    (actor.role === "township_official" && pathIsInside(unit.path, actor.scope.path)),
  /** Besides those who fill it, the office, commission and administrators of the region look at a village's one form. */
  canReadOneTable: (actor: Actor, unit: ScopeUnit): boolean =>
    formPolicy.canFill(actor, unit) ||
    ((actor.role === "office" || actor.role === "commission" || actor.role === "admin") && pathIsInside(unit.path, regionPathOf(actor))),
};
