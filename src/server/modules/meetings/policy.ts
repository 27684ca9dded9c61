import { pathIsInside, type Actor } from "../../kernel/actor.js";

/**
 * Who may do what with the meetings register 会议台账. Everyone reads the register of his own region
 * (a village the meetings it is called to); those who issue meetings import them (the gate then checks
 * each row's issuer); the 减负办 sets its region's cap of meetings per system.
 */
export const meetingPolicy = {
  canImport: (actor: Actor): boolean => actor.role === "department_staff" || actor.role === "township_official" || actor.role === "office",
  canSetCap: (actor: Actor, regionPath: string): boolean => actor.role === "office" && pathIsInside(regionPath, actor.scope.path),
};
