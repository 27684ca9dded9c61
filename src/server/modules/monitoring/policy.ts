import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

/**
 * Who may do what with monitoring points 监测点: the office chooses the villages of its region; the
 * village's own cadre answers its weekly survey; the township and the county (office, commission,
 * admin) see who answered and remind those who did not. Departments, being the ones measured, do not
 * read the answers (they see the index figures like everyone).
 */
export const monitoringPolicy = {
  canChoose: (actor: Actor, unit: { path: string; level: string }): boolean =>
    actor.role === "office" && unit.level === "village" && pathIsInside(unit.path, regionPathOf(actor)),
  canRead: (actor: Actor, unitPath: string): boolean =>
    ["office", "commission", "admin", "township_official"].includes(actor.role) && pathIsInside(unitPath, regionPathOf(actor)),
  canList: (actor: Actor): boolean => ["office", "commission", "admin", "township_official"].includes(actor.role),
  canRemind: (actor: Actor): boolean => actor.role === "office" || actor.role === "township_official",
  canAnswer: (actor: Actor, point: { unitCode: string }): boolean => actor.role === "village_cadre" && actor.scope.code === point.unitCode,
  /** The village corrects its own answers (within the window, corrections.ts). */
  canCorrectOwn: (actor: Actor, answer: { unitCode: string }): boolean => actor.role === "village_cadre" && actor.scope.code === answer.unitCode,
  /** The township official corrects the answers of the township's villages, with a reason. */
  canCorrectBelow: (actor: Actor, unitPath: string): boolean => actor.role === "township_official" && pathIsInside(unitPath, regionPathOf(actor)),
};
