import { z } from "zod";
import { ZUnitCode } from "./roles.js";

/**
 * Annual inspection plan 年度督查检查考核计划 (issue 6): a department submits plan items for a year, the
 * 减负办 approves or rejects each with a reason; approved items become the register the gate's
 * UNPLANNED_INSPECTION rule reads.
 */
/** withdrawn 已撤回: an approved item the office took back out of the register, with a reason. */
export const PLAN_ITEM_STATUSES = ["submitted", "approved", "rejected", "withdrawn"] as const;
export const ZPlanItemStatus = z.enum(PLAN_ITEM_STATUSES);
export type PlanItemStatus = z.infer<typeof ZPlanItemStatus>;

export const ZPlanItemInput = z
  .object({
    department: ZUnitCode.describe("the department (or township) that will inspect"),
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(4).max(200),
    targets: z.array(ZUnitCode).min(1).max(500).describe("the townships or villages it visits"),
    month: z.number().int().min(1).max(12),
    comprehensive: z.boolean().default(false),
  })
  .strict();
export type PlanItemInput = z.infer<typeof ZPlanItemInput>;

const ZUnitRef = z.object({ code: z.string(), name: z.string() });

export const ZPlanItem = z.object({
  id: z.string().uuid(),
  code: z.string().describe("the plan item code an inspection cites (planItemCode)"),
  year: z.number().int(),
  department: ZUnitRef,
  title: z.string(),
  targets: z.array(ZUnitRef),
  month: z.number().int(),
  comprehensive: z.boolean(),
  status: ZPlanItemStatus,
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  can: z.array(z.enum(["decide", "withdraw"])),
});
export type PlanItem = z.infer<typeof ZPlanItem>;

export const ZPlanListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  status: ZPlanItemStatus.optional(),
  department: ZUnitCode.optional(),
});
export const ZPlanList = z.object({
  year: z.number().int(),
  items: z.array(ZPlanItem),
  counts: z.object({ submitted: z.number().int(), approved: z.number().int(), rejected: z.number().int(), withdrawn: z.number().int(), comprehensiveApproved: z.number().int() }),
});
export type PlanList = z.infer<typeof ZPlanList>;

export const ZPlanDecision = z.object({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().min(2).max(1000) }).strict();
/** The office withdraws an approved item from the register 撤回, always with a reason. */
export const ZPlanWithdrawal = z.object({ reason: z.string().trim().min(4).max(1000) }).strict();
export const ZPlanItemParams = z.object({ id: z.string().uuid() });
export const ZPlanImportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), department: ZUnitCode });
export const ZPlanExportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const ZPlanImportResult = z.object({ imported: z.number().int(), codes: z.array(z.string()) });
