import type { Unit as UnitDto, User as UserDto } from "../../../contracts/org.js";
import type { OrgType } from "../../../contracts/roles.js";
import type { Unit } from "./units.js";
import type { UserRecord } from "./users.js";

/** The public shape of a unit: the internal materialized path stays inside the server. */
export const unitDto = (u: Unit): UnitDto => ({
  code: u.code,
  name: u.name,
  level: u.level,
  parentCode: u.parentCode,
  provinceCode: u.provinceCode,
  orgType: (u.orgType as OrgType | null) ?? null,
});

export const userDto = (u: UserRecord): UserDto => ({ ...u, scope: unitDto(u.scope) });
