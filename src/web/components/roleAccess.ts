import type { Role } from "../../contracts/roles.js";

/**
 * Which roles see which burden screens in the menu and on the home page. The server decides what each
 * user may really read or do (a burden's `can`); this only keeps the menu to what makes sense for a role.
 */
export const SCREEN_ROLES = {
  burdens: ["department_staff", "township_official", "office", "commission", "admin"],
  newBurden: ["department_staff", "township_official", "office"],
  review: ["office"],
  inbox: ["village_cadre", "township_official"],
  gate: ["office"],
  cases: ["office", "commission"],
  caseSettings: ["office"],
  reportCase: ["village_cadre", "township_official", "department_staff"],
  inspections: ["office", "commission", "admin"],
  secondments: ["department_staff", "township_official", "office", "commission", "admin"],
  fingertips: ["village_cadre", "township_official", "department_staff", "office", "commission", "admin"],
  evaluations: ["department_staff", "township_official", "office", "commission", "admin"],
  plaques: ["village_cadre", "township_official", "office", "commission", "admin"],
  forms: ["department_staff", "office", "commission", "admin"],
  formsCatalog: ["department_staff", "township_official", "office", "commission", "admin"],
  oneTable: ["village_cadre", "township_official"],
  meetings: ["village_cadre", "township_official", "department_staff", "office", "commission", "admin"],
  inspectionPlans: ["department_staff", "township_official", "office", "commission", "admin"],
  rankings: ["department_staff", "township_official", "office", "commission", "admin"],
  facilities: ["village_cadre", "township_official", "department_staff", "office", "commission", "admin"],
  facilityReport: ["village_cadre", "township_official", "office"],
  projects: ["township_official", "department_staff", "office", "commission", "admin"],
  powers: ["township_official", "department_staff", "office", "commission", "admin"],
  monitoringSurvey: ["village_cadre"],
  monitoringPoints: ["township_official", "office", "commission", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Screen = keyof typeof SCREEN_ROLES;

export const roleSees = (role: Role, screen: Screen): boolean => (SCREEN_ROLES[screen] as readonly Role[]).includes(role);
