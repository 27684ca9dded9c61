import { z } from "zod";
import { ZUnit } from "./org.js";
import { ZUnitCode } from "./roles.js";

/** The three parts of a township's duty list 乡镇（街道）履职事项清单. */
export const DUTY_PARTS = ["basic", "cooperative", "returned"] as const;
export const ZDutyPart = z.enum(DUTY_PARTS);
export type DutyPart = z.infer<typeof ZDutyPart>;

export const DUTY_PART_NAMES: Record<DutyPart, { zh: string; en: string }> = {
  basic: { zh: "基本履职事项", en: "basic duties" },
  cooperative: { zh: "配合履职事项", en: "cooperative duties" },
  returned: { zh: "上级部门收回事项", en: "duties returned to higher-level departments" },
};

/** Most items a list may hold (the national average is ~340). */
export const MAX_DUTY_ITEMS = 2000;

export const ZIsoDate = z.iso.date();

/** A stable code of an item across versions (B012, C003, TB001…); assigned when left out. */
export const ZDutyKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "item key: up to 32 letters, digits, . _ - / 事项编码为最多32位字母、数字或._-");

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const itemFields = {
  key: ZDutyKey.optional(),
  part: ZDutyPart,
  name: z.string().trim().min(2).max(200),
  legalBasis: optionalText(2000).describe("履职依据: laws, regulations, documents"),
  leadDepartment: optionalText(100).describe("牵头部门: required for a cooperative item"),
  note: optionalText(500),
  powerKey: ZDutyKey.nullable().optional().describe("the delegated power 赋权事项 (its key in the county's power list) that enables the item"),
};

const leadNamed = (item: { part: DutyPart; leadDepartment?: string | null }) => item.part !== "cooperative" || !!item.leadDepartment;
const leadMessage = { message: "a cooperative item names its lead department / 配合履职事项须填写牵头部门", path: ["leadDepartment"] };

export const ZDutyItemInput = z.object(itemFields).refine(leadNamed, leadMessage);
export type DutyItemInput = z.infer<typeof ZDutyItemInput>;
export const ZDutyItemChange = z.object({ ...itemFields, key: ZDutyKey }).refine(leadNamed, leadMessage);

/** Within one list a key appears once and a name once per part. */
function uniqueItems(items: { key?: string; part: DutyPart; name: string }[], ctx: z.RefinementCtx, at: string) {
  const keys = new Set<string>();
  const names = new Set<string>();
  items.forEach((item, i) => {
    if (item.key && keys.has(item.key)) ctx.addIssue({ code: "custom", path: [at, i, "key"], message: `key ${item.key} appears twice / 事项编码 ${item.key} 重复` });
    if (item.key) keys.add(item.key);
    const name = `${item.part}|${item.name}`;
    if (names.has(name)) ctx.addIssue({ code: "custom", path: [at, i, "name"], message: `“${item.name}” appears twice in its part / “${item.name}”在同一类别中重复` });
    names.add(name);
  });
}

const versionFields = {
  reason: z.string().trim().min(2).max(500).describe("why the list changes (文件依据、调整原因)"),
  effectiveFrom: ZIsoDate,
};

export const ZDutyTemplateInput = z
  .object({
    ...versionFields,
    appliesTo: z
      .array(ZUnitCode)
      .min(1)
      .max(500)
      .nullable()
      .optional()
      .describe("townships the template applies to; null: every township of the county; absent: as the previous version"),
    items: z.array(ZDutyItemInput).min(1).max(MAX_DUTY_ITEMS),
  })
  .superRefine((v, ctx) => uniqueItems(v.items, ctx, "items"));
export type DutyTemplateInput = z.infer<typeof ZDutyTemplateInput>;

/** A township's differences from the county template: the whole set, replacing the previous one. */
export const ZDutyDifferencesInput = z
  .object({
    ...versionFields,
    add: z.array(ZDutyItemInput).max(MAX_DUTY_ITEMS).default([]),
    change: z.array(ZDutyItemChange).max(MAX_DUTY_ITEMS).default([]),
    remove: z.array(ZDutyKey).max(MAX_DUTY_ITEMS).default([]),
  })
  .superRefine((v, ctx) => {
    uniqueItems(v.add, ctx, "add");
    const seen = new Set<string>(v.add.flatMap((a) => (a.key ? [a.key] : [])));
    [...v.change.map((c) => c.key), ...v.remove].forEach((key, i) => {
      const [at, index] = i < v.change.length ? ["change", i] : ["remove", i - v.change.length];
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [at, index], message: `key ${key} is named twice / 事项编码 ${key} 重复出现` });
      seen.add(key);
    });
  });
export type DutyDifferencesInput = z.infer<typeof ZDutyDifferencesInput>;

export const ZDutyItem = z.object({
  key: z.string(),
  part: ZDutyPart,
  name: z.string(),
  legalBasis: z.string().nullable(),
  leadDepartment: z.string().nullable(),
  note: z.string().nullable(),
  powerKey: z.string().nullable().optional().describe("the delegated power that enables the item, when one is cited"),
  source: z.enum(["template", "township", "changed"]).describe("from the county template, added by the township, or changed by it"),
});
export type DutyItem = z.infer<typeof ZDutyItem>;

export const ZDutyVersion = z.object({
  id: z.string().uuid(),
  kind: z.enum(["template", "differences"]),
  unitCode: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  supersededOn: z.string().nullable().describe("from this date a later version is in force instead"),
  inForce: z.boolean().describe("in force on the date asked (today by default)"),
  reason: z.string(),
  source: z.enum(["api", "excel", "seed"]),
  appliesTo: z.array(z.string()).nullable(),
  itemCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type DutyVersion = z.infer<typeof ZDutyVersion>;

export const ZDutyCounts = z.object({ basic: z.number().int(), cooperative: z.number().int(), returned: z.number().int() });

export const ZDutyList = z.object({
  unit: ZUnit,
  on: z.string(),
  kind: z.enum(["template", "township"]),
  template: ZDutyVersion.nullable(),
  differences: ZDutyVersion.nullable(),
  counts: ZDutyCounts,
  items: z.array(ZDutyItem),
});
export type DutyList = z.infer<typeof ZDutyList>;

export const ZDutyVersions = z.object({ unit: ZUnit, items: z.array(ZDutyVersion) });
export type DutyVersions = z.infer<typeof ZDutyVersions>;

export const ZDutyWriteResult = z.object({
  version: ZDutyVersion,
  counts: ZDutyCounts.describe("items of the list in force from effectiveFrom"),
  changes: z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int() }).nullable(),
});
export type DutyWriteResult = z.infer<typeof ZDutyWriteResult>;

export const ZDutyUnitParams = z.object({ unitCode: ZUnitCode });
export const ZDutyOnQuery = z.object({ on: ZIsoDate.optional().describe("the date the list is in force on; today by default") });
export const ZDutyImportQuery = z.object(versionFields);

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
