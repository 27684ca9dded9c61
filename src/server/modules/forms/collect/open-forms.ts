import { and, inArray } from "drizzle-orm";
import type { RefreshCycle } from "../../../../contracts/forms.js";
import type { Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import type { Actor } from "../../../kernel/actor.js";
import { loadReadableBurden, type BurdenRow } from "../../burdens/queries.js";
import { indicatorsByIds, type IndicatorRow } from "../catalog.js";
import { fieldsOf, mappedFormsIn, type FieldRow, type FormRow } from "../forms.js";
import { periodKey } from "../period.js";
import { formData } from "../schema.js";

/** One datum a form asks: an indicator for the period of the form's reference date. */
export type Ask = { field: FieldRow; indicator: IndicatorRow; periodKey: string };
export const askKey = (indicatorId: string, period: string) => `${indicatorId}|${period}`;

export async function asksOf(db: Queryable, form: FormRow): Promise<Ask[]> {
  const fields = (await fieldsOf(db, form.id)).filter((f) => f.role === "indicator" && f.indicatorId);
  const indicators = new Map((await indicatorsByIds(db, fields.map((f) => f.indicatorId!))).map((i) => [i.id, i]));
  return fields.map((field) => {
    const indicator = indicators.get(field.indicatorId!)!;
    return { field, indicator, periodKey: periodKey(indicator.refreshCycle as RefreshCycle, form.referenceDate) };
  });
}

/** The burden of a form as the actor may see it, or null when he may not. */
export async function burdenSeenBy(db: Queryable, actor: Actor, id: string): Promise<BurdenRow | null> {
  try {
    return await loadReadableBurden(db as Parameters<typeof loadReadableBurden>[0], actor, id);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Forms of a region that are being collected: mapped, and their burden admitted. */
export async function openForms(db: Queryable, actor: Actor, regionPath: string): Promise<{ form: FormRow; burden: BurdenRow }[]> {
  const found: { form: FormRow; burden: BurdenRow }[] = [];
  for (const form of await mappedFormsIn(db, regionPath)) {
    const burden = await burdenSeenBy(db, actor, form.burdenId);
    if (burden?.status === "admitted") found.push({ form, burden });
  }
  return found;
}

export type Datum = typeof formData.$inferSelect;

/** The data already held for these units and asks, keyed by unit and ask. */
export async function dataFor(db: Queryable, unitCodes: readonly string[], asks: readonly { indicator: { id: string }; periodKey: string }[]): Promise<Map<string, Datum>> {
  const map = new Map<string, Datum>();
  if (unitCodes.length === 0 || asks.length === 0) return map;
  const wanted = new Set(asks.map((a) => askKey(a.indicator.id, a.periodKey)));
  const rows = await db
    .select()
    .from(formData)
    .where(and(inArray(formData.unitCode, [...unitCodes]), inArray(formData.indicatorId, [...new Set(asks.map((a) => a.indicator.id))])));
  for (const r of rows) if (wanted.has(askKey(r.indicatorId, r.periodKey))) map.set(`${r.unitCode}|${askKey(r.indicatorId, r.periodKey)}`, r);
  return map;
}

export const datumOf = (data: Map<string, Datum>, unitCode: string, indicatorId: string, period: string) => data.get(`${unitCode}|${askKey(indicatorId, period)}`);
