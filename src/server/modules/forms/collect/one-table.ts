import { eq } from "drizzle-orm";
import type { IndicatorType, OneTable, Question } from "../../../../contracts/forms.js";
import type { Db, Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { isTargeted } from "../../burdens/queries.js";
import { getUnit, getUnits } from "../../org/units.js";
import type { IndicatorRow } from "../catalog.js";
import { authorize, formPolicy } from "../policy.js";
import { formDrafts } from "../schema.js";
import { askKey, asksOf, dataFor, datumOf, openForms } from "./open-forms.js";

/** A village whose one form the actor may look at (fill: may also write it); others are "not found". */
export async function loadVillage(db: Queryable, actor: Actor, code: string, need: "read" | "fill"): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit || !formPolicy.canReadOneTable(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  if (unit.level !== "village") throw new AppError("FORM_NOT_A_VILLAGE", { code });
  if (need === "fill") authorize(formPolicy.canFill(actor, unit));
  return unit;
}

type Entry = { indicator: IndicatorRow; periodKey: string; forms: Question["forms"] };

/** Every datum the open forms targeting the village ask, each once (merged across forms). */
export async function questionsFor(db: Db, actor: Actor, village: ScopeUnit, options: { ownerNames?: boolean } = {}): Promise<Map<string, Entry>> {
  const county = village.path.split(".").slice(0, 4).join(".");
  const entries = new Map<string, Entry>();
  const open = await openForms(db, actor, county);
  // A submission only checks its answers against the questions: the owners' names are for the page.
  const owners = options.ownerNames === false ? new Map<string, string>() : new Map((await getUnits(db, [...new Set(open.map((o) => o.form.ownerCode))])).map((u) => [u.code, u.name]));
  for (const { form } of open) {
    if (!(await isTargeted(db, form.burdenId, village.code))) continue;
    for (const a of await asksOf(db, form)) {
      const key = askKey(a.indicator.id, a.periodKey);
      const entry = entries.get(key) ?? { indicator: a.indicator, periodKey: a.periodKey, forms: [] };
      if (!entry.forms.some((f) => f.id === form.id)) entry.forms.push({ id: form.id, title: form.title, owner: owners.get(form.ownerCode) ?? form.ownerCode });
      entries.set(key, entry);
    }
  }
  return entries;
}

export async function draftOf(db: Queryable, unitCode: string) {
  const [row] = await db.select().from(formDrafts).where(eq(formDrafts.unitCode, unitCode));
  return row ?? null;
}

/**
 * The village's one form 一表 for now: the union of what its open forms ask, each datum once; a fresh
 * value already held is shown with where it came from, for confirmation; the rest is missing. The draft
 * kept on the server is laid over it.
 */
export async function oneTable(db: Db, actor: Actor, village: ScopeUnit): Promise<OneTable> {
  const entries = [...(await questionsFor(db, actor, village)).values()];
  const data = await dataFor(db, [village.code], entries);
  const draft = await draftOf(db, village.code);
  const drafted = new Map(((draft?.values ?? []) as { indicatorId: string; periodKey: string; value: string }[]).map((v) => [askKey(v.indicatorId, v.periodKey), v.value]));
  const questions: Question[] = entries
    .map(({ indicator: i, periodKey, forms }) => {
      const d = datumOf(data, village.code, i.id, periodKey);
      return {
        indicatorId: i.id, periodKey, code: i.code, name: i.name, definition: i.definition, unit: i.unit, type: i.type as IndicatorType, options: i.options, min: i.min, max: i.max, forms,
        current: d ? { value: d.value, provenance: { sourceKind: d.sourceKind as "submission", sourceId: d.sourceId, by: d.recordedByName, at: d.recordedAt.toISOString() } } : null,
        draft: drafted.get(askKey(i.id, periodKey)) ?? null,
      };
    })
    .sort((a, b) => Number(a.current !== null) - Number(b.current !== null) || a.code.localeCompare(b.code));
  const missing = questions.filter((q) => q.current === null).length;
  return { unit: { code: village.code, name: village.name }, questions, missing, prefilled: questions.length - missing, draftSavedAt: draft?.updatedAt.toISOString() ?? null };
}
