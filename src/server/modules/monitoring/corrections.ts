import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Answer, CorrectionInput } from "../../../contracts/monitoring.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { applyAnswerToIndex } from "../burden-index/actual.js";
import { monitoringPolicy } from "./policy.js";
import { monitoringAnswerItems, monitoringAnswers, monitoringCorrections, monitoringUnregistered, type AnswerTotals } from "./schema.js";
import { correctableUntil, presentAnswers, priceAnswer, writeContent } from "./survey.js";

/**
 * Corrections 更正 of a sent monitoring answer. The village's cadre corrects its own answer until
 * CORRECTION_DAYS after the week's Sunday (a figure mistyped on a phone is found within a fortnight,
 * and the month's index is read by then); its township official corrects any answer of the township at
 * any time, always with a reason. The whole answer is sent again with the revision it corrects: a
 * correction made on a stale copy is refused, a retry with the same key returns the first. In one
 * transaction the old items make way for the new ones, the answer's totals and revision change, the
 * index's "actual" cells lose the old totals and gain the new ones, and the audit keeps both.
 */

type AnswerRow = typeof monitoringAnswers.$inferSelect;

const hashOf = (input: CorrectionInput) =>
  createHash("sha256")
    .update(JSON.stringify({ revision: input.revision, items: [...input.items].sort((a, b) => a.burdenId.localeCompare(b.burdenId)), unregistered: input.unregistered, reason: input.reason ?? null }))
    .digest("hex");

const totalsOf = (r: AnswerRow): AnswerTotals => ({ expectedMinutes: r.expectedMinutes, actualMinutes: r.actualMinutes, unregisteredMinutes: r.unregisteredMinutes, unregisteredCount: r.unregisteredCount });

const cell = (r: AnswerRow, t: AnswerTotals) => ({
  unitPath: r.unitPath,
  month: r.month,
  expectedMinutes: t.expectedMinutes,
  actualMinutes: t.actualMinutes,
  unregisteredMinutes: t.unregisteredMinutes,
  unregistered: t.unregisteredCount,
});

async function loadAnswer(db: Queryable, id: string): Promise<AnswerRow | null> {
  const [row] = await db.select().from(monitoringAnswers).where(eq(monitoringAnswers.id, id));
  return row ?? null;
}

/** Who may correct the answer now, and whether a reason is owed; refusals say why. */
function checkMayCorrect(actor: Actor, answer: AnswerRow, input: CorrectionInput, today: string): void {
  if (monitoringPolicy.canCorrectOwn(actor, answer)) {
    const until = correctableUntil(answer.week);
    if (today > until) throw new AppError("MONITORING_CORRECTION_CLOSED", { week: answer.week, until });
    return;
  }
  if (!monitoringPolicy.canCorrectBelow(actor, answer.unitPath)) throw new AppError("MONITORING_ANSWER_NOT_FOUND");
  if (!input.reason) throw new AppError("MONITORING_REASON_REQUIRED");
}

/** Corrects an answer; `replayed` when the same correction was already made with this key. */
export async function correctAnswer(db: Db, actor: Actor, id: string, input: CorrectionInput, today: string): Promise<{ answer: Answer; replayed: boolean }> {
  const found = await loadAnswer(db, id);
  if (!found || !(monitoringPolicy.canCorrectOwn(actor, found) || monitoringPolicy.canCorrectBelow(actor, found.unitPath))) throw new AppError("MONITORING_ANSWER_NOT_FOUND");
  const hash = hashOf(input);
  const replay = async (): Promise<{ answer: Answer; replayed: boolean } | null> => {
    const [earlier] = await db.select().from(monitoringCorrections).where(and(eq(monitoringCorrections.answerId, id), eq(monitoringCorrections.idempotencyKey, input.idempotencyKey)));
    if (!earlier) return null;
    if (earlier.requestHash !== hash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
    return { answer: (await presentAnswers(db, [(await loadAnswer(db, id))!]))[0]!, replayed: true };
  };
  const first = await replay();
  if (first) return first;
  checkMayCorrect(actor, found, input, today);
  const priced = await priceAnswer(db, found.unitCode, found.week, input);
  const done = await db.transaction(async (tx) => {
    // The row lock orders concurrent corrections of one answer; the revision refuses the stale one.
    const { rows } = await tx.execute<{ revision: number }>(sql`select revision from monitoring_answers where id = ${id} for update`);
    if (Number(rows[0]?.revision) !== input.revision) return "stale" as const;
    const [saved] = await tx
      .insert(monitoringCorrections)
      .values({
        answerId: id,
        revision: input.revision + 1,
        idempotencyKey: input.idempotencyKey,
        requestHash: hash,
        correctedBy: actor.id,
        correctedByName: actor.displayName,
        role: actor.role,
        reason: input.reason ?? null,
        before: totalsOf(found),
        after: priced.totals,
      })
      .onConflictDoNothing()
      .returning({ id: monitoringCorrections.id });
    if (!saved) return "raced" as const;
    await tx.delete(monitoringAnswerItems).where(eq(monitoringAnswerItems.answerId, id));
    await tx.delete(monitoringUnregistered).where(eq(monitoringUnregistered.answerId, id));
    await writeContent(tx, id, priced);
    await tx
      .update(monitoringAnswers)
      .set({ ...priced.totals, revision: input.revision + 1, correctedAt: new Date() })
      .where(eq(monitoringAnswers.id, id));
    await applyAnswerToIndex(tx, cell(found, totalsOf(found)), -1);
    await applyAnswerToIndex(tx, cell(found, priced.totals), 1);
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.username },
      action: "monitoring.answer.correct",
      entityType: "monitoring_answer",
      entityId: id,
      scopePath: found.unitPath,
      detail: { week: found.week, revision: input.revision + 1, role: actor.role, reason: input.reason ?? null, before: totalsOf(found), after: priced.totals, idempotencyKey: input.idempotencyKey },
    });
    return "done" as const;
  });
  if (done === "raced") return (await replay()) ?? correctAnswer(db, actor, id, input, today);
  if (done === "stale") {
    // A retry whose first attempt committed finds its own correction; anything else corrected a stale copy.
    const again = await replay();
    if (again) return again;
    throw new AppError("MONITORING_ANSWER_CHANGED", { revision: (await loadAnswer(db, id))?.revision ?? input.revision });
  }
  return { answer: (await presentAnswers(db, [(await loadAnswer(db, id))!]))[0]!, replayed: false };
}
