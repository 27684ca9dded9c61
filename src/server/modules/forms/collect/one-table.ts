import { and, asc, eq, exists, like, or, sql } from "drizzle-orm";
import type { IndicatorType, OneTable, Question, RefreshCycle } from "../../../../contracts/forms.js";
import type { Db, Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import { pathIsInside, type Actor, type ScopeUnit } from "../../../kernel/actor.js";
import { likeEscape } from "../../../db/sql-helpers.js";
import { actorRegionPath, burdenPolicy } from "../../burdens/policy.js";
import { burdens, burdenTargets } from "../../burdens/schema.js";
import { getUnit, getUnits } from "../../org/units.js";
import type { IndicatorRow } from "../catalog.js";
import { authorize, formPolicy } from "../policy.js";
import { periodKey } from "../period.js";
import { formDrafts, formFields, formIndicators, forms } from "../schema.js";
import { askKey, burdenSeenBy, dataFor, datumOf } from "./open-forms.js";

/** A village whose one form the actor may look at (fill: may also write it); others are "not found". */
export async function loadVillage(db: Queryable, actor: Actor, code: string, need: "read" | "fill"): Promise<ScopeUnit> {
  // His own village (a cadre's): the unit the session lookup has just read, as fresh as reading it again.
  const unit = code === actor.scope.code ? actor.scope : await getUnit(db, code);
  if (!unit || !formPolicy.canReadOneTable(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  if (unit.level !== "village") throw new AppError("FORM_NOT_A_VILLAGE", { code });
  if (need === "fill") authorize(formPolicy.canFill(actor, unit));
  return unit;
}

/** What a question needs of its indicator (to show it and to check an answer). */
const questionIndicator = {
  id: formIndicators.id, code: formIndicators.code, name: formIndicators.name, definition: formIndicators.definition, unit: formIndicators.unit,
  type: formIndicators.type, options: formIndicators.options, min: formIndicators.min, max: formIndicators.max, refreshCycle: formIndicators.refreshCycle,
};
type QuestionIndicator = Pick<IndicatorRow, keyof typeof questionIndicator>;
type Entry = { indicator: QuestionIndicator; periodKey: string; forms: Question["forms"] };

/**
 * The indicator fields of the mapped forms of a county whose burden is admitted and targets the village,
 * with their forms (without their files) and burdens: one query, built and prepared once per database
 * (a submission pays for it at every deadline peak).
 */
const openQuestionsQuery = (db: Db) =>
  db
    .select({
      indicator: questionIndicator,
      form: { id: forms.id, title: forms.title, ownerCode: forms.ownerCode, referenceDate: forms.referenceDate, burdenId: forms.burdenId },
      burden: { issuerCode: burdens.issuerCode, issuerPath: burdens.issuerPath, status: burdens.status },
    })
    .from(forms)
    .innerJoin(burdens, eq(burdens.id, forms.burdenId))
    .innerJoin(formFields, and(eq(formFields.formId, forms.id), eq(formFields.role, "indicator")))
    .innerJoin(formIndicators, eq(formIndicators.id, formFields.indicatorId))
    .where(
      and(
        eq(forms.status, "mapped"),
        or(eq(forms.ownerPath, sql.placeholder("county")), like(forms.ownerPath, sql.placeholder("underCounty"))),
        eq(burdens.status, "admitted"),
        exists(db.select({ one: sql`1` }).from(burdenTargets).where(and(eq(burdenTargets.burdenId, forms.burdenId), eq(burdenTargets.unitCode, sql.placeholder("village"))))),
      ),
    )
    .orderBy(asc(forms.createdAt), asc(forms.id), asc(formFields.position))
    .prepare("one_table_open_questions");
const openQuestions = new WeakMap<Db, ReturnType<typeof openQuestionsQuery>>();

/**
 * Every datum the open forms targeting the village ask, each once (merged across forms). Open: the form
 * mapped, inside the village's county, its burden admitted and targeting the village, and readable by
 * the actor.
 */
export async function questionsFor(db: Db, actor: Actor, village: ScopeUnit, options: { ownerNames?: boolean } = {}): Promise<Map<string, Entry>> {
  const county = village.path.split(".").slice(0, 4).join(".");
  let query = openQuestions.get(db);
  if (!query) openQuestions.set(db, (query = openQuestionsQuery(db)));
  const rows = await query.execute({ county, underCounty: `${likeEscape(county)}.%`, village: village.code });
  const readable = await readableBurdens(db, actor, village, rows.map((r) => ({ id: r.form.burdenId, ...r.burden })));
  const open = rows.filter((r) => readable.has(r.form.burdenId));
  // A submission only checks its answers against the questions: the owners' names are for the page.
  const owners = options.ownerNames === false ? new Map<string, string>() : new Map((await getUnits(db, [...new Set(open.map((r) => r.form.ownerCode))])).map((u) => [u.code, u.name]));
  const entries = new Map<string, Entry>();
  for (const { indicator, form } of open) {
    const period = periodKey(indicator.refreshCycle as RefreshCycle, form.referenceDate);
    const key = askKey(indicator.id, period);
    const entry = entries.get(key) ?? { indicator, periodKey: period, forms: [] };
    if (!entry.forms.some((f) => f.id === form.id)) entry.forms.push({ id: form.id, title: form.title, owner: owners.get(form.ownerCode) ?? form.ownerCode });
    entries.set(key, entry);
  }
  return entries;
}

/**
 * The burdens among these (admitted, each targeting the village) the actor may read. A burden that
 * targets the village targets the actor's region when the village lies in it, which is what the burden
 * policy asks; otherwise (not the case of anyone who may open the village's form) the full check.
 */
async function readableBurdens(db: Db, actor: Actor, village: ScopeUnit, found: { id: string; issuerCode: string; issuerPath: string; status: string }[]): Promise<Set<string>> {
  const targetsActorRegion = pathIsInside(village.path, actorRegionPath(actor));
  const readable = new Set<string>();
  for (const b of found) {
    if (readable.has(b.id)) continue;
    if (targetsActorRegion ? burdenPolicy.canRead(actor, b, true) : (await burdenSeenBy(db, actor, b.id))?.status === "admitted") readable.add(b.id);
  }
  return readable;
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
