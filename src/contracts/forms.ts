import { z } from "zod";
import { ZUnitCode } from "./roles.js";

/** 一表通: the indicator catalog 数据指标目录, uploaded forms and their mapping, the village's one form. */

export const INDICATOR_TYPES = ["number", "integer", "percent", "text", "choice", "date"] as const;
export const ZIndicatorType = z.enum(INDICATOR_TYPES);
export type IndicatorType = z.infer<typeof ZIndicatorType>;

export const GRANULARITIES = ["village", "household", "person"] as const;
export const ZGranularity = z.enum(GRANULARITIES);
export type Granularity = z.infer<typeof ZGranularity>;

/** How long a value stays fresh: for good (行政区域面积), a year, a quarter, a month. */
export const REFRESH_CYCLES = ["once", "yearly", "quarterly", "monthly"] as const;
export const ZRefreshCycle = z.enum(REFRESH_CYCLES);
export type RefreshCycle = z.infer<typeof ZRefreshCycle>;

export const INDICATOR_TYPE_NAMES: Record<IndicatorType, { zh: string; en: string }> = {
  number: { zh: "数值", en: "number" },
  integer: { zh: "整数", en: "integer" },
  percent: { zh: "百分比", en: "percent" },
  text: { zh: "文本", en: "text" },
  choice: { zh: "选项", en: "choice" },
  date: { zh: "日期", en: "date" },
};
export const GRANULARITY_NAMES: Record<Granularity, { zh: string; en: string }> = {
  village: { zh: "村级", en: "village" },
  household: { zh: "户级", en: "household" },
  person: { zh: "人级", en: "person" },
};
export const REFRESH_CYCLE_NAMES: Record<RefreshCycle, { zh: string; en: string }> = {
  once: { zh: "长期有效", en: "does not expire" },
  yearly: { zh: "每年", en: "yearly" },
  quarterly: { zh: "每季度", en: "quarterly" },
  monthly: { zh: "每月", en: "monthly" },
};

export const ZIndicatorCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "indicator code: up to 32 letters, digits, . _ - / 指标编码为最多32位字母、数字或._-");

export const ZIndicatorInput = z
  .object({
    code: ZIndicatorCode,
    name: z.string().trim().min(2).max(100),
    aliases: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    definition: z.string().trim().max(2000).default(""),
    unit: z.string().trim().max(20).default(""),
    type: ZIndicatorType,
    options: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
    granularity: ZGranularity.default("village"),
    refreshCycle: ZRefreshCycle.default("yearly"),
    ownerDepartment: ZUnitCode.nullable().default(null),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
  })
  .refine((i) => i.type !== "choice" || i.options.length >= 2, { message: "a choice lists at least two options / 选项类指标至少列出两个选项", path: ["options"] })
  .refine((i) => i.min === null || i.max === null || i.min <= i.max, { message: "min is above max / 最小值大于最大值", path: ["min"] });
export type IndicatorInput = z.infer<typeof ZIndicatorInput>;

export const ZIndicator = z.object({
  id: z.string().uuid(),
  regionCode: z.string(),
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  definition: z.string(),
  unit: z.string(),
  type: ZIndicatorType,
  options: z.array(z.string()),
  granularity: ZGranularity,
  refreshCycle: ZRefreshCycle,
  ownerDepartment: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  updatedAt: z.string(),
});
export type Indicator = z.infer<typeof ZIndicator>;

export const ZRegionParams = z.object({ regionCode: ZUnitCode });
export const ZIdParams = z.object({ id: z.string().uuid() });
export const ZIndicatorList = z.object({ regionCode: z.string(), indicators: z.array(ZIndicator), canEdit: z.boolean() });
export const ZCatalogImportResult = z.object({ created: z.number().int(), updated: z.number().int() });

/** What a column of an uploaded form is: a datum (an indicator), or a column naming the row. */
export const FIELD_ROLES = ["indicator", "seq", "township", "village", "ignore"] as const;
export const ZFieldRole = z.enum(FIELD_ROLES);
export type FieldRole = z.infer<typeof ZFieldRole>;

export const ZProposal = z.object({
  indicatorId: z.string().uuid().nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  score: z.number(),
  unitAgrees: z.boolean().nullable(),
  notes: z.array(z.string()),
});

export const ZFormField = z.object({
  position: z.number().int(),
  sheet: z.string(),
  column: z.string().describe("column letter, e.g. D"),
  header: z.string().describe("parent headers joined by /, e.g. 人口情况/常住人口"),
  unit: z.string(),
  role: ZFieldRole,
  indicatorId: z.string().uuid().nullable(),
  proposal: ZProposal,
});
export type FormField = z.infer<typeof ZFormField>;

export const FORM_STATUSES = ["draft", "mapped"] as const;
export const ZFormStatus = z.enum(FORM_STATUSES);

export const ZForm = z.object({
  id: z.string().uuid(),
  burdenId: z.string().uuid(),
  owner: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  fileName: z.string(),
  status: ZFormStatus,
  referenceDate: z.string(),
  sheets: z.array(z.object({ name: z.string(), headerRows: z.array(z.number().int()), dataStartRow: z.number().int(), declaredUnits: z.array(z.string()) })),
  fields: z.array(ZFormField),
  notes: z.array(z.object({ path: z.string(), message: z.string() })),
  createdAt: z.string(),
});
export type Form = z.infer<typeof ZForm>;
export const ZMappingResult = ZForm.extend({
  imported: z
    .object({
      values: z.number().int(),
      skipped: z.number().int().describe("already held: never overwritten"),
      notes: z.array(z.object({ path: z.string(), message: z.string() })),
      mismatches: z.array(z.object({ path: z.string(), message: z.string() })).describe("figures of the table that differ from the value held (another source)"),
    })
    .nullable(),
});
export type MappingResult = z.infer<typeof ZMappingResult>;
export const ZFormList = z.object({ forms: z.array(ZForm.omit({ fields: true, sheets: true, notes: true }).extend({ fieldCount: z.number().int() })) });

export const ZUploadQuery = z.object({
  burdenId: z.string().uuid(),
  fileName: z.string().trim().min(1).max(200).default("form.xlsx"),
  referenceDate: z.iso.date().optional().describe("the date the figures are asked for; defaults to today"),
});

export const ZMappingInput = z.object({
  fields: z
    .array(
      z.object({
        position: z.number().int().min(0),
        role: ZFieldRole,
        indicatorId: z.string().uuid().nullable().optional(),
        newIndicator: ZIndicatorInput.optional(),
      }),
    )
    .min(1)
    .max(500),
  reason: z.string().trim().max(500).optional().describe("一事一报: why indicators outside the catalog are asked (required when the mapping creates any)"),
  importData: z.boolean().default(false).describe("take the figures the uploaded table already holds into shared data (never over a village's own)"),
});
export type MappingInput = z.infer<typeof ZMappingInput>;
/** What a client sends (defaults not yet applied). */
export type MappingBody = z.input<typeof ZMappingInput>;

export const ZClassification = z.object({
  formId: z.string().uuid(),
  targets: z.number().int(),
  totals: z.object({ asked: z.number().int(), avoided: z.number().int(), merged: z.number().int() }),
  fields: z.array(
    z.object({ position: z.number().int(), header: z.string(), indicatorId: z.string().uuid(), asked: z.number().int(), avoided: z.number().int(), merged: z.number().int() }),
  ),
});

export const ZProvenance = z.object({
  sourceKind: z.enum(["submission", "import", "department"]),
  sourceId: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const ZQuestion = z.object({
  indicatorId: z.string().uuid(),
  periodKey: z.string(),
  code: z.string(),
  name: z.string(),
  definition: z.string(),
  unit: z.string(),
  type: ZIndicatorType,
  options: z.array(z.string()),
  min: z.number().nullable(),
  max: z.number().nullable(),
  forms: z.array(z.object({ id: z.string().uuid(), title: z.string(), owner: z.string() })),
  current: z.object({ value: z.string(), provenance: ZProvenance }).nullable().describe("a fresh value: shown for confirmation"),
  draft: z.string().nullable(),
});
export type Question = z.infer<typeof ZQuestion>;

export const ZOneTable = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  questions: z.array(ZQuestion),
  missing: z.number().int(),
  prefilled: z.number().int(),
  draftSavedAt: z.string().nullable(),
});
export type OneTable = z.infer<typeof ZOneTable>;

export const ZUnitParams = z.object({ unitCode: ZUnitCode });

const ZAnswer = z.object({ indicatorId: z.string().uuid(), periodKey: z.string().min(1).max(20), value: z.string().trim().max(2000) });
export const ZDraftInput = z.object({ values: z.array(ZAnswer).max(2000) });
export const ZDraftSaved = z.object({ savedAt: z.string(), count: z.number().int() });
export const ZSubmitInput = z.object({
  idempotencyKey: z.string().trim().min(8).max(100).describe("chosen by the client once per submission; a retry sends the same"),
  values: z.array(ZAnswer).min(1).max(2000),
});
export type SubmitInput = z.infer<typeof ZSubmitInput>;
export const ZSubmitResult = z.object({
  submissionId: z.string().uuid(),
  accepted: z.number().int(),
  replayed: z.boolean(),
  notes: z.array(z.object({ path: z.string(), message: z.string() })),
  submittedAt: z.string(),
});
export type SubmitResult = z.infer<typeof ZSubmitResult>;

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const CHECK_KINDS = ["jump", "peer_outlier", "benford", "mismatch"] as const;
export const ZChecksQuery = z.object({ periodKey: z.string().regex(/^(\d{4}(Q[1-4]|-\d{2})?|static)$/, "period: 2026, 2026Q4, 2026-11 or static / 统计期格式为 2026、2026Q4、2026-11 或 static") });
export const ZChecks = z.object({
  periodKey: z.string(),
  flags: z.array(
    z.object({
      kind: z.enum(CHECK_KINDS),
      indicator: z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), unit: z.string() }),
      unit: z.object({ code: z.string(), name: z.string() }).nullable().describe("null for a check over all villages (Benford)"),
      value: z.number().nullable(),
      message: z.string(),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type Checks = z.infer<typeof ZChecks>;

export const ZFiguresQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const ZCounts = z.object({
  forms: z.number().int(),
  fields: z.number().int(),
  asked: z.number().int(),
  avoided: z.number().int(),
  merged: z.number().int(),
  hoursSaved: z.number().describe("(avoided + merged/2) × minutes per field ÷ 60; a merged datum serves two forms with one answer"),
});
export const ZFigures = z.object({
  from: z.string(),
  to: z.string(),
  totals: ZCounts.extend({ submissions: z.number().int(), values: z.number().int() }),
  departments: z.array(ZCounts.extend({ code: z.string(), name: z.string() })),
  units: z.array(z.object({ code: z.string(), name: z.string(), submissions: z.number().int(), values: z.number().int() })).describe("the 50 units that submitted most"),
});
export type Figures = z.infer<typeof ZFigures>;

/** A department enters or corrects a datum of an indicator it owns, on the record (provenance "department"). */
export const ZDatumInput = z.object({
  indicatorId: z.string().uuid(),
  unitCode: ZUnitCode,
  periodKey: z.string().regex(/^(\d{4}(Q[1-4]|-\d{2})?|static)$/, "period: 2026, 2026Q4, 2026-11 or static / 统计期格式为 2026、2026Q4、2026-11 或 static"),
  value: z.string().trim().min(1).max(2000),
  reason: z.string().trim().min(2).max(500).describe("why the department enters or corrects it"),
});
export type DatumInput = z.infer<typeof ZDatumInput>;
export const ZDatum = z.object({ indicatorId: z.string().uuid(), unitCode: z.string(), periodKey: z.string(), value: z.string(), previous: z.string().nullable(), provenance: ZProvenance });
