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
  /** Working days away by the Chinese calendar: start to return, or while away to the later of the planned end and today. */
  workingDays: z.number().int(),
  /** Burden-hours of the lending unit: working days away × the minutes of a working day in force for it. */
  hours: z.number(),
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

/** GET /api/secondments/hours: working hours taken from each lending unit 借出单位 in a year, against the year before. */
export const ZSecondmentHoursQuery = z.object({ year: z.coerce.number().int().min(2001).max(2099) });
const ZHoursChange = { hours: z.number(), hoursLastYear: z.number(), change: z.number().nullable().describe("of the hours against last year, e.g. -0.4") };
export const ZSecondmentHours = z.object({
  year: z.number().int(),
  units: z.array(z.object({ unit: z.object({ code: z.string(), name: z.string(), level: z.string() }), secondments: z.number().int().describe("away some day of the year"), workingDays: z.number().int(), ...ZHoursChange })),
  total: z.object({ secondments: z.number().int(), workingDays: z.number().int(), ...ZHoursChange }),
});
export type SecondmentHours = z.infer<typeof ZSecondmentHours>;
