import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
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
  /** "county": a county's list; "differences": a township's differences from it. */
  kind: z.enum(["county", "differences"]),
  unitCode: z.string(),
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

/**
 * One exercise 行使记录 of a power by a township: the day, and the number of the case file or decision
 * it produced (案卷号/文书号), which makes the record checkable. Monthly counts are computed from these.
 */
export const ZDocumentNumber = z.string().trim().min(2, "document number: at least 2 characters / 案卷或文书编号至少 2 个字").max(60);
export const ZExerciseInput = z
  .object({
    townshipCode: ZUnitCode,
    key: ZPowerKey,
    exercisedOn: ZIsoDate,
    documentNumber: ZDocumentNumber,
    note: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type ExerciseInput = z.infer<typeof ZExerciseInput>;

export const ZExerciseRecord = z.object({
  id: z.string(),
  township: z.object({ code: z.string(), name: z.string() }),
  key: z.string(),
  /** The power's name in the township's list on the day (null when the list no longer names it). */
  name: z.string().nullable(),
  exercisedOn: z.string(),
  documentNumber: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ExerciseRecord = z.infer<typeof ZExerciseRecord>;
export const ZExerciseListQuery = z.object({
  township: ZUnitCode.optional(),
  key: ZPowerKey.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
export const ZExerciseList = z.object({ total: z.number().int(), items: z.array(ZExerciseRecord) });
export const ZExerciseImportResult = z.object({ created: z.number().int() });

export const ZPowerUsage = z.object({
  township: z.object({ code: z.string(), name: z.string() }),
  key: z.string(),
  name: z.string(),
  category: ZPowerCategory,
  /** Since when the township holds the power (the first version in force holding it). */
  heldSince: z.string(),
  last12Months: z.number().int(),
  lastExercised: z.string().nullable(),
  /** Exercises a month over the twelve months of `periods`, oldest first. */
  monthly: z.array(z.number().int()),
  flag: z.object({ code: z.literal("UNUSED_YEAR"), message: z.string(), caseId: z.string().nullable() }).nullable(),
  can: z.array(z.literal("open_case")),
});
export type PowerUsage = z.infer<typeof ZPowerUsage>;
export const ZPowerUsageQuery = z.object({ township: ZUnitCode.optional(), flagged: z.enum(["true", "false"]).optional() });
export const ZPowerUsageList = z.object({ on: z.string(), periods: z.array(z.string()), total: z.number().int(), items: z.array(ZPowerUsage) });
export const ZPowerCaseParams = z.object({ townshipCode: ZUnitCode, key: ZPowerKey });
export const ZPowerCaseOpened = z.object({ caseId: z.string() });

/**
 * A township's differences from its county's list (放权赋能 adjusted per township), kept like the duty
 * list's (docs/decisions/0003): each version is the township's whole set of differences.
 */
export const ZPowerChangeInput = ZPowerItemInput.extend({ key: ZPowerKey });
export const ZPowerDifferencesInput = z
  .object({
    effectiveFrom: ZIsoDate,
    reason: z.string().trim().min(2).max(500),
    add: z.array(ZPowerItemInput).max(MAX_POWER_ITEMS).default([]),
    change: z.array(ZPowerChangeInput).max(MAX_POWER_ITEMS).default([]),
    remove: z.array(ZPowerKey).max(MAX_POWER_ITEMS).default([]),
  })
  .strict();
export type PowerDifferencesInput = z.infer<typeof ZPowerDifferencesInput>;
export const POWER_SOURCES = ["county", "changed", "township"] as const;
export const ZEffectivePowerItem = ZPowerItem.extend({ source: z.enum(POWER_SOURCES) });
export type EffectivePowerItem = z.infer<typeof ZEffectivePowerItem>;
export const ZTownshipPowerList = z.object({
  township: z.object({ code: z.string(), name: z.string() }),
  county: z.object({ code: z.string(), name: z.string() }).nullable(),
  on: z.string(),
  countyVersion: ZPowerVersion.nullable(),
  differences: ZPowerVersion.nullable(),
  items: z.array(ZEffectivePowerItem),
  /** County items the township's differences in force take away. */
  removed: z.array(ZPowerItem),
  /** Every version that shaped the township's list, newest first. */
  versions: z.array(ZPowerVersion),
  can: z.array(z.literal("edit")),
});
export type TownshipPowerList = z.infer<typeof ZTownshipPowerList>;
export const ZPowerTownshipParams = z.object({ townshipCode: ZUnitCode });
