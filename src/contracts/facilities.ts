import { z } from "zod";
import { ZUnitCode } from "./roles.js";

/**
 * Public service facilities 公共服务设施 that villages and townships must staff or keep open. Reported
 * cases (Wenzhou and Lishui, Zhejiang: facilities left idle 闲置浪费) make the flag: use under a floor
 * for N periods running, and the staff hours the facility still consumes.
 */
export const FACILITY_KINDS = ["party_service_center", "civilization_station", "rural_library", "elderly_care", "culture_square", "convenience_point", "other"] as const;
export const ZFacilityKind = z.enum(FACILITY_KINDS);
export type FacilityKind = z.infer<typeof ZFacilityKind>;

export const FACILITY_KIND_NAMES: Record<FacilityKind, { zh: string; en: string }> = {
  party_service_center: { zh: "党群服务中心", en: "Party-public service centre" },
  civilization_station: { zh: "新时代文明实践站", en: "New-era civilization practice station" },
  rural_library: { zh: "农家书屋", en: "Rural library" },
  elderly_care: { zh: "养老服务站", en: "Elderly care station" },
  culture_square: { zh: "文化广场", en: "Culture square" },
  convenience_point: { zh: "便民服务点", en: "Convenience service point" },
  other: { zh: "其他", en: "Other" },
};

/** A period of use reports: one calendar month, "YYYY-MM". */
export const ZPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period: YYYY-MM / 期间格式为 YYYY-MM");

/** Money in yuan (元): never negative, at most ten billion. */
export const ZYuan = z.number().finite().min(0, "must not be negative / 不能为负数").max(1e10);

export const ZFacilityInput = z
  .object({
    name: z.string().trim().min(2).max(100),
    kind: ZFacilityKind,
    unitCode: ZUnitCode.describe("the village or township where the facility stands and which staffs it"),
    owner: z.string().trim().min(2).max(100).describe("产权/管理单位: who owns or manages it"),
    cost: ZYuan.describe("建设投入 in yuan"),
    staffHoursPerWeek: z.number().finite().min(0, "must not be negative / 不能为负数").max(168),
    openingHours: z.string().trim().min(2).max(100).describe("开放时间, e.g. 周一至周五 8:30-17:00"),
  })
  .strict();
export type FacilityInput = z.infer<typeof ZFacilityInput>;

export const ZUseReportInput = z
  .object({
    period: ZPeriod,
    visits: z.number().int().min(0).max(1_000_000),
    events: z.number().int().min(0).max(10_000),
    note: z.string().trim().max(300).optional(),
  })
  .strict();
export type UseReportInput = z.infer<typeof ZUseReportInput>;

export const ZUsePoint = z.object({ period: z.string(), visits: z.number().int().nullable(), events: z.number().int().nullable() });
export type UsePoint = z.infer<typeof ZUsePoint>;

export const FACILITY_FLAGS = ["IDLE"] as const;
export const ZFacilityFlagCode = z.enum(FACILITY_FLAGS);
export const ZFacilityFlag = z.object({ code: ZFacilityFlagCode, message: z.string(), caseId: z.string().nullable().describe("the case opened from this flag, when one was") });

export const ZFacility = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZFacilityKind,
  unit: z.object({ code: z.string(), name: z.string() }),
  owner: z.string(),
  cost: z.number(),
  staffHoursPerWeek: z.number(),
  /** Staff hours a month (hours a week × 52 / 12). */
  staffHoursPerMonth: z.number(),
  openingHours: z.string(),
  /** The idle rule that applies: visits a month under `minVisits` for `periods` reported months running. */
  rule: z.object({ minVisits: z.number().int(), periods: z.number().int() }),
  /** The last twelve months, oldest first; null where nothing was reported. */
  trend: z.array(ZUsePoint),
  /** Change of average monthly visits, second half of the trend against the first (null when unknown). */
  trendChange: z.number().nullable(),
  flags: z.array(ZFacilityFlag),
  can: z.array(z.enum(["edit", "report", "open_case"])),
});
export type Facility = z.infer<typeof ZFacility>;

export const ZFacilityIdParams = z.object({ id: z.uuid() });
export const ZFacilityFlagParams = z.object({ id: z.uuid(), code: ZFacilityFlagCode });
export const ZFacilityCaseOpened = z.object({ caseId: z.string(), facility: ZFacility });
export const ZFacilityListQuery = z.object({
  unit: ZUnitCode.optional().describe("only facilities at or below this unit"),
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ZFacilityList = z.object({ total: z.number().int(), items: z.array(ZFacility) });

/** The idle rule of a region, for all kinds ("*") or one kind; the nearest region and the kind win. */
export const ZIdleRuleInput = z
  .object({
    regionCode: ZUnitCode,
    kind: z.union([ZFacilityKind, z.literal("*")]),
    minVisits: z.number().int().min(0).max(100_000),
    periods: z.number().int().min(1).max(36),
  })
  .strict();
export type IdleRuleInput = z.infer<typeof ZIdleRuleInput>;
export const ZIdleRule = ZIdleRuleInput.extend({ regionName: z.string() });
export const ZIdleRules = z.object({ defaults: z.object({ minVisits: z.number(), periods: z.number() }), rules: z.array(ZIdleRule) });
export const ZRegionQuery = z.object({ region: ZUnitCode.optional() });

/** What a unit carries of facilities and projects: shown beside its burden picture. */
export const ZUnitResources = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  facilities: z.number().int(),
  idleFacilities: z.number().int(),
  staffHoursPerMonth: z.number(),
  idleStaffHoursPerMonth: z.number(),
  projects: z.number().int(),
  flaggedProjects: z.number().int(),
  powers: z.number().int(),
  unusedPowers: z.number().int(),
});
export type UnitResources = z.infer<typeof ZUnitResources>;
export const ZUnitQuery = z.object({ unit: ZUnitCode });

export const ZImportResult = z.object({ created: z.number().int() });

/**
 * Facility staff hours beside the burden index for a unit, month by month (docs/decisions/0008): the
 * burden-hours of admitted burdens, the staff hours facilities took, and of those the hours of months
 * whose reported visits stayed under the idle floor; the idle facilities now.
 */
export const ZFacilityMonthsQuery = z.object({ unit: ZUnitCode, from: ZPeriod, to: ZPeriod });
export const ZFacilityMonth = z.object({
  month: z.string(),
  burdenHours: z.number(),
  staffHours: z.number(),
  underFloorHours: z.number(),
  /** Facilities standing that month (registered by then, or reported on). */
  facilities: z.number().int(),
});
export const ZIdleFacility = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZFacilityKind,
  unit: z.object({ code: z.string(), name: z.string() }),
  staffHoursPerMonth: z.number(),
  message: z.string(),
  caseId: z.string().nullable(),
});
export const ZFacilityMonths = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  months: z.array(ZFacilityMonth),
  idle: z.array(ZIdleFacility),
});
export type FacilityMonths = z.infer<typeof ZFacilityMonths>;
