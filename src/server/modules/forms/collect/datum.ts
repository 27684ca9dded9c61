import { and, eq, sql } from "drizzle-orm";
import type { DatumInput, IndicatorType } from "../../../../contracts/forms.js";
import type { Db } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import type { Lang } from "../../../http/i18n.js";
import { authorize, pathIsInside, type Actor } from "../../../kernel/actor.js";
import { recordAudit } from "../../audit/audit.js";
import { getUnit } from "../../org/units.js";
import { getIndicator } from "../catalog.js";
import { normalizeValue } from "../numbers.js";
import { formData } from "../schema.js";

/**
 * The department that owns an indicator (or the county's 减负办) enters or corrects a village's value,
 * with a reason: the value held before and the reason go to the audit log, the datum says "department".
 */
export async function enterDatum(db: Db, args: { actor: Actor; input: DatumInput; lang: Lang }) {
  const { actor, input, lang } = args;
  const indicator = await getIndicator(db, input.indicatorId);
  const region = await getUnit(db, indicator.regionCode);
  const unit = await getUnit(db, input.unitCode);
  if (!region || !unit || !pathIsInside(unit.path, region.path)) throw new AppError("UNIT_NOT_FOUND", { code: input.unitCode });
  const owner = actor.role === "department_staff" && actor.scope.code === indicator.ownerDepartment;
  authorize(owner || (actor.role === "office" && pathIsInside(region.path, actor.scope.path)));
  if (unit.level !== "village") throw new AppError("FORM_NOT_A_VILLAGE", { code: unit.code });
  const checked = normalizeValue(input.value, { type: indicator.type as IndicatorType, options: indicator.options, min: indicator.min, max: indicator.max, unit: indicator.unit });
  if (!checked.ok) throw new AppError("FORM_VALUES_INVALID", { count: 1 }, [{ path: "value", message: `${indicator.name}：${lang === "en" ? checked.error.en : checked.error.zh}` }]);
  return db.transaction(async (tx) => {
    const key = and(eq(formData.indicatorId, indicator.id), eq(formData.unitCode, unit.code), eq(formData.periodKey, input.periodKey));
    const [before] = await tx.select().from(formData).where(key);
    const values = { value: checked.value, sourceKind: "department", sourceId: null, recordedBy: actor.id, recordedByName: actor.displayName, recordedAt: new Date() };
    const [row] = await tx
      .insert(formData)
      .values({ indicatorId: indicator.id, unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode, periodKey: input.periodKey, ...values })
      .onConflictDoUpdate({ target: [formData.indicatorId, formData.unitCode, formData.periodKey], set: { ...values, recordedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.displayName }, action: "datum.enter", entityType: "datum", entityId: `${indicator.code}|${unit.code}|${input.periodKey}`, scopePath: unit.path,
      detail: { value: checked.value, reason: input.reason, previous: before ? { value: before.value, sourceKind: before.sourceKind, by: before.recordedByName } : null },
    });
    return {
      indicatorId: indicator.id, unitCode: unit.code, periodKey: input.periodKey, value: row!.value, previous: before?.value ?? null,
      provenance: { sourceKind: "department" as const, sourceId: null, by: row!.recordedByName, at: row!.recordedAt.toISOString() },
    };
  });
}
