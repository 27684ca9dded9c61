import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * Proofs 证明事项 asked of village committees ("万能章"): a cadre enters what someone asks his village to
 * certify; the platform says whether the village may issue it (the region's list), logs it, and for a
 * proof the village may not or need not issue writes the refusal 不予出具告知书 naming how the asking
 * body can check the fact itself.
 */
export const PROOF_DECISIONS = ["issue", "refuse_banned", "refuse_unlisted"] as const;
export const ZProofDecision = z.enum(PROOF_DECISIONS);
export type ProofDecision = z.infer<typeof ZProofDecision>;

export const ZProofRequestInput = z
  .object({
    villageCode: ZUnitCode.describe("the village asked; a village cadre's own by default"),
    proofName: z.string().trim().min(2).max(100).describe("e.g. 亲属关系证明"),
    requestedBy: z.string().trim().min(2).max(100).describe("the body that asks for it, e.g. 某银行饶河支行"),
    purpose: z.string().trim().max(200).optional(),
    on: ZIsoDate.optional().describe("the day it was asked (default: today)"),
  })
  .strict();
export type ProofRequestInput = z.infer<typeof ZProofRequestInput>;

export const ZProofRequest = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  proofName: z.string(),
  requestedBy: z.string(),
  purpose: z.string().nullable(),
  on: z.string(),
  decision: ZProofDecision,
  matched: z.string().nullable().describe("the listed or banned proof it matched"),
  channel: z.string().nullable().describe("how the asking body can check the fact itself"),
  refusalText: z.string().nullable(),
  createdBy: z.string(),
  /** The village's hours for it: a proof issued × the minutes per proof of its region; 0 for a refusal. */
  hours: z.number(),
});
export type ProofRequest = z.infer<typeof ZProofRequest>;

export const ZProofRequestIdParams = z.object({ id: z.uuid() });
export const ZProofListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  village: ZUnitCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZProofList = z.object({ total: z.number().int(), items: z.array(ZProofRequest) });
export const ZProofCountsQuery = z.object({ year: z.coerce.number().int().min(2001).max(2099) });
export const ZProofCounts = z.object({
  year: z.number().int(),
  villages: z.array(
    z.object({
      villageCode: z.string(),
      villageName: z.string(),
      issuedThisYear: z.number().int(),
      issuedLastYear: z.number().int(),
      refusedThisYear: z.number().int(),
      /** Change of proofs issued against last year, e.g. -0.85; null without last year. */
      change: z.number().nullable(),
      /** The minutes per proof issued in force for the village (its region's setting registryMinutes.proofIssued). */
      minutesPerProof: z.number(),
      /** Burden-hours: proofs issued × minutes per proof. */
      hoursThisYear: z.number(),
      hoursLastYear: z.number(),
    }),
  ),
  /** The region's sums; change is that of the hours against last year. */
  total: z.object({
    issuedThisYear: z.number().int(),
    issuedLastYear: z.number().int(),
    refusedThisYear: z.number().int(),
    hoursThisYear: z.number(),
    hoursLastYear: z.number(),
    change: z.number().nullable(),
  }),
});

/**
 * The list of proofs a village may issue 村级可出具证明事项清单, by year: kept by the office of a region (the
 * gate's register "allowed_proof"); a proof asked that is neither on it nor banned is refused as unlisted.
 */
export const ZAllowedProofInput = z
  .object({
    regionCode: ZUnitCode.optional().describe("the region whose list it joins (default: the office's own)"),
    year: z.number().int().min(2000).max(2100),
    code: z.string().trim().min(1).max(60).describe("the item's number on the list, e.g. ZM-01"),
    title: z.string().trim().min(2).max(100).describe("the proof, e.g. 困难群众家庭情况证明"),
  })
  .strict();
export type AllowedProofInput = z.infer<typeof ZAllowedProofInput>;
export const ZAllowedProofWithdrawal = z
  .object({ year: z.number().int().min(2000).max(2100), code: z.string().trim().min(1).max(60), reason: z.string().trim().min(4).max(500).describe("why the proof is taken off the list") })
  .strict();
export type AllowedProofWithdrawal = z.infer<typeof ZAllowedProofWithdrawal>;
export const ZAllowedProofsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const ZAllowedProof = z.object({
  id: z.string(),
  year: z.number().int(),
  code: z.string(),
  title: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  can: z.array(z.enum(["withdraw"])).describe("what the caller may do with the entry: withdraw it when his office keeps the region's list (not an entry set above)"),
});
export type AllowedProof = z.infer<typeof ZAllowedProof>;
export const ZAllowedProofs = z.object({ year: z.number().int(), items: z.array(ZAllowedProof) });
export const ZAllowedProofAdded = ZAllowedProofs.extend({ added: z.boolean().describe("false when the entry was on the list already, as written") });
