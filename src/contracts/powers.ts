import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZPeriod } from "./facilities.js";
import { ZUnitCode } from "./roles.js";

/**
 * Delegated powers 赋权事项清单: administrative powers a county hands to its townships (放权赋能;
 * Shaanxi: 43 items a town on average). A county keeps versions of the list, like the duty list; each
 * township records how often it exercised each power; a power never exercised for a year is flagged.
 */
export const POWER_CATEGORIES = ["penalty", "permit", "inspection", "enforcement", "confirmation", "other"] as const;
export const ZPowerCategory = z.enum(POWER_CATEGORIES);
export type PowerCategory = z.infer<typeof ZPowerCategory>;

export const POWER_CATEGORY_NAMES: Record<PowerCategory, { zh: string; en: string }> = {
  penalty: { zh: "行政处罚", en: "Administrative penalty" },
  permit: { zh: "行政许可", en: "Administrative permit" },
  inspection: { zh: "行政检查", en: "Administrative inspection" },
  enforcement: { zh: "行政强制", en: "Administrative enforcement" },
  confirmation: { zh: "行政确认", en: "Administrative confirmation" },
  other: { zh: "其他行政权力", en: "Other power" },
};

export const MAX_POWER_ITEMS = 1000;

export const ZPowerKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "power key: up to 32 letters, digits, . _ - / 事项编码为最多32位字母、数字或._-");

export const ZPowerItemInput = z
  .object({
    key: ZPowerKey.optional(),
    name: z.string().trim().min(2).max(200),
    category: ZPowerCategory,
    legalBasis: z.string().trim().max(2000).nullable().optional(),
    fromDepartment: z.string().trim().min(2).max(100).describe("原实施部门: the county department that held the power"),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type PowerItemInput = z.infer<typeof ZPowerItemInput>;

export const ZPowerListInput = z
  .object({
    effectiveFrom: ZIsoDate,
    reason: z.string().trim().min(2).max(500),
    /** The townships the list applies to; null or absent: every township of the county. */
    appliesTo: z.array(ZUnitCode).max(500).nullable().optional(),
    items: z.array(ZPowerItemInput).min(1).max(MAX_POWER_ITEMS),
  })
  .strict()
  .superRefine((v, ctx) => {
    const keys = new Set<string>();
    const names = new Set<string>();
    v.items.forEach((item, i) => {
      if (item.key && keys.has(item.key)) ctx.addIssue({ code: "custom", path: ["items", i, "key"], message: `key ${item.key} appears twice / 事项编码 ${item.key} 重复` });
      if (item.key) keys.add(item.key);
      if (names.has(item.name)) ctx.addIssue({ code: "custom", path: ["items", i, "name"], message: `“${item.name}” appears twice / “${item.name}”重复` });
      names.add(item.name);
    });
  });
export type PowerListInput = z.infer<typeof ZPowerListInput>;

export const ZPowerItem = z.object({
  key: z.string(),
  name: z.string(),
  category: ZPowerCategory,
  legalBasis: z.string().nullable(),
  fromDepartment: z.string(),
  note: z.string().nullable(),
});
export type PowerItem = z.infer<typeof ZPowerItem>;

export const ZPowerVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  /** The day the next version took effect, when one did. */
  supersededOn: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  appliesTo: z.array(z.string()).nullable(),
  itemCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const ZPowerList = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  on: z.string(),
  version: ZPowerVersion.nullable(),
  versions: z.array(ZPowerVersion),
  items: z.array(ZPowerItem),
});

export const ZPowerCountyParams = z.object({ countyCode: ZUnitCode });
export const ZPowerOnQuery = z.object({ on: ZIsoDate.optional() });
export const ZPowerImportQuery = z.object({ effectiveFrom: ZIsoDate, reason: z.string().trim().min(2).max(500) });

/** Exercises 行使 of a power by a township, counted per month. */
export const ZExerciseInput = z
  .object({
    townshipCode: ZUnitCode,
    key: ZPowerKey,
    period: ZPeriod,
    count: z.number().int().min(0).max(100_000),
  })
  .strict();
export type ExerciseInput = z.infer<typeof ZExerciseInput>;

export const ZPowerUsage = z.object({
  township: z.object({ code: z.string(), name: z.string() }),
  key: z.string(),
  name: z.string(),
  category: ZPowerCategory,
  /** Since when the township holds the power (the first version in force holding it). */
  heldSince: z.string(),
  last12Months: z.number().int(),
  lastExercised: z.string().nullable(),
  flag: z.object({ code: z.literal("UNUSED_YEAR"), message: z.string() }).nullable(),
});
export type PowerUsage = z.infer<typeof ZPowerUsage>;
export const ZPowerUsageQuery = z.object({ township: ZUnitCode.optional(), flagged: z.enum(["true", "false"]).optional() });
export const ZPowerUsageList = z.object({ on: z.string(), total: z.number().int(), items: z.array(ZPowerUsage) });
