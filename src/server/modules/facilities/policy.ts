import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

type Placed = { code: string; path: string };

/**
 * Who may do what with facilities 设施 and projects 项目:
 * - read: everyone whose region holds the unit (a department sees its county; a village its own);
 * - keep the register: the region's office, and a township for itself and its villages;
 *   a project also its department (a bureau builds projects in its own name);
 * - report use: the village or township where the facility stands, its township, the office;
 * - set rules: the office of a county or higher region;
 * - open a case from a flag: the office or the discipline commission of the region.
 */
export const resourcePolicy = {
  canRead: (actor: Actor, unit: Placed): boolean => pathIsInside(unit.path, regionPathOf(actor)),
  canKeepFacility: (actor: Actor, unit: Placed): boolean =>
    (actor.role === "office" || actor.role === "township_official") && pathIsInside(unit.path, actor.scope.path),
  canReportUse: (actor: Actor, unit: Placed): boolean =>
    (actor.role === "office" || actor.role === "township_official" || actor.role === "village_cadre") && pathIsInside(unit.path, actor.scope.path),
  canKeepProject: (actor: Actor, unit: Placed): boolean =>
    ((actor.role === "office" || actor.role === "township_official") && pathIsInside(unit.path, actor.scope.path)) ||
    (actor.role === "department_staff" && actor.scope.code === unit.code),
  canOpenCase: (actor: Actor, unit: Placed): boolean => (actor.role === "office" || actor.role === "commission") && pathIsInside(unit.path, regionPathOf(actor)),
  canSetRules: (actor: Actor, region: Placed): boolean => actor.role === "office" && pathIsInside(region.path, actor.scope.path),
};
