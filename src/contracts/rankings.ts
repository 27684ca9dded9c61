import { z } from "zod";
import { ZUnitCode } from "./roles.js";

/**
 * Ranking notices 排名通报 and assessment indicators 考核指标 (issue 6; Kaifeng cancelled 43 ranking
 * notices, Shaanxi cut assessment items 74→8): registered per issuer and year, counted against last
 * year; the 减负办 may cancel one with a written reason.
 */
export const RANKING_KINDS = ["ranking_notice", "assessment"] as const;
export const ZRankingKind = z.enum(RANKING_KINDS);
export type RankingKind = z.infer<typeof ZRankingKind>;

export const ZRankingInput = z
  .object({
    kind: ZRankingKind,
    issuer: ZUnitCode,
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(4).max(200),
    targets: z.array(ZUnitCode).min(1).max(2000).describe("the townships or villages ranked or assessed"),
    indicatorCount: z.number().int().min(1).max(1000).describe("indicators assessed, or items ranked"),
    ranked: z.string().trim().min(2).max(300).describe("what is ranked or assessed"),
  })
  .strict();
export type RankingInput = z.infer<typeof ZRankingInput>;

const ZUnitRef = z.object({ code: z.string(), name: z.string() });

export const ZRanking = z.object({
  id: z.string().uuid(),
  kind: ZRankingKind,
  issuer: ZUnitRef,
  year: z.number().int(),
  title: z.string(),
  targetCount: z.number().int(),
  targetSample: z.array(ZUnitRef),
  indicatorCount: z.number().int(),
  ranked: z.string(),
  status: z.enum(["active", "cancelled"]),
  cancelReason: z.string().nullable(),
  cancelledOn: z.string().nullable(),
  can: z.array(z.enum(["cancel"])),
});
export type Ranking = z.infer<typeof ZRanking>;

export const ZRankingListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  kind: ZRankingKind.optional(),
  issuer: ZUnitCode.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ZRankingList = z.object({ total: z.number().int(), items: z.array(ZRanking) });
export const ZRankingCancel = z.object({ reason: z.string().trim().min(4).max(1000) }).strict();
export const ZRankingParams = z.object({ id: z.string().uuid() });
export const ZRankingCountsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const ZCount = z.object({ registered: z.number().int(), cancelled: z.number().int(), inForce: z.number().int(), indicators: z.number().int() });
export const ZRankingCountRow = z.object({
  issuer: ZUnitRef,
  kind: ZRankingKind,
  thisYear: ZCount,
  lastYear: ZCount,
  /** In force this year minus in force last year, and the same for indicators (negative: cut). */
  change: z.number().int(),
  indicatorChange: z.number().int(),
  indicatorChangePct: z.number().nullable(),
});
export const ZRankingCounts = z.object({ year: z.number().int(), items: z.array(ZRankingCountRow) });
export type RankingCounts = z.infer<typeof ZRankingCounts>;
