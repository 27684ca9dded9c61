import { z } from "zod";
import { ZIsoDate } from "./burdens.js";
import { ZYuan } from "./facilities.js";
import { ZUnitCode } from "./roles.js";

/**
 * Projects 项目 built by a unit: investment, where the money came from (debt 举债 included), the
 * feasibility study 可行性研究, the use planned and the use seen. Reported cases (Xinjiang: a state
 * firm's leader borrowed blindly for projects nobody needed; the ban on 形象工程/政绩工程) make the flags.
 */
export const PROJECT_KINDS = ["road", "water", "building", "industry", "landscape", "plaza", "gate_arch", "other"] as const;
export const ZProjectKind = z.enum(PROJECT_KINDS);
export type ProjectKind = z.infer<typeof ZProjectKind>;

export const PROJECT_KIND_NAMES: Record<ProjectKind, { zh: string; en: string }> = {
  road: { zh: "道路交通", en: "Road" },
  water: { zh: "水利供水", en: "Water works" },
  building: { zh: "场馆楼宇", en: "Building" },
  industry: { zh: "产业项目", en: "Industry" },
  landscape: { zh: "景观亮化", en: "Landscape and lighting" },
  plaza: { zh: "广场", en: "Plaza" },
  gate_arch: { zh: "牌坊大门", en: "Gate arch" },
  other: { zh: "其他", en: "Other" },
};

/** Kinds that show rather than serve: one of the vanity-project signs. */
export const SHOWPIECE_KINDS: readonly ProjectKind[] = ["landscape", "plaza", "gate_arch"];

export const PROJECT_STATUSES = ["planned", "building", "completed"] as const;
export const ZProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ZProjectStatus>;

export const ZProjectInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    kind: ZProjectKind,
    unitCode: ZUnitCode.describe("the unit that builds (and answers for) the project"),
    owner: z.string().trim().min(2).max(100).describe("项目业主"),
    status: ZProjectStatus,
    completedOn: ZIsoDate.nullable().optional(),
    fiscalFunds: ZYuan.describe("财政资金 in yuan"),
    debtFunds: ZYuan.describe("举债/贷款 in yuan"),
    otherFunds: ZYuan.describe("社会资本及其他 in yuan"),
    hasFeasibilityStudy: z.boolean(),
    feasibilityDocument: z.string().trim().min(2).max(200).nullable().optional().describe("the study's document number or title"),
    servedPopulation: z.number().int().min(0).max(100_000_000).describe("受益人口"),
    expectedUsePerYear: z.number().int().min(0).max(1e9).describe("planned use a year, e.g. visits"),
    useMeasure: z.string().trim().min(1).max(20).describe("unit of use, e.g. 人次"),
  })
  .strict()
  .refine((p) => !p.hasFeasibilityStudy || !!p.feasibilityDocument, { message: "name the feasibility study / 有可行性研究的须填写其文号或名称", path: ["feasibilityDocument"] })
  .refine((p) => p.status !== "completed" || !!p.completedOn, { message: "a completed project has its completion date / 已竣工项目须填写竣工日期", path: ["completedOn"] });
export type ProjectInput = z.infer<typeof ZProjectInput>;

export const ZProjectUseInput = z.object({ year: z.number().int().min(2000).max(2100), actualUse: z.number().int().min(0).max(1e9) }).strict();

export const PROJECT_FLAGS = ["DEBT_WITHOUT_STUDY", "UNDER_USED", "VANITY_SIGNS"] as const;
export const ZProjectFlagCode = z.enum(PROJECT_FLAGS);
export type ProjectFlagCode = z.infer<typeof ZProjectFlagCode>;
export const VANITY_SIGNS = ["cost_per_person", "showpiece_kind", "near_zero_use"] as const;
export type VanitySign = (typeof VANITY_SIGNS)[number];

export const ZProjectFlag = z.object({
  code: ZProjectFlagCode,
  message: z.string(),
  signs: z.array(z.enum(VANITY_SIGNS)).optional(),
  /** The case opened from this flag, when one was. */
  caseId: z.string().nullable(),
});

export const ZProject = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZProjectKind,
  unit: z.object({ code: z.string(), name: z.string() }),
  owner: z.string(),
  status: ZProjectStatus,
  completedOn: z.string().nullable(),
  investment: z.number(),
  fiscalFunds: z.number(),
  debtFunds: z.number(),
  otherFunds: z.number(),
  hasFeasibilityStudy: z.boolean(),
  feasibilityDocument: z.string().nullable(),
  servedPopulation: z.number().int(),
  expectedUsePerYear: z.number().int(),
  useMeasure: z.string(),
  uses: z.array(z.object({ year: z.number().int(), actualUse: z.number().int() })),
  flags: z.array(ZProjectFlag),
  can: z.array(z.enum(["edit", "open_case"])),
});
export type Project = z.infer<typeof ZProject>;

export const ZProjectIdParams = z.object({ id: z.uuid() });
export const ZProjectFlagParams = z.object({ id: z.uuid(), code: ZProjectFlagCode });
export const ZProjectListQuery = z.object({
  unit: ZUnitCode.optional(),
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ZProjectList = z.object({ total: z.number().int(), items: z.array(ZProject) });
export const ZOpenedCase = z.object({ caseId: z.string(), project: ZProject });

/** A region's thresholds for the project flags. */
export const ZProjectRulesInput = z
  .object({
    regionCode: ZUnitCode,
    underUseRatio: z.number().min(0.01).max(1).describe("actual use under this share of the plan is under-use"),
    nearZeroRatio: z.number().min(0).max(0.5).describe("actual use under this share of the plan is near zero"),
    costPerPersonYuan: z.number().min(1).max(1e7).describe("investment per person served above this is a sign"),
  })
  .strict();
export type ProjectRulesInput = z.infer<typeof ZProjectRulesInput>;
export const ZProjectRules = ZProjectRulesInput.omit({ regionCode: true }).extend({ regionCode: z.string().nullable() });
