import type { Targets } from "../../../contracts/burdens.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { ScopeUnit } from "../../kernel/actor.js";
import { plainUnitReader, type UnitReader } from "../org/unit-cache.js";
import { burdenPolicy } from "./policy.js";

export const MAX_TARGETS = 20_000;

/**
 * Turns the issuer's targets (a list, or "all villages under X") into units, refusing unknown codes
 * and units outside the issuer's reach by name.
 */
export async function resolveTargets(db: Queryable, issuer: ScopeUnit, spec: Targets, units: UnitReader = plainUnitReader(db)): Promise<ScopeUnit[]> {
  let found: ScopeUnit[];
  if (Array.isArray(spec)) {
    const codes = [...new Set(spec)];
    found = await units.getMany(codes);
    const known = new Set(found.map((u) => u.code));
    const missing = codes.filter((c) => !known.has(c));
    if (missing.length > 0) throw new AppError("UNIT_NOT_FOUND", { code: missing.slice(0, 5).join(", ") });
  } else {
    // Most often a unit targets everything under itself: the issuer is the root, already read.
    const root = spec.under === issuer.code ? issuer : await units.get(spec.under);
    if (!root) throw new AppError("UNIT_NOT_FOUND", { code: spec.under });
    found = [...(root.level === spec.level ? [root] : []), ...(await units.under(root.path, spec.level))];
  }
  if (found.length === 0) throw new AppError("NO_TARGETS");
  if (found.length > MAX_TARGETS) throw new AppError("TOO_MANY_TARGETS", { max: MAX_TARGETS });
  const outside = found.filter((t) => !burdenPolicy.canTarget(issuer, t));
  if (outside.length > 0) {
    throw new AppError("TARGET_OUT_OF_REACH", { issuer: issuer.name, units: outside.slice(0, 5).map((u) => `${u.name}(${u.code})`).join("、") });
  }
  return found;
}
