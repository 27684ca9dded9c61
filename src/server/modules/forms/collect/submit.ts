import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { IndicatorType, SubmitInput, SubmitResult } from "../../../../contracts/forms.js";
import type { Db, Queryable } from "../../../db/client.js";
import type { Lang } from "../../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { canonicalJson, recordAudit } from "../../audit/audit.js";
import { throwIssues, type Issue } from "../excel/workbook.js";
import { normalizeValue } from "../numbers.js";
import { formDrafts, formSubmissions } from "../schema.js";
import { questionsFor } from "./one-table.js";
import { askKey } from "./open-forms.js";
import { commitSubmission, replay, type Answer } from "./submit-write.js";

type Checked = { values: Answer[]; notes: Issue[] };

const hashOf = (values: readonly Answer[]) =>
  createHash("sha256").update(canonicalJson([...values].sort((a, b) => askKey(a.indicatorId, a.periodKey).localeCompare(askKey(b.indicatorId, b.periodKey))))).digest("hex");

/** Each answer must be a question of the village's one form and a valid value of its indicator. */
async function checkAnswers(db: Db, actor: Actor, village: ScopeUnit, values: readonly Answer[], lang: Lang): Promise<Checked> {
  const questions = await questionsFor(db, actor, village, { ownerNames: false });
  const issues: Issue[] = [];
  const notes: Issue[] = [];
  const seen = new Set<string>();
  const out: Answer[] = [];
  values.forEach((v, i) => {
    const key = askKey(v.indicatorId, v.periodKey);
    const q = questions.get(key);
    const path = `values.${i}`;
    if (!q) return issues.push({ path, zh: "该项不在本村的一表中", en: "not a question of this village's form" });
    if (seen.has(key)) return issues.push({ path, zh: `“${q.indicator.name}”填了两次`, en: `“${q.indicator.name}” is answered twice` });
    seen.add(key);
    const i8 = q.indicator;
    const r = normalizeValue(v.value, { type: i8.type as IndicatorType, options: i8.options, min: i8.min, max: i8.max, unit: i8.unit });
    if (!r.ok) return issues.push({ path, zh: `${i8.name}：${r.error.zh}`, en: `${i8.name}: ${r.error.en}` });
    if (r.note) notes.push({ path, zh: `${i8.name}：${r.note.zh}`, en: `${i8.name}: ${r.note.en}` });
    out.push({ ...v, value: r.value });
  });
  throwIssues("FORM_VALUES_INVALID", issues, lang);
  return { values: out, notes };
}

async function earlier(db: Queryable, unitCode: string, key: string) {
  const [row] = await db.select().from(formSubmissions).where(and(eq(formSubmissions.unitCode, unitCode), eq(formSubmissions.idempotencyKey, key)));
  return row ?? null;
}

/**
 * A village submits answers of its one form. Durable before acknowledged: the submission, the data
 * with their provenance and the audit entry commit together. The idempotency key makes a retry (a
 * lost reply, a double tap) return the first submission instead of writing a second.
 */
export async function submitOneTable(db: Db, args: { actor: Actor; village: ScopeUnit; input: SubmitInput; lang: Lang; today?: string }): Promise<SubmitResult> {
  const { actor, village, input, lang } = args;
  // The moment of the submission: now, or a day the demo's history passes (its data carry the same time).
  const at = args.today ? new Date(`${args.today}T15:00:00+08:00`) : new Date();
  const hash = hashOf(input.values);
  let checked: Checked;
  try {
    checked = await checkAnswers(db, actor, village, input.values, lang);
  } catch (err) {
    // A retry gets its first submission back even when its answers no longer fit the form (closed or changed since).
    const first = await earlier(db, village.code, input.idempotencyKey);
    if (first) return replay(first, hash);
    throw err;
  }
  const notes = checked.notes.map((n) => ({ path: n.path, message: lang === "en" ? n.en : n.zh }));
  // Group commit: a deadline peak shares commits (and the audit chain's lock) among the submissions arriving together.
  // A key already taken (a retry after a lost reply, a double tap) writes nothing and is answered with its first submission;
  // looking for it there rather than before costs the usual first submission no query.
  return commitSubmission(db, { actor, village, key: input.idempotencyKey, hash, values: checked.values, notes, at });
}

/** A draft kept on the server, so a cadre on a poor connection loses nothing between visits. */
export async function saveDraft(db: Db, args: { actor: Actor; village: ScopeUnit; values: Answer[] }) {
  const { actor, village } = args;
  return db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .insert(formDrafts)
      .values({ unitCode: village.code, provinceCode: village.provinceCode, values: args.values, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: formDrafts.unitCode, set: { values: args.values, updatedBy: actor.id, updatedAt: now } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.displayName }, action: "form.draft", entityType: "draft", entityId: village.code, scopePath: village.path, detail: { values: args.values.length } });
    return { savedAt: now.toISOString(), count: args.values.length };
  });
}
