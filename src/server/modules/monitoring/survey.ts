import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { CORRECTION_DAYS, type Answer, type AnswerInput, type Survey } from "../../../contracts/monitoring.js";
import type { BurdenKind } from "../../../contracts/burdens.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { addDays } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { applyAnswerToIndex, burdensOnVillageInWeek } from "../burden-index/actual.js";
import { getUnit, getUnits } from "../org/units.js";
import { activePoint, type PointRow } from "./points.js";
import { monitoringPolicy } from "./policy.js";
import { monitoringAnswerItems, monitoringAnswers, monitoringCorrections, monitoringReminders, monitoringUnregistered } from "./schema.js";
import { isMonday, mondayOf, monthOfWeek, sundayOf, weeksBetween } from "./weeks.js";

type AnswerRow = typeof monitoringAnswers.$inferSelect;
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** The actor's own monitoring point: a village cadre of a village the office chose. */
async function myPoint(db: Queryable, actor: Actor): Promise<PointRow> {
  authorize(actor.role === "village_cadre");
  const point = await activePoint(db, actor.scope.code);
  if (!point || !monitoringPolicy.canAnswer(actor, point)) throw new AppError("MONITORING_POINT_NOT_FOUND", { code: actor.scope.code });
  return point;
}

function checkWeek(point: PointRow, week: string, today: string) {
  if (!isMonday(week) || week < point.since || week > mondayOf(today)) throw new AppError("MONITORING_WEEK_INVALID", { week, since: point.since });
}

/** The last day a village may correct its answer for the week itself: CORRECTION_DAYS after its Sunday. */
export const correctableUntil = (week: string) => addDays(sundayOf(week), CORRECTION_DAYS);

/** Answers with their items and unregistered burdens, as the API shows them. */
export async function presentAnswers(db: Queryable, rows: AnswerRow[]): Promise<Answer[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db.select().from(monitoringAnswerItems).where(inArray(monitoringAnswerItems.answerId, ids));
  const unregistered = await db.select().from(monitoringUnregistered).where(inArray(monitoringUnregistered.answerId, ids)).orderBy(monitoringUnregistered.id);
  const corrections = await db.select().from(monitoringCorrections).where(inArray(monitoringCorrections.answerId, ids)).orderBy(monitoringCorrections.revision);
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    id: r.id,
    unit: { code: r.unitCode, name: names.get(r.unitCode) ?? r.unitCode },
    week: r.week,
    month: r.month,
    answeredBy: r.answeredByName,
    expectedHours: hours(r.expectedMinutes),
    actualHours: hours(r.actualMinutes),
    items: items
      .filter((i) => i.answerId === r.id)
      .map((i) => ({ burdenId: i.burdenId, title: i.title, admissionNumber: i.admissionNumber, issuerCode: i.issuerCode, expectedHours: hours(i.expectedMinutes), actualHours: hours(i.actualMinutes) })),
    unregistered: unregistered.filter((u) => u.answerId === r.id).map((u) => ({ text: u.text, issuerCode: u.issuerCode, issuerName: u.issuerName, hours: hours(u.minutes) })),
    revision: r.revision,
    correctableUntil: correctableUntil(r.week),
    corrections: corrections
      .filter((c) => c.answerId === r.id)
      .map((c) => ({
        revision: c.revision,
        at: c.createdAt.toISOString(),
        by: c.correctedByName,
        role: c.role,
        reason: c.reason,
        before: { actualHours: hours(c.before.actualMinutes), unregisteredHours: hours(c.before.unregisteredMinutes) },
        after: { actualHours: hours(c.after.actualMinutes), unregisteredHours: hours(c.after.unregisteredMinutes) },
      })),
  }));
}

/** The week's survey of the actor's village: its admitted burdens, its answer if given, weeks still owed. */
export async function loadSurvey(db: Db, actor: Actor, week: string | undefined, today: string): Promise<Survey> {
  const point = await myPoint(db, actor);
  const monday = week ?? mondayOf(today);
  checkWeek(point, monday, today);
  const burdens = await burdensOnVillageInWeek(db, point.unitCode, monday, sundayOf(monday));
  const issuers = new Map((await getUnits(db, [...new Set(burdens.map((b) => b.issuerCode))])).map((u) => [u.code, u.name]));
  const answers = await db.select().from(monitoringAnswers).where(eq(monitoringAnswers.unitCode, point.unitCode));
  const answered = new Set(answers.map((a) => a.week));
  const recent = weeksBetween(point.since > mondayOf(today) ? mondayOf(today) : point.since, mondayOf(today)).slice(0, 9);
  const [reminder] = await db.select({ n: sql<number>`count(*)::int` }).from(monitoringReminders).where(and(eq(monitoringReminders.unitCode, point.unitCode), eq(monitoringReminders.week, monday)));
  const mine = answers.find((a) => a.week === monday);
  const unit = await getUnit(db, point.unitCode);
  return {
    unit: { code: point.unitCode, name: unit?.name ?? point.unitCode },
    week: monday,
    weekEnd: sundayOf(monday),
    burdens: burdens.map((b) => ({
      burdenId: b.burdenId,
      title: b.title,
      kind: b.kind as BurdenKind,
      admissionNumber: b.admissionNumber,
      issuer: { code: b.issuerCode, name: issuers.get(b.issuerCode) ?? b.issuerCode },
      expectedHours: hours(b.expectedMinutes),
    })),
    answer: mine ? ((await presentAnswers(db, [mine]))[0] ?? null) : null,
    pending: recent.filter((w) => w !== monday && w < mondayOf(today) && !answered.has(w)).slice(0, 8),
    reminded: (reminder?.n ?? 0) > 0,
  };
}

type Content = Pick<AnswerInput, "items" | "unregistered">;

/**
 * Checks an answer's items against the admitted burdens on the village that week and prices them: each
 * item with the issuer's weekly estimate, hours in whole minutes, and the answer's totals.
 */
export async function priceAnswer(db: Queryable, unitCode: string, week: string, input: Content) {
  if (new Set(input.items.map((i) => i.burdenId)).size !== input.items.length) throw new AppError("MONITORING_BURDEN_TWICE");
  const listed = new Map((await burdensOnVillageInWeek(db, unitCode, week, sundayOf(week))).map((b) => [b.burdenId, b]));
  if (input.items.some((i) => !listed.has(i.burdenId))) throw new AppError("MONITORING_BURDEN_NOT_LISTED");
  const items = input.items.map((i) => ({ ...listed.get(i.burdenId)!, actualMinutes: Math.round(i.hours * 60) }));
  const unregistered = input.unregistered.map((u) => ({ ...u, minutes: Math.round(u.hours * 60) }));
  const totals = {
    expectedMinutes: items.reduce((n, i) => n + i.expectedMinutes, 0),
    actualMinutes: items.reduce((n, i) => n + i.actualMinutes, 0),
    unregisteredMinutes: unregistered.reduce((n, u) => n + u.minutes, 0),
    unregisteredCount: unregistered.length,
  };
  return { items, unregistered, totals };
}

/** Writes an answer's items and unregistered burdens (after a correction deleted the old ones). */
export async function writeContent(tx: Queryable, answerId: string, priced: Awaited<ReturnType<typeof priceAnswer>>): Promise<void> {
  const { items, unregistered } = priced;
  if (items.length > 0) {
    await tx.insert(monitoringAnswerItems).values(
      items.map((i) => ({ answerId, burdenId: i.burdenId, admissionNumber: i.admissionNumber, title: i.title, issuerCode: i.issuerCode, expectedMinutes: i.expectedMinutes, actualMinutes: i.actualMinutes })),
    );
  }
  if (unregistered.length > 0) {
    await tx.insert(monitoringUnregistered).values(unregistered.map((u) => ({ answerId, text: u.text, issuerCode: u.issuerCode ?? null, issuerName: u.issuerName ?? null, minutes: u.minutes })));
  }
}

export const requestHash = (input: AnswerInput) =>
  createHash("sha256")
    .update(JSON.stringify({ week: input.week, items: [...input.items].sort((a, b) => a.burdenId.localeCompare(b.burdenId)), unregistered: input.unregistered }))
    .digest("hex");

async function byKey(db: Queryable, unitCode: string, key: string): Promise<AnswerRow | null> {
  const [row] = await db.select().from(monitoringAnswers).where(and(eq(monitoringAnswers.unitCode, unitCode), eq(monitoringAnswers.idempotencyKey, key)));
  return row ?? null;
}

/**
 * Records a week's answer: its items, the burdens without an admission number, the audit entry and the
 * index's "actual" cells commit together. A retry with the same key and content returns the first
 * answer (`replayed`); the same key with other content, or a second answer for the week, is refused.
 */
export async function submitAnswer(db: Db, actor: Actor, input: AnswerInput, today: string): Promise<{ answer: Answer; replayed: boolean }> {
  const point = await myPoint(db, actor);
  const hash = requestHash(input);
  const earlier = await byKey(db, point.unitCode, input.idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== hash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
    return { answer: (await presentAnswers(db, [earlier]))[0]!, replayed: true };
  }
  checkWeek(point, input.week, today);
  const { items, unregistered, totals } = await priceAnswer(db, point.unitCode, input.week, input);
  const month = monthOfWeek(input.week);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(monitoringAnswers)
      .values({ unitCode: point.unitCode, unitPath: point.unitPath, provinceCode: point.provinceCode, week: input.week, month, idempotencyKey: input.idempotencyKey, requestHash: hash, ...totals, answeredBy: actor.id, answeredByName: actor.displayName })
      .onConflictDoNothing()
      .returning({ id: monitoringAnswers.id });
    if (!row) return null;
    await writeContent(tx, row.id, { items, unregistered, totals });
    await applyAnswerToIndex(tx, { unitPath: point.unitPath, month, expectedMinutes: totals.expectedMinutes, actualMinutes: totals.actualMinutes, unregisteredMinutes: totals.unregisteredMinutes, unregistered: totals.unregisteredCount });
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.username },
      action: "monitoring.answer",
      entityType: "monitoring_answer",
      entityId: row.id,
      scopePath: point.unitPath,
      detail: { week: input.week, items: items.length, unregistered: unregistered.length, idempotencyKey: input.idempotencyKey },
    });
    return row.id;
  });
  if (!id) {
    // A concurrent request with the same key won the insert; otherwise the week was answered before.
    const first = await byKey(db, point.unitCode, input.idempotencyKey);
    if (first) return submitAnswer(db, actor, input, today);
    throw new AppError("MONITORING_WEEK_ANSWERED", { week: input.week });
  }
  const [row] = await db.select().from(monitoringAnswers).where(eq(monitoringAnswers.id, id));
  return { answer: (await presentAnswers(db, [row!]))[0]!, replayed: false };
}
