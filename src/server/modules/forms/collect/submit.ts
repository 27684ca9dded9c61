import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { IndicatorType, SubmitInput, SubmitResult } from "../../../../contracts/forms.js";
import type { Db, Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import type { Lang } from "../../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { canonicalJson, recordAudit } from "../../audit/audit.js";
import { throwIssues, type Issue } from "../excel/workbook.js";
import { normalizeValue } from "../numbers.js";
import { formData, formDrafts, formSubmissions } from "../schema.js";
import { questionsFor } from "./one-table.js";
import { askKey } from "./open-forms.js";

type Answer = SubmitInput["values"][number];
type Checked = { values: Answer[]; notes: Issue[] };

const hashOf = (values: readonly Answer[]) =>
  createHash("sha256").update(canonicalJson([...values].sort((a, b) => askKey(a.indicatorId, a.periodKey).localeCompare(askKey(b.indicatorId, b.periodKey))))).digest("hex");

/** Each answer must be a question of the village's one form and a valid value of its indicator. */
async function checkAnswers(db: Db, actor: Actor, village: ScopeUnit, values: readonly Answer[], lang: Lang): Promise<Checked> {
  const questions = await questionsFor(db, actor, village);
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

const replay = (row: typeof formSubmissions.$inferSelect, hash: string): SubmitResult => {
  if (row.requestHash !== hash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
  const values = row.values as Answer[];
  return { submissionId: row.id, accepted: values.length, replayed: true, notes: row.notes as SubmitResult["notes"], submittedAt: row.createdAt.toISOString() };
};

/**
 * A village submits answers of its one form. Durable before acknowledged: the submission, the data
 * with their provenance and the audit entry commit together. The idempotency key makes a retry (a
 * lost reply, a double tap) return the first submission instead of writing a second.
 */
export async function submitOneTable(db: Db, args: { actor: Actor; village: ScopeUnit; input: SubmitInput; lang: Lang }): Promise<SubmitResult> {
  const { actor, village, input, lang } = args;
  const hash = hashOf(input.values);
  const first = await earlier(db, village.code, input.idempotencyKey);
  if (first) return replay(first, hash);
  const checked = await checkAnswers(db, actor, village, input.values, lang);
  const notes = checked.notes.map((n) => ({ path: n.path, message: lang === "en" ? n.en : n.zh }));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(formSubmissions)
      .values({ unitCode: village.code, unitPath: village.path, provinceCode: village.provinceCode, idempotencyKey: input.idempotencyKey, requestHash: hash, values: checked.values, notes, createdBy: actor.id, createdByName: actor.displayName })
      .onConflictDoNothing({ target: [formSubmissions.unitCode, formSubmissions.idempotencyKey] })
      .returning();
    // The same key committed meanwhile by a concurrent retry: that one is the submission.
    if (!row) return replay((await earlier(tx, village.code, input.idempotencyKey))!, hash);
    const provenance = { sourceKind: "submission", sourceId: row.id, recordedBy: actor.id, recordedByName: actor.displayName, recordedAt: row.createdAt };
    await tx
      .insert(formData)
      .values(checked.values.map((v) => ({ indicatorId: v.indicatorId, unitCode: village.code, unitPath: village.path, provinceCode: village.provinceCode, periodKey: v.periodKey, value: v.value, ...provenance })))
      .onConflictDoUpdate({
        target: [formData.indicatorId, formData.unitCode, formData.periodKey],
        set: { value: sql`excluded.value`, sourceKind: sql`excluded.source_kind`, sourceId: sql`excluded.source_id`, recordedBy: sql`excluded.recorded_by`, recordedByName: sql`excluded.recorded_by_name`, recordedAt: sql`excluded.recorded_at` },
      });
    await tx.delete(formDrafts).where(eq(formDrafts.unitCode, village.code));
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.displayName }, action: "form.submit", entityType: "submission", entityId: row.id, scopePath: village.path,
      detail: { unitCode: village.code, values: checked.values.length, idempotencyKey: input.idempotencyKey },
    });
    return { submissionId: row.id, accepted: checked.values.length, replayed: false, notes, submittedAt: row.createdAt.toISOString() };
  });
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
