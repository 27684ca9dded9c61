import { eq } from "drizzle-orm";
import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { cachedUnitReader, forgetUnits, plainUnitReader, type UnitReader } from "../org/unit-cache.js";
import { evaluateGate } from "./gate/evaluate.js";
import { loadGateContext } from "./gate/context.js";
import type { ParentBurden, RawFinding } from "./gate/types.js";
import { yearlyMinutes } from "./hours.js";
import { burdenPolicy } from "./policy.js";
import { burdens, burdenTargets } from "./schema.js";
import { resolveTargets } from "./targets.js";

export type Prepared = {
  issuer: ScopeUnit;
  targets: ScopeUnit[];
  outcome: "admitted" | "in_review" | "returned";
  findings: RawFinding[];
  yearlyMinutes: number;
};

export { chinaToday } from "../../kernel/dates.js";

async function loadParent(db: Db, parentId: string, issuer: ScopeUnit): Promise<ParentBurden> {
  const [parent] = await db.select().from(burdens).where(eq(burdens.id, parentId));
  if (!parent) throw new AppError("BURDEN_NOT_FOUND");
  if (parent.status !== "admitted") throw new AppError("PARENT_NOT_ADMITTED");
  const targeted = await db.select({ code: burdenTargets.unitCode }).from(burdenTargets).where(eq(burdenTargets.burdenId, parentId));
  if (!targeted.some((t) => t.code === issuer.code)) throw new AppError("NOT_A_PARENT_TARGET");
  return {
    id: parent.id,
    kind: parent.kind as ParentBurden["kind"],
    title: parent.title,
    issuedOn: parent.issuedOn,
    deadline: parent.deadline,
    quantity: (parent.quantity as ParentBurden["quantity"]) ?? null,
    minutesPerTarget: parent.minutesPerTarget,
    frequency: parent.frequency as ParentBurden["frequency"],
  };
}

/**
 * Everything a burden must pass before it is written: the actor may issue in the issuer's name, the
 * targets exist and lie in the issuer's reach, the deadline is ahead, and the gate's findings.
 * Units come from memory (org/unit-cache.ts); when they changed in the database meanwhile, the check is
 * done again with fresh ones, and a third time without the cache.
 */
export async function prepareBurden(db: Db, args: { actor: Actor; input: BurdenInput; excludeId?: string; today?: string }): Promise<Prepared> {
  for (let attempt = 1; ; attempt++) {
    const units = attempt < 3 ? cachedUnitReader(db) : plainUnitReader(db);
    let result: Awaited<ReturnType<typeof prepareWith>>;
    try {
      result = await prepareWith(db, units, args);
    } catch (err) {
      // A refusal (not the issuer's, a target out of reach) must not rest on units that have since changed.
      if (!(err instanceof AppError) || (await units.stillCurrent())) throw err;
      forgetUnits(db);
      continue;
    }
    if (result.unitsCurrent) return result.prepared;
    forgetUnits(db);
  }
}

async function prepareWith(db: Db, units: UnitReader, args: { actor: Actor; input: BurdenInput; excludeId?: string; today?: string }) {
  const { actor, input } = args;
  const today = args.today ?? chinaToday();
  const issuer = await units.get(input.issuer);
  if (!issuer) throw new AppError("UNIT_NOT_FOUND", { code: input.issuer });
  authorize(burdenPolicy.canIssueAs(actor, issuer), "NOT_ISSUER", { issuer: issuer.name });
  if (input.deadline < today) throw new AppError("DEADLINE_IN_PAST", { deadline: input.deadline });
  const parent = input.parentId ? await loadParent(db, input.parentId, issuer) : null;
  const targets = await resolveTargets(db, issuer, input.targets, units);
  const ctx = await loadGateContext(db, { input, issuer, targets, parent, today, excludeId: args.excludeId, units });
  const { findings, outcome } = evaluateGate(input, ctx);
  const prepared: Prepared = { issuer, targets, outcome, findings, yearlyMinutes: yearlyMinutes(input, targets.length) };
  return { prepared, unitsCurrent: ctx.unitsCurrent };
}
