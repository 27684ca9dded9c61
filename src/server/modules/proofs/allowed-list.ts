import type { AllowedProof, AllowedProofInput, AllowedProofWithdrawal } from "../../../contracts/proofs.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { proofStatus } from "../burdens/gate/rules/registers.js";
import { addRegisterEntries, loadGateSettings, registerEntries, registerEntry, withdrawRegisterEntry } from "../burdens/gate/settings.js";
import { getUnit, getUnits } from "../org/units.js";
import { proofPolicy } from "./policy.js";

/**
 * The list of proofs a village may issue 村级可出具证明事项清单. It is the gate's register "allowed_proof"
 * (burdens keeps it; recordProofRequest and the gate's PROOF_NOT_LISTED read it), so an entry added here
 * decides the next proof asked at once.
 */

/** The list the people of one's region work by in a year: their region's, those above and inside it. */
export async function listAllowedProofs(db: Queryable, actor: Actor, year: number): Promise<AllowedProof[]> {
  const rows = await registerEntries(db, { path: regionPathOf(actor), year, register: "allowed_proof" });
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.regionCode))])).map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    code: r.code,
    title: r.title,
    region: { code: r.regionCode, name: names.get(r.regionCode) ?? r.regionCode },
    can: proofPolicy.canKeepList(actor, { path: r.regionPath }) ? ["withdraw" as const] : [],
  }));
}

/**
 * Adds one proof to a region's list of a year, audited as the gate register's own add. An entry already
 * there as written is left alone (null); the same number for another proof, a proof villages may no
 * longer issue at all (the banned list), a unit that is no region, or one outside the office's are refused.
 */
export async function addAllowedProof(db: Db, actor: Actor, input: AllowedProofInput): Promise<string | null> {
  authorize(actor.role === "office");
  const code = input.regionCode ?? actor.scope.code;
  const region = await getUnit(db, code);
  const readable = region && (pathIsInside(region.path, regionPathOf(actor)) || pathIsInside(regionPathOf(actor), region.path));
  if (!region || !readable) throw new AppError("UNIT_NOT_FOUND", { code });
  if (region.level === "village" || region.level === "department") throw new AppError("PROOF_LIST_REGION", { code });
  const there = await registerEntry(db, { regionCode: region.code, year: input.year, register: "allowed_proof", code: input.code });
  if (there?.title === input.title) return null;
  authorize(proofPolicy.canKeepList(actor, region), "OUT_OF_SCOPE", { code: region.code });
  if (there) throw new AppError("PROOF_LIST_CODE_TAKEN", { code: input.code, year: input.year, title: there.title });
  const status = proofStatus(input.title, await loadGateSettings(db, region.path), []);
  if (status.kind === "banned") throw new AppError("PROOF_LIST_BANNED", { name: input.title, banned: status.name });
  await addRegisterEntries(db, { actor, region, year: input.year, register: "allowed_proof", entries: [{ code: input.code, title: input.title }] });
  const added = await registerEntry(db, { regionCode: region.code, year: input.year, register: "allowed_proof", code: input.code });
  if (!added) throw new AppError("INTERNAL");
  return added.id;
}

/**
 * The office takes a proof off the list 撤出清单 (its region's or a region's inside it), audited with the
 * reason as the register's withdrawal: from then on a village asked for it refuses it as unlisted. An
 * entry the office sees on its list but a region above set is refused as not its to take off (403,
 * naming who set it: the list shows it anyway); a code not on the list it sees is not found (404).
 */
export async function withdrawAllowedProof(db: Db, actor: Actor, w: AllowedProofWithdrawal): Promise<void> {
  authorize(actor.role === "office");
  await db.transaction(async (tx) => {
    const removed = await withdrawRegisterEntry(tx, { actor, underPath: actor.scope.path, year: w.year, register: "allowed_proof", code: w.code, reason: w.reason });
    if (removed.length > 0) return;
    const above = (await listAllowedProofs(tx, actor, w.year)).find((e) => e.code === w.code);
    if (above) throw new AppError("PROOF_LIST_SET_ABOVE", { code: above.code, title: above.title, region: above.region.name });
    throw new AppError("PROOF_LIST_NOT_FOUND", { code: w.code, year: w.year });
  });
}
