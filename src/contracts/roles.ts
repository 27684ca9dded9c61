import { z } from "zod";

/** Roles of DESIGN.md §2. A role is always paired with a scope: a subtree of the hierarchy. */
export const ROLES = [
  "village_cadre", // 村/社区干部
  "township_official", // 乡镇干部
  "department_staff", // 部门工作人员
  "office", // 减负办
  "commission", // 纪委监委
  "admin", // 管理员
] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export const UNIT_LEVELS = ["nation", "province", "city", "county", "township", "village", "department"] as const;
export const ZUnitLevel = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof ZUnitLevel>;

/** Kinds of attached bodies (departments) under a region. */
export const ORG_TYPES = ["bureau", "party_office", "burden_office", "commission"] as const;
export const ZOrgType = z.enum(ORG_TYPES);
export type OrgType = z.infer<typeof ZOrgType>;

/**
 * Unit codes: 6 digits (GB/T 2260, nation/province/city/county), 12 digits (statistical division code,
 * township/village), or a department attached to a region: the region's code, "D", two or three digits.
 */
export const UNIT_CODE_PATTERN = /^(\d{6}|\d{12}|\d{6}D\d{2,3})$/;
export const ZUnitCode = z.string().regex(UNIT_CODE_PATTERN, "unit code: 6 or 12 digits, or a department code such as 230524D01");

export const NATION_CODE = "100000";

/** Which levels of unit each role may have as its scope (a village cadre a village, …). */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly UnitLevel[]> = {
  village_cadre: ["village"],
  township_official: ["township"],
  department_staff: ["department"],
  office: ["nation", "province", "city", "county", "department"],
  commission: ["nation", "province", "city", "county", "department"],
  admin: ["nation", "province", "city", "county"],
};

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  village_cadre: { zh: "村(社区)干部", en: "village cadre" },
  township_official: { zh: "乡镇(街道)干部", en: "township official" },
  department_staff: { zh: "部门工作人员", en: "department staff" },
  office: { zh: "减负办", en: "burden-reduction office" },
  commission: { zh: "纪委监委", en: "discipline commission" },
  admin: { zh: "系统管理员", en: "administrator" },
};

export const LEVEL_NAMES: Record<UnitLevel, { zh: string; en: string }> = {
  nation: { zh: "全国", en: "nation" },
  province: { zh: "省级", en: "province" },
  city: { zh: "地级", en: "city" },
  county: { zh: "县级", en: "county" },
  township: { zh: "乡级", en: "township" },
  village: { zh: "村级", en: "village" },
  department: { zh: "部门", en: "department" },
};
