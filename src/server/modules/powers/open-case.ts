import { POWER_CATEGORY_NAMES } from "../../../contracts/powers.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import type { ReporterKeys } from "../cases/crypto.js";
import { openSystemCase } from "../cases/system.js";
import { loadTownship } from "./effective.js";
import { powerCases } from "./schema.js";
import { usageOf } from "./usage.js";
import { powerPolicy } from "./versions.js";

/**
 * Turns an unused power (一年未行使) into a case 问题线索 (category 隐形负担: a power handed down
 * without the means to exercise it is a responsibility pushed down, not a capability). Routed like any
 * report about the township — to the county above it, never through the township's own chain; only a
 * flag the power carries now, once per township, power and flag; the case and the link commit together.
 */
export async function openPowerCase(db: Db, keys: ReporterKeys, actor: Actor, townshipCode: string, key: string): Promise<string> {
  const township = await loadTownship(db, townshipCode);
  if (!pathIsInside(township.path, regionPathOf(actor))) throw new AppError("UNIT_NOT_FOUND", { code: townshipCode });
  authorize(powerPolicy.canOpenCase(actor, township));
  const usage = (await usageOf(db, [township], "zh-CN")).find((u) => u.key === key);
  if (!usage?.flag) throw new AppError("FLAG_NOT_RAISED");
  if (usage.flag.caseId) throw new AppError("FLAG_CASE_EXISTS");
  const text = [
    `${township.name}自 ${usage.heldSince} 起被赋予“${usage.name}”（${key}，${POWER_CATEGORY_NAMES[usage.category].zh}），`,
    `近 12 个月行使 0 次。系统标记：${usage.flag.message}。`,
  ].join("");
  try {
    return await db.transaction(async (tx) => {
      const caseId = await openSystemCase(tx, keys, { actor, unitCode: township.code, category: "hidden_burden", text, source: { module: "power", entityId: `${township.code}:${key}`, flag: "UNUSED_YEAR" } });
      await tx.insert(powerCases).values({ townshipCode: township.code, key, flag: "UNUSED_YEAR", caseId, openedBy: actor.username, openedOn: chinaToday() });
      await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "powers.open_case", entityType: "power", entityId: `${township.code}:${key}`, scopePath: township.path, detail: { flag: "UNUSED_YEAR", caseId } });
      return caseId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("FLAG_CASE_EXISTS");
    throw err;
  }
}
