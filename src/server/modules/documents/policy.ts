import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";

/** The region a document's issuer speaks for: a department speaks for its county. */
const regionOfIssuer = (issuer: { path: string; level: string }) => (issuer.level === "department" ? issuer.path.split(".").slice(0, -1).join(".") : issuer.path);

/**
 * Who may do what with documents 文件:
 * - a department's staff or a township's officials register documents in their own unit's name; an
 *   office 减负办 in the name of any unit of its region (it keeps the region's register, higher
 *   documents included);
 * - everyone reads the documents issued inside his region, and those issued above it (a lower level
 *   implements them: they are what it must not copy);
 * - the yearly counts are the office's and the commission's view of their region.
 */
export const documentPolicy = {
  canRegisterAs: (actor: Actor, issuer: ScopeUnit): boolean => {
    if (actor.role === "department_staff" || actor.role === "township_official") return issuer.code === actor.scope.code;
    if (actor.role === "office") return pathIsInside(issuer.path, actor.scope.path);
    return false;
  },
  canRead: (actor: Actor, doc: { issuerPath: string; issuerLevel: string }): boolean => {
    const mine = regionPathOf(actor);
    return pathIsInside(doc.issuerPath, mine) || pathIsInside(mine, regionOfIssuer({ path: doc.issuerPath, level: doc.issuerLevel }));
  },
  canSeeCounts: (actor: Actor): boolean => actor.role === "office" || actor.role === "commission" || actor.role === "admin",
};

export { regionOfIssuer };
