import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * Secondments 借调: grassroots cadres borrowed by higher units. Reported cases (Putuo district borrowing
 * staff without approval) make the register's flags: no approval on the region's register, longer than
 * the cap, the same person again within the repeat window, not returned when due.
 */
export const SECONDMENT_FLAGS = ["NO_APPROVAL", "TOO_LONG", "REPEATED", "OVERDUE_RETURN"] as const;
export type SecondmentFlag = (typeof SECONDMENT_FLAGS)[number];

export const ZSecondmentInput = z
  .object({
    personName: z.string().trim().min(2).max(30),
    fromUnit: ZUnitCode.describe("the township or village the person works for"),
    borrowingUnit: ZUnitCode.describe("the unit or department that borrows him"),
    startOn: ZIsoDate,
    plannedEndOn: ZIsoDate,
    approvalCode: z.string().trim().min(1).max(60).optional().describe("the approval's document number, as on the region's register"),
    reason: z.string().trim().min(4).max(300),
  })
  .strict()
  .refine((s) => s.plannedEndOn > s.startOn, { message: "the planned end comes after the start / 计划结束日期须晚于开始日期", path: ["plannedEndOn"] });
export type SecondmentInput = z.infer<typeof ZSecondmentInput>;

export const ZSecondment = z.object({
  id: z.string(),
  personName: z.string(),
  fromUnit: z.object({ code: z.string(), name: z.string() }),
  borrowingUnit: z.object({ code: z.string(), name: z.string() }),
  startOn: z.string(),
  plannedEndOn: z.string(),
  returnedOn: z.string().nullable(),
  months: z.number(),
  approvalCode: z.string().nullable(),
  reason: z.string(),
  flags: z.array(z.object({ code: z.enum(SECONDMENT_FLAGS), message: z.string() })),
  can: z.array(z.enum(["return"])),
});
export type Secondment = z.infer<typeof ZSecondment>;

export const ZSecondmentIdParams = z.object({ id: z.uuid() });
export const ZSecondmentListQuery = z.object({ flagged: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) });
export const ZSecondmentList = z.object({ total: z.number().int(), items: z.array(ZSecondment) });
export const ZSecondmentReturn = z.object({ returnedOn: ZIsoDate }).strict();
