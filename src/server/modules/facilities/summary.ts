import type { UnitResources } from "../../../contracts/facilities.js";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { getUnit, unitsUnder } from "../org/units.js";
import { usageOf } from "../powers/usage.js";
import { resourcePolicy } from "./policy.js";
import { presentProjects, projectsUnder } from "./projects.js";
import { facilitiesUnder, presentFacilities } from "./registry.js";

/**
 * What a unit carries of facilities, projects and delegated powers, beside its burden picture:
 * facility staff hours a month (docs/decisions — facility staff hours are a standing load on the unit,
 * shown beside the burden index, not added to it), idle ones, flagged projects, unused powers.
 */
export async function unitResources(db: Queryable, actor: Actor, code: string, lang: Lang): Promise<UnitResources> {
  const unit = await getUnit(db, code);
  if (!unit || !resourcePolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  const [fs, ps] = await Promise.all([facilitiesUnder(db, unit.path), projectsUnder(db, unit.path)]);
  const [facilities, projects] = await Promise.all([presentFacilities(db, null, fs, lang), presentProjects(db, null, ps, lang)]);
  const townships = unit.level === "township" ? [unit] : unit.level === "village" ? [] : await unitsUnder(db, unit.path, "township");
  const powers = await usageOf(db, townships, lang);
  const sum = (xs: readonly { staffHoursPerMonth: number }[]) => Math.round(xs.reduce((a, f) => a + f.staffHoursPerMonth, 0) * 10) / 10;
  const idle = facilities.filter((f) => f.flags.length > 0);
  return {
    unit: { code: unit.code, name: unit.name },
    facilities: facilities.length,
    idleFacilities: idle.length,
    staffHoursPerMonth: sum(facilities),
    idleStaffHoursPerMonth: sum(idle),
    projects: projects.length,
    flaggedProjects: projects.filter((p) => p.flags.length > 0).length,
    powers: powers.length,
    unusedPowers: powers.filter((p) => p.flag !== null).length,
  };
}
