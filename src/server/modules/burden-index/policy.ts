import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

/**
 * Who may read the burden index 负担指数: everyone the index of the units inside his region (a village
 * cadre his village, a township official his township and its villages, a department's staff and the
 * county's office and commission the county, an admin his scope). Outside it a unit is not found.
 */
export const indexPolicy = {
  canRead: (actor: Actor, unit: { path: string }): boolean => pathIsInside(unit.path, regionPathOf(actor)),
  /** The unit a dashboard opens on: the actor's region. */
  homeUnitCode: (actor: Actor): string => regionPathOf(actor).split(".").at(-1)!,
};
