import type { Me } from "../../../contracts/org.js";

/**
 * The list a user most likely wants: his own township's (a village cadre's township is his village's
 * parent), otherwise his region's county template (office, department, commission, admin).
 */
export function defaultDutyUnit(me: Me): string {
  if (me.role === "township_official") return me.scope.code;
  if (me.role === "village_cadre") return me.scope.parentCode ?? me.regionCode;
  return me.regionCode;
}
