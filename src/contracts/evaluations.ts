import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * 评比表彰、创建示范、节庆展会论坛 (evaluations, demonstration campaigns, festivals and forums) need a place
 * on the approved list of the year; 挂牌 plaques on a village office need a place on the allowed list.
 */
export const EVALUATION_CATEGORIES = ["commendation", "demonstration", "festival_forum"] as const;
export type EvaluationCategory = (typeof EVALUATION_CATEGORIES)[number];
export const EVALUATION_CATEGORY_NAMES: Record<EvaluationCategory, { zh: string; en: string }> = {
  commendation: { zh: "评比表彰", en: "commendation" },
  demonstration: { zh: "创建示范", en: "demonstration" },
  festival_forum: { zh: "节庆展会论坛", en: "festival, fair or forum" },
};
/** withdrawn 已撤回: approved, then taken off the list by the office with a reason. */
export const EVALUATION_REQUEST_STATUSES = ["pending", "approved", "rejected", "withdrawn"] as const;

export const ZEvaluationRequestInput = z
  .object({
    issuer: ZUnitCode.describe("the department or township that will hold it"),
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(4).max(200),
    category: z.enum(EVALUATION_CATEGORIES),
    reason: z.string().trim().min(4).max(1000).describe("why it is needed, and what it asks of the grassroots"),
  })
  .strict();
export type EvaluationRequestInput = z.infer<typeof ZEvaluationRequestInput>;

export const ZEvaluationDecision = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: z.string().trim().min(2).max(500),
    approvalCode: z.string().trim().min(1).max(60).optional().describe("the approval's number; one is made when left out"),
  })
  .strict();

export const ZEvaluationRequest = z.object({
  id: z.string(),
  year: z.number().int(),
  region: z.object({ code: z.string(), name: z.string() }),
  issuer: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  category: z.enum(EVALUATION_CATEGORIES),
  reason: z.string(),
  status: z.enum(EVALUATION_REQUEST_STATUSES),
  approvalCode: z.string().nullable(),
  decisionReason: z.string().nullable(),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  can: z.array(z.enum(["decide", "withdraw"])),
});
export type EvaluationRequest = z.infer<typeof ZEvaluationRequest>;

export const ZEvaluationYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const ZEvaluationYear = z.object({
  year: z.number().int(),
  region: z.object({ code: z.string(), name: z.string() }),
  /** The approved list the gate's UNAPPROVED_EVALUATION reads (this region's and those above it). */
  approved: z.array(z.object({ code: z.string(), title: z.string(), can: z.array(z.enum(["withdraw"])).default([]) })),
  /** yearlyHours: the hours of the burdens in force (admitted or held) that cite the request's approval code; null until approved. */
  requests: z.array(ZEvaluationRequest.extend({ yearlyHours: z.number().nullable() })),
  /** Every evaluation burden of the year in the region; those whose code is not on the list are flagged. */
  burdens: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      issuer: z.string(),
      issuedOn: z.string(),
      status: z.string(),
      category: z.enum(EVALUATION_CATEGORIES),
      approvalCode: z.string().nullable(),
      admissionNumber: z.string().nullable(),
      onList: z.boolean(),
      /** Its burden-hours as registered: minutes per target × targets × occurrences a year (the burden registry's own figure). */
      yearlyHours: z.number(),
    }),
  ),
  /** Per issuer: the burden-hours of its evaluation burdens in force (admitted or held), this year and last, and the change. */
  issuers: z.array(
    z.object({ code: z.string(), name: z.string(), burdens: z.number().int(), yearlyHours: z.number(), yearlyHoursLastYear: z.number(), change: z.number().nullable() }),
  ),
  total: z.object({ burdens: z.number().int(), yearlyHours: z.number(), yearlyHoursLastYear: z.number(), change: z.number().nullable() }),
});
export type EvaluationYear = z.infer<typeof ZEvaluationYear>;
/** The office takes an approved item off the year's list 撤出清单 by its approval code, with a reason. */
export const ZEvaluationWithdrawal = z
  .object({ year: z.number().int().min(2000).max(2100), code: z.string().trim().min(1).max(60), reason: z.string().trim().min(4).max(500) })
  .strict();
export type EvaluationWithdrawal = z.infer<typeof ZEvaluationWithdrawal>;
export const ZEvaluationRequestParams = z.object({ id: z.uuid() });
export const ZEvaluationImportResult = z.object({ added: z.number().int() });

// ---- plaques 挂牌 ----
export const ZPlaqueAllowedInput = z
  .object({
    regionCode: ZUnitCode,
    items: z.array(z.object({ name: z.string().trim().min(2).max(60), basis: z.string().trim().max(200).optional() }).strict()).min(1).max(200),
  })
  .strict();
export const ZPlaqueAllowed = z.object({ id: z.string(), region: z.object({ code: z.string(), name: z.string() }), name: z.string(), basis: z.string().nullable(), can: z.array(z.enum(["delete"])) });
export type PlaqueAllowed = z.infer<typeof ZPlaqueAllowed>;
export const ZPlaqueAllowedList = z.object({ items: z.array(ZPlaqueAllowed) });
/** One row of the allowed list as imported from Excel: the region (default: the office's own), the name and its basis. */
export const ZPlaqueAllowedRow = z
  .object({ regionCode: ZUnitCode.optional(), name: z.string().trim().min(2).max(60), basis: z.string().trim().max(200).optional() })
  .strict();
export type PlaqueAllowedRow = z.infer<typeof ZPlaqueAllowedRow>;
export const ZPlaqueAllowedQuery = z.object({ village: ZUnitCode.optional() });

export const ZPlaqueSurveyInput = z
  .object({
    villageCode: ZUnitCode,
    name: z.string().trim().min(2).max(60),
    issuer: z.string().trim().max(60).optional().describe("who gave the plaque, if known"),
    surveyedOn: ZIsoDate.optional(),
  })
  .strict();
export type PlaqueSurveyInput = z.infer<typeof ZPlaqueSurveyInput>;

export const ZPlaque = z.object({
  id: z.string(),
  village: z.object({ code: z.string(), name: z.string(), townshipName: z.string().nullable() }),
  name: z.string(),
  issuer: z.string().nullable(),
  surveyedOn: z.string(),
  removedOn: z.string().nullable(),
  hasPhoto: z.boolean(),
  /** The allowed plaque it is taken for, and how alike the names are. */
  match: z.object({ name: z.string(), score: z.number() }).nullable(),
  allowed: z.boolean(),
  /** 乱挂牌: not on the allowed list and still hung — to be taken down. */
  flag: z.object({ code: z.literal("PLAQUE_NOT_ALLOWED"), message: z.string() }).nullable(),
  /** Burden-hours a year of its upkeep while hung (the village region's registryMinutes.plaqueYearly); 0 once taken down. */
  yearlyHours: z.number(),
  can: z.array(z.enum(["photo", "removed"])),
});
export type Plaque = z.infer<typeof ZPlaque>;
export const ZPlaqueListQuery = z.object({ under: ZUnitCode.optional(), flagged: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(2000).default(500) });
export const ZPlaqueList = z.object({ total: z.number().int(), items: z.array(ZPlaque) });
export const ZPlaqueParams = z.object({ id: z.uuid() });
export const ZPlaqueRemoved = z.object({ removedOn: ZIsoDate.optional().describe("China's today when left out") }).strict();
const ZPlaqueTally = {
  villages: z.number().int(),
  surveyedVillages: z.number().int(),
  plaques: z.number().int(),
  notAllowed: z.number().int(),
  removed: z.number().int(),
  stillHung: z.number().int(),
  /** Upkeep hours a year of every plaque still hung, allowed or not. */
  yearlyHours: z.number(),
  /** Of those, the hours of the plaques not allowed and still hung: what taking them down frees. */
  yearlyHoursNotAllowed: z.number(),
};
export const ZPlaqueCounts = z.object({
  under: z.object({ code: z.string(), name: z.string() }),
  rows: z.array(z.object({ code: z.string(), name: z.string(), ...ZPlaqueTally })),
  total: z.object(ZPlaqueTally),
});
export type PlaqueCounts = z.infer<typeof ZPlaqueCounts>;
export const ZPlaqueCountsQuery = z.object({ under: ZUnitCode.optional() });
