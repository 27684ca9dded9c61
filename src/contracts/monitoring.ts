import { z } from "zod";
import { ZBurdenKind } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * Monitoring points 监测点: villages chosen by the office answer a short weekly survey on a phone —
 * the hours each admitted burden that reached them really took, and the burdens that came without an
 * admission number 准入编号. Missing answers are listed and reminded.
 */

/** A week is named by its Monday, YYYY-MM-DD. */
export const ZWeek = z.iso.date().describe("the week's Monday, YYYY-MM-DD");
/** Hours of one burden in one week: at most the week itself, to the tenth of an hour. */
export const ZWeekHours = z.number().min(0).max(168).multipleOf(0.1);

export const ZPointInput = z.object({ unitCode: ZUnitCode });
export const ZPointParams = z.object({ code: ZUnitCode });
export const ZPointListQuery = z.object({ week: ZWeek.optional() });

export const ZPoint = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  since: ZWeek,
  /** The week asked about and whether it was answered; reminders sent for it. */
  answered: z.boolean(),
  reminders: z.number().int(),
  lastAnswered: ZWeek.nullable(),
});
export type Point = z.infer<typeof ZPoint>;
export const ZPointList = z.object({ week: ZWeek, items: z.array(ZPoint), missing: z.number().int() });
export type PointList = z.infer<typeof ZPointList>;

export const ZSurveyQuery = z.object({ week: ZWeek.optional() });

export const ZSurveyBurden = z.object({
  burdenId: z.string().uuid(),
  title: z.string(),
  kind: ZBurdenKind,
  admissionNumber: z.string().nullable(),
  issuer: z.object({ code: z.string(), name: z.string() }),
  expectedHours: z.number().describe("the issuer's estimate for one week"),
});

export const ZUnregisteredInput = z.object({
  text: z.string().trim().min(2).max(500),
  issuerCode: ZUnitCode.optional(),
  issuerName: z.string().trim().min(1).max(100).optional(),
  hours: ZWeekHours,
});

export const ZAnswerInput = z.object({
  week: ZWeek,
  idempotencyKey: z.string().min(8).max(100),
  items: z.array(z.object({ burdenId: z.string().uuid(), hours: ZWeekHours })).max(200),
  unregistered: z.array(ZUnregisteredInput).max(20),
});
export type AnswerInput = z.infer<typeof ZAnswerInput>;

export const ZAnswer = z.object({
  id: z.string().uuid(),
  unit: z.object({ code: z.string(), name: z.string() }),
  week: ZWeek,
  month: z.string(),
  answeredBy: z.string(),
  expectedHours: z.number(),
  actualHours: z.number(),
  items: z.array(z.object({ burdenId: z.string(), title: z.string(), admissionNumber: z.string().nullable(), issuerCode: z.string(), expectedHours: z.number(), actualHours: z.number() })),
  unregistered: z.array(z.object({ text: z.string(), issuerCode: z.string().nullable(), issuerName: z.string().nullable(), hours: z.number() })),
  /** 1 as sent, one more for each correction; a correction names the revision it corrects. */
  revision: z.number().int(),
  /** The last day the village itself may correct the answer (later only its township, with a reason). */
  correctableUntil: z.iso.date(),
  corrections: z.array(
    z.object({
      revision: z.number().int(),
      at: z.string(),
      by: z.string(),
      role: z.string(),
      reason: z.string().nullable(),
      before: z.object({ actualHours: z.number(), unregisteredHours: z.number() }),
      after: z.object({ actualHours: z.number(), unregisteredHours: z.number() }),
    }),
  ),
});
export type Answer = z.infer<typeof ZAnswer>;

export const ZSurvey = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  week: ZWeek,
  weekEnd: z.iso.date(),
  burdens: z.array(ZSurveyBurden),
  answer: ZAnswer.nullable(),
  /** Earlier weeks still unanswered (the last eight at most), newest first. */
  pending: z.array(ZWeek),
  reminded: z.boolean(),
});
export type Survey = z.infer<typeof ZSurvey>;

/** Days after a week's Sunday during which its village may correct its answer 更正 without a reason. */
export const CORRECTION_DAYS = 14;

export const ZAnswerParams = z.object({ id: z.string().uuid() });
/**
 * A correction 更正 of a sent answer: the whole answer again (items and unregistered burdens), the
 * revision it corrects, a new idempotency key, and a reason (required of the township).
 */
export const ZCorrectionInput = z.object({
  revision: z.number().int().min(1),
  idempotencyKey: z.string().min(8).max(100),
  items: ZAnswerInput.shape.items,
  unregistered: ZAnswerInput.shape.unregistered,
  reason: z.string().trim().min(2).max(500).optional(),
});
export type CorrectionInput = z.infer<typeof ZCorrectionInput>;

export const ZAnswerListQuery = z.object({ week: ZWeek.optional(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() });
export const ZAnswerList = z.object({ items: z.array(ZAnswer) });

export const ZReminderInput = z.object({ week: ZWeek });
export const ZReminderResult = z.object({ week: ZWeek, remindedOn: z.iso.date(), units: z.array(z.object({ code: z.string(), name: z.string() })) });
export type ReminderResult = z.infer<typeof ZReminderResult>;
