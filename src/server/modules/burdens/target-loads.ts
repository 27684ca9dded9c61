import { eq } from "drizzle-orm";
import type { BurdenInput } from "../../../contracts/burdens.js";
import type { Tx } from "../../db/client.js";
import { occurrencesPerMonth } from "./hours.js";
import { burdenTargets } from "./schema.js";

/**
 * The load columns of burden_targets 负担对象: what one target carries, by month, copied from the burden.
 * They change only with the targets (a draft rewritten) or with the burden coming into or out of force.
 */
export const loadOf = (input: Pick<BurdenInput, "frequency" | "issuedOn" | "deadline" | "minutesPerTarget">) => ({
  loadFrom: input.frequency === "once" ? input.deadline : input.issuedOn,
  loadTo: input.deadline,
  monthlyMinutes: input.minutesPerTarget * occurrencesPerMonth(input.frequency),
});

/** Admitted (and later expired) burdens load their targets; drafts, returned and withdrawn ones do not. */
export async function setInForce(tx: Tx, burdenId: string, inForce: boolean) {
  await tx.update(burdenTargets).set({ inForce }).where(eq(burdenTargets.burdenId, burdenId));
}
