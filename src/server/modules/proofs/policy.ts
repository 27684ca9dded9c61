import { pathIsInside, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";

/**
 * Who may do what with proofs asked of villages 证明事项:
 * - a village cadre records what his village is asked; a township official for the villages of his
 *   township (many villages keep the ledger at the township);
 * - everyone reads the requests and counts of the villages inside his region (a county's office and
 *   commission all of the county's; another county none);
 * - the office keeps the list of proofs villages may issue 村级可出具证明事项清单 for its region and the
 *   regions inside it.
 */
export const proofPolicy = {
  canAsk: (actor: Actor, village: ScopeUnit): boolean =>
    (actor.role === "village_cadre" || actor.role === "township_official") && pathIsInside(village.path, actor.scope.path),
  canSee: (actor: Actor, villagePath: string): boolean => pathIsInside(villagePath, regionPathOf(actor)),
  canKeepList: (actor: Actor, region: Pick<ScopeUnit, "path">): boolean => actor.role === "office" && pathIsInside(region.path, actor.scope.path),
};
