import { z } from "zod";
import { ZIndexActual, ZMonth } from "./burden-index.js";
import { ZBurdenKind } from "./burdens.js";
import { ZCaseStatistics } from "./cases.js";
import { ZUnitCode } from "./roles.js";
import { ZSatisfactionFigures } from "./satisfaction.js";

/**
 * The monthly report per region 月度减负报告: the month's figures of the burden index against the same
 * month last year and the baseline year, who imposes most, the share admitted with findings, cases,
 * forms avoided by 一表通, monitoring points and the public's satisfaction; as JSON, .docx and PDF.
 */
export const ZMonthlyReportQuery = z.object({
  unit: ZUnitCode.optional(),
  month: ZMonth,
  baseline: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The report's language; without it, the request's Accept-Language (Chinese unless English is preferred). */
  lang: z.enum(["zh-CN", "en"]).optional(),
});
export type MonthlyReportQuery = z.infer<typeof ZMonthlyReportQuery>;

const change = z.number().nullable().describe("relative change, e.g. -0.25 for a quarter less; null when there is nothing to compare with");

export const ZMonthlyReport = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  month: ZMonth,
  burden: z.object({
    hours: z.number(),
    burdens: z.number().int(),
    lastYearHours: z.number(),
    vsLastYear: change,
    baselineYear: z.number().int(),
    baselineMonthlyHours: z.number(),
    vsBaseline: change,
    flagged: z.number().int(),
    flaggedShare: z.number(),
    byKind: z.array(z.object({ kind: ZBurdenKind, burdens: z.number().int(), hours: z.number() })),
  }),
  /** The twelve months up to the report's month, with the same months a year before. */
  trend: z.array(z.object({ month: ZMonth, hours: z.number(), lastYearHours: z.number(), actualHours: z.number(), expectedHours: z.number() })),
  issuers: z.array(z.object({ code: z.string(), name: z.string(), burdens: z.number().int(), hours: z.number() })),
  cases: ZCaseStatistics.nullable().describe("null for a reader who handles no cases (an administrator)"),
  forms: z.object({ forms: z.number().int(), asked: z.number().int(), avoided: z.number().int(), merged: z.number().int(), hoursSaved: z.number() }).nullable(),
  monitoring: ZIndexActual.extend({ points: z.number().int() }),
  satisfaction: ZSatisfactionFigures,
});
export type MonthlyReport = z.infer<typeof ZMonthlyReport>;
