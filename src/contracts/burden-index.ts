import { z } from "zod";
import { ZBurdenKind } from "./burdens.js";
import { ZUnitCode } from "./roles.js";

/**
 * The burden index 负担指数: per unit of the hierarchy and month, the burdens in force, their
 * burden-minutes and target rows by kind, against the same months last year and a baseline year; the
 * unit's children (treemap), the issuers imposing most, and the share admitted with findings.
 */

export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month: YYYY-MM");
export type Month = z.infer<typeof ZMonth>;

/** At most three years in one series. */
export const MAX_INDEX_MONTHS = 36;

export const ZIndexQuery = z.object({
  unit: ZUnitCode.optional().describe("the unit; one's own region when absent"),
  from: ZMonth,
  to: ZMonth,
  baseline: z.coerce.number().int().min(2000).max(2100).optional().describe("the baseline year; the year before `to` when absent"),
});
export type IndexQuery = z.infer<typeof ZIndexQuery>;

export const ZIndexChildrenQuery = z.object({ unit: ZUnitCode.optional(), month: ZMonth });
export type IndexChildrenQuery = z.infer<typeof ZIndexChildrenQuery>;

export const ZIndexIssuersQuery = z.object({ unit: ZUnitCode.optional(), from: ZMonth, to: ZMonth, limit: z.coerce.number().int().min(1).max(100).default(15) });
export type IndexIssuersQuery = z.infer<typeof ZIndexIssuersQuery>;

export const ZIndexUnit = z.object({ code: z.string(), name: z.string(), level: z.string() });

/** One cell: burdens in force, of them admitted with findings, target rows, burden-minutes and hours. */
export const ZIndexFigures = z.object({
  burdens: z.number().int(),
  flagged: z.number().int(),
  targets: z.number().int(),
  minutes: z.number(),
  hours: z.number(),
});
export type IndexFigures = z.infer<typeof ZIndexFigures>;

/**
 * What monitoring points 监测点 below the unit reported for the month: village-weeks answered, the
 * issuers' estimate for the burdens they answered about (expected), the hours those really took
 * (actual), and burdens that came without an admission number.
 */
export const ZIndexActual = z.object({
  answers: z.number().int(),
  expectedHours: z.number(),
  actualHours: z.number(),
  unregisteredHours: z.number(),
  unregistered: z.number().int(),
});
export type IndexActual = z.infer<typeof ZIndexActual>;

export const ZIndexMonth = ZIndexFigures.extend({
  month: ZMonth,
  byKind: z.array(ZIndexFigures.extend({ kind: ZBurdenKind })),
  /** The same month a year before. */
  lastYear: ZIndexFigures,
  actual: ZIndexActual,
});
export type IndexMonth = z.infer<typeof ZIndexMonth>;

export const ZIndexSeries = z.object({
  unit: ZIndexUnit,
  from: ZMonth,
  to: ZMonth,
  months: z.array(ZIndexMonth),
  totals: ZIndexFigures,
  lastYearTotals: ZIndexFigures,
  /** The baseline year: its twelve months added up, and the average month. */
  baseline: z.object({ year: z.number().int(), totals: ZIndexFigures, monthlyAverage: ZIndexFigures }),
  /** Share of burdens in force (burden-months) admitted with findings of the gate, 0..1. */
  flaggedShare: z.number(),
  actualTotals: ZIndexActual,
});
export type IndexSeries = z.infer<typeof ZIndexSeries>;

export const ZIndexChildren = z.object({
  unit: ZIndexUnit,
  month: ZMonth,
  children: z.array(ZIndexUnit.extend(ZIndexFigures.shape)),
});
export type IndexChildren = z.infer<typeof ZIndexChildren>;

export const ZIndexIssuers = z.object({
  unit: ZIndexUnit,
  from: ZMonth,
  to: ZMonth,
  issuers: z.array(ZIndexUnit.extend({ burdens: z.number().int(), targets: z.number().int(), minutes: z.number(), hours: z.number() })),
});
export type IndexIssuers = z.infer<typeof ZIndexIssuers>;

/** Kind names for files the server writes (the web app has its own in i18n/burdens.*). */
export const KIND_NAMES: Record<z.infer<typeof ZBurdenKind>, { zh: string; en: string }> = {
  task: { zh: "工作任务", en: "Task" },
  form: { zh: "报表", en: "Data form" },
  meeting: { zh: "会议", en: "Meeting" },
  document: { zh: "文件", en: "Document" },
  inspection: { zh: "督查检查考核", en: "Inspection / assessment" },
  evaluation: { zh: "评比表彰/创建示范/节庆展会论坛", en: "Evaluation / demonstration / festival" },
  secondment: { zh: "借调", en: "Secondment" },
  app: { zh: "政务APP", en: "Government app" },
  workgroup: { zh: "工作群", en: "Work group" },
  plaque: { zh: "挂牌", en: "Plaque" },
  proof: { zh: "证明事项", en: "Proof certificate" },
};
