import { and, desc, eq, sql } from "drizzle-orm";
import type { Answer, ReminderResult } from "../../../contracts/monitoring.js";
import type { Db } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { addDays } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { rebuildActualFrom } from "../burden-index/actual.js";
import { getUnits } from "../org/units.js";
import { missingIn } from "./points.js";
import { monitoringPolicy } from "./policy.js";
import { monitoringAnswers, monitoringReminders } from "./schema.js";
import { presentAnswers } from "./survey.js";
import { mondayOf } from "./weeks.js";

/** Records one reminder per missing point and day (a second the same day is the same reminder). */
async function remind(db: Db, regionPath: string, week: string, today: string, by: { id: string; name: string } | null): Promise<ReminderResult> {
  const missing = await missingIn(db, regionPath, week);
  if (missing.length > 0) {
    await db.transaction(async (tx) => {
      await tx
        .insert(monitoringReminders)
        .values(missing.map((p) => ({ unitCode: p.unitCode, week, remindedOn: today, remindedBy: by?.name ?? "system" })))
        .onConflictDoNothing();
      const regionCode = regionPath.split(".").at(-1) ?? regionPath;
      await recordAudit(tx, { actor: by, action: "monitoring.remind", entityType: "monitoring_week", entityId: `${regionCode}:${week}`, scopePath: regionPath, detail: { week, on: today, units: missing.map((p) => p.unitCode) } });
    });
  }
  const names = new Map((await getUnits(db, missing.map((p) => p.unitCode))).map((u) => [u.code, u.name]));
  return { week, remindedOn: today, units: missing.map((p) => ({ code: p.unitCode, name: names.get(p.unitCode) ?? p.unitCode })) };
}

/** A township official or the office reminds the points of its region that have not answered the week. */
export async function remindMissing(db: Db, actor: Actor, week: string, today: string): Promise<ReminderResult> {
  authorize(monitoringPolicy.canRemind(actor));
  return remind(db, regionPathOf(actor), mondayOf(week), today, { id: actor.id, name: actor.username });
}

/**
 * The weekly job: on any day, every point that has not answered last week is reminded (once per day it
 * runs). `today` is given, never read from the clock here, so tests choose it.
 */
export async function remindLastWeek(db: Db, today: string): Promise<ReminderResult> {
  return remind(db, "100000", addDays(mondayOf(today), -7), today, null);
}

/** The answers of the actor's region for a week or a month, newest first. */
export async function listAnswers(db: Db, actor: Actor, q: { week?: string | undefined; month?: string | undefined }): Promise<{ items: Answer[] }> {
  authorize(monitoringPolicy.canList(actor));
  const rows = await db
    .select()
    .from(monitoringAnswers)
    .where(and(pathWithin(monitoringAnswers.unitPath, regionPathOf(actor)), q.week ? eq(monitoringAnswers.week, q.week) : undefined, q.month ? eq(monitoringAnswers.month, q.month) : undefined))
    .orderBy(desc(monitoringAnswers.week), monitoringAnswers.unitCode)
    .limit(500);
  return { items: await presentAnswers(db, rows) };
}

/** Rebuilds the index's "actual" cells from every answer (after a repair, or in tests to compare), in SQL. */
export async function rebuildActual(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await rebuildActualFrom(tx, sql`select unit_path, month, expected_minutes, actual_minutes, unregistered_minutes, unregistered_count from ${monitoringAnswers}`);
  });
}
