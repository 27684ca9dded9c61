import type { Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import { authorize, type Actor, type ScopeUnit } from "../../../kernel/actor.js";
import { getUnit } from "../../org/units.js";
import { checkListLevel, loadLineages, type ListLevel } from "../lists.js";
import { dutyPolicy } from "../policy.js";

/** Today in China (UTC+8), the default date a list is shown for. */
export const chinaToday = (): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

/** A unit the actor may read; one he may not read is "not found" for him, as if absent. */
async function loadReadable(db: Queryable, actor: Actor, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit || !dutyPolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  return unit;
}

/** A unit whose duty list the actor may read, of a level that keeps the list asked for. */
export async function loadReadableListUnit(db: Queryable, actor: Actor, code: string, expected: ListLevel = "any"): Promise<ScopeUnit> {
  const unit = await loadReadable(db, actor, code);
  checkListLevel(unit, expected);
  return unit;
}

/** As above, for a change: only the 减负办 and administrators, and only inside their region. */
export async function loadEditableListUnit(db: Queryable, actor: Actor, code: string, expected: ListLevel): Promise<ScopeUnit> {
  const unit = await loadReadable(db, actor, code);
  authorize(dutyPolicy.canEditAny(actor));
  authorize(dutyPolicy.canEdit(actor, unit), "OUT_OF_SCOPE", { code });
  checkListLevel(unit, expected);
  return unit;
}

export const lineageOf = async (db: Queryable, unitCode: string) => (await loadLineages(db, [unitCode])).get(unitCode) ?? [];
