import { z } from "zod";
import { ZMonth } from "./burden-index.js";
import { ZUnitCode } from "./roles.js";

/**
 * Public satisfaction 群众满意度: anyone scans a unit's QR code and rates, without logging in, four
 * things from 1 (very dissatisfied) to 5 (very satisfied), with an optional comment. Results per unit
 * and month roll up the hierarchy; the office reads the comments.
 */
export const SATISFACTION_QUESTIONS = [
  { key: "q1", zh: "到村（社区）、乡镇办事方便吗？", en: "Is getting things done at the village or township easy?" },
  { key: "q2", zh: "干部有更多时间为群众办实事了吗？", en: "Do the cadres have more time to do real work for people?" },
  { key: "q3", zh: "被要求拍照、签字、扫码、下载APP等配合留痕的情况减少了吗？", en: "Are you asked less to pose for photos, sign, scan codes or install apps for the record?" },
  { key: "q4", zh: "总体上，您对基层减负的效果满意吗？", en: "Overall, are you satisfied with how the load on the grassroots is being reduced?" },
] as const;
export type QuestionKey = (typeof SATISFACTION_QUESTIONS)[number]["key"];

const score = z.number().int().min(1).max(5);
export const ZSatisfactionUnitParams = z.object({ code: ZUnitCode });

export const ZSatisfactionInput = z
  .object({
    q1: score,
    q2: score,
    q3: score,
    q4: score,
    comment: z.string().trim().max(500).optional(),
    challenge: z.string().min(1).max(200),
    nonce: z.string().min(1).max(40),
  })
  .strict();
export type SatisfactionInput = z.infer<typeof ZSatisfactionInput>;

export const ZSatisfactionForm = z.object({ unit: z.object({ code: z.string(), name: z.string(), parentName: z.string().nullable() }), month: ZMonth });
export const ZSatisfactionThanks = z.object({ ok: z.literal(true), month: ZMonth });

/** Means of each question (1..5, one decimal) and how many answered. */
export const ZSatisfactionFigures = z.object({ responses: z.number().int(), comments: z.number().int(), q1: z.number(), q2: z.number(), q3: z.number(), q4: z.number(), overall: z.number() });
export type SatisfactionFigures = z.infer<typeof ZSatisfactionFigures>;

export const ZSatisfactionQuery = z.object({ unit: ZUnitCode.optional(), from: ZMonth, to: ZMonth });
export const ZSatisfactionResults = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  from: ZMonth,
  to: ZMonth,
  months: z.array(ZSatisfactionFigures.extend({ month: ZMonth })),
  totals: ZSatisfactionFigures,
  children: z.array(ZSatisfactionFigures.extend({ code: z.string(), name: z.string() })),
});
export type SatisfactionResults = z.infer<typeof ZSatisfactionResults>;

export const ZCommentQuery = z.object({ unit: ZUnitCode.optional(), month: ZMonth, limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });
export const ZCommentList = z.object({
  total: z.number().int(),
  items: z.array(z.object({ unit: z.object({ code: z.string(), name: z.string() }), month: ZMonth, overall: z.number().int(), comment: z.string() })),
});
export type CommentList = z.infer<typeof ZCommentList>;
