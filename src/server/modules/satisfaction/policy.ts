import { pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";

/**
 * Who reads the public's verdict 群众满意度: the office, the commission and administrators of a region
 * read results and comments of its units; a township official the figures of his township, not the
 * comments (they may name people). Anyone, without logging in, answers.
 */
export const satisfactionPolicy = {
  canReadResults: (actor: Actor, unit: { path: string }): boolean =>
    ["office", "commission", "admin", "township_official"].includes(actor.role) && pathIsInside(unit.path, regionPathOf(actor)),
  canReadComments: (actor: Actor, unit: { path: string }): boolean => ["office", "commission", "admin"].includes(actor.role) && pathIsInside(unit.path, regionPathOf(actor)),
  canPrintPoster: (actor: Actor, unit: { path: string; level: string }): boolean =>
    actor.role === "office" && ["village", "township", "county"].includes(unit.level) && pathIsInside(unit.path, regionPathOf(actor)),
};
