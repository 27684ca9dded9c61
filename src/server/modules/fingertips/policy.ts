import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

type Owned = { ownerCode: string; ownerPath: string };
type Reaching = Owned & { regionPath: string; audiencePaths: readonly string[] };

/**
 * Who may do what with the fingertips ledger 指尖减负台账: the unit that runs an app or group registers it
 * (a department, a township), as does the office of its region; only the office closes or merges 关停整合;
 * whoever's region holds the owner reads it, and so does every cadre it reaches.
 */
export const fingertipPolicy = {
  canKeep: (actor: Actor, owner: { code: string; path: string }): boolean =>
    ((actor.role === "department_staff" || actor.role === "township_official") && actor.scope.code === owner.code) ||
    (actor.role === "office" && pathIsInside(owner.path, regionPathOf(actor))),
  canDecide: (actor: Actor, row: Reaching): boolean => actor.role === "office" && pathIsInside(row.regionPath, regionPathOf(actor)),
  /** The office or admin of a region sees its whole ledger (load, merge proposals, Excel). */
  canOversee: (actor: Actor): boolean => actor.role === "office" || actor.role === "admin" || actor.role === "commission",
  canImport: (actor: Actor): boolean => actor.role === "office",
  canRead: (actor: Actor, row: Reaching): boolean => {
    const region = regionPathOf(actor);
    return pathIsInside(row.ownerPath, region) || row.audiencePaths.some((p) => pathIsInside(actor.scope.path, p) || pathIsInside(p, region));
  },
};
