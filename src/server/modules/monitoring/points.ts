import { and, eq, inArray, sql } from "drizzle-orm";
import type { PointList } from "../../../contracts/monitoring.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { monitoringPolicy } from "./policy.js";
import { monitoringAnswers, monitoringPoints, monitoringReminders } from "./schema.js";
import { mondayOf } from "./weeks.js";

export type PointRow = typeof monitoringPoints.$inferSelect;

/** The office makes a village of its region a monitoring point 监测点 from this week on (again, if it was one). */
export async function choosePoint(db: Db, actor: Actor, unitCode: string, today: string): Promise<void> {
  const unit = await getUnit(db, unitCode);
  if (!unit || !monitoringPolicy.canChoose(actor, unit)) {
    authorize(actor.role === "office");
    throw new AppError("MONITORING_NOT_A_VILLAGE", { code: unitCode });
  }
  await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(monitoringPoints).where(eq(monitoringPoints.unitCode, unit.code));
    if (existing?.active) throw new AppError("MONITORING_POINT_EXISTS", { code: unit.code });
    const since = existing?.since ?? mondayOf(today);
    await tx
      .insert(monitoringPoints)
      .values({ unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode, since, active: true, chosenBy: actor.id })
      .onConflictDoUpdate({ target: monitoringPoints.unitCode, set: { active: true, chosenBy: actor.id } });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "monitoring.point.choose", entityType: "monitoring_point", entityId: unit.code, scopePath: unit.path, detail: { since } });
  });
}

/** The office stops a point; its answers stay and keep counting in the index. */
export async function retirePoint(db: Db, actor: Actor, unitCode: string): Promise<void> {
  const point = await activePoint(db, unitCode);
  if (!point || !monitoringPolicy.canChoose(actor, { path: point.unitPath, level: "village" })) {
    authorize(actor.role === "office");
    throw new AppError("MONITORING_POINT_NOT_FOUND", { code: unitCode });
  }
  await db.transaction(async (tx) => {
    await tx.update(monitoringPoints).set({ active: false }).where(eq(monitoringPoints.unitCode, unitCode));
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "monitoring.point.retire", entityType: "monitoring_point", entityId: unitCode, scopePath: point.unitPath, detail: {} });
  });
}

export async function activePoint(db: Queryable, unitCode: string): Promise<PointRow | null> {
  const [row] = await db.select().from(monitoringPoints).where(and(eq(monitoringPoints.unitCode, unitCode), eq(monitoringPoints.active, true)));
  return row ?? null;
}

/** The active points of a region that had started by the week. */
export async function pointsIn(db: Queryable, regionPath: string, week: string): Promise<PointRow[]> {
  return db
    .select()
    .from(monitoringPoints)
    .where(and(pathWithin(monitoringPoints.unitPath, regionPath), eq(monitoringPoints.active, true), sql`${monitoringPoints.since} <= ${week}`))
    .orderBy(monitoringPoints.unitCode);
}

/** Points of a region with no answer for the week. */
export async function missingIn(db: Queryable, regionPath: string, week: string): Promise<PointRow[]> {
  const points = await pointsIn(db, regionPath, week);
  if (points.length === 0) return [];
  const answered = new Set(
    (await db.select({ code: monitoringAnswers.unitCode }).from(monitoringAnswers).where(and(eq(monitoringAnswers.week, week), inArray(monitoringAnswers.unitCode, points.map((p) => p.unitCode))))).map((r) => r.code),
  );
  return points.filter((p) => !answered.has(p.unitCode));
}

/** The points of the actor's region for a week: who answered, who was reminded how often. */
export async function listPoints(db: Db, actor: Actor, week: string): Promise<PointList> {
  authorize(monitoringPolicy.canList(actor));
  const region = regionPathOf(actor);
  const points = await db
    .select()
    .from(monitoringPoints)
    .where(and(pathWithin(monitoringPoints.unitPath, region), eq(monitoringPoints.active, true)))
    .orderBy(monitoringPoints.unitCode);
  const codes = points.map((p) => p.unitCode);
  if (codes.length === 0) return { week, items: [], missing: 0 };
  const last = await db
    .select({ code: monitoringAnswers.unitCode, last: sql<string>`max(${monitoringAnswers.week})::text`, thisWeek: sql<boolean>`bool_or(${monitoringAnswers.week} = ${week})` })
    .from(monitoringAnswers)
    .where(inArray(monitoringAnswers.unitCode, codes))
    .groupBy(monitoringAnswers.unitCode);
  const reminders = await db
    .select({ code: monitoringReminders.unitCode, n: sql<number>`count(*)::int` })
    .from(monitoringReminders)
    .where(and(inArray(monitoringReminders.unitCode, codes), eq(monitoringReminders.week, week)))
    .groupBy(monitoringReminders.unitCode);
  const townshipCodes = points.map((p) => p.unitPath.split(".").at(-2) ?? "");
  const names = new Map((await getUnits(db, [...codes, ...townshipCodes])).map((u) => [u.code, u.name]));
  const items = points.map((p) => {
    const l = last.find((r) => r.code === p.unitCode);
    const township = p.unitPath.split(".").at(-2) ?? null;
    return {
      unit: { code: p.unitCode, name: names.get(p.unitCode) ?? p.unitCode },
      township: township ? { code: township, name: names.get(township) ?? township } : null,
      since: p.since,
      answered: p.since > week || Boolean(l?.thisWeek),
      reminders: reminders.find((r) => r.code === p.unitCode)?.n ?? 0,
      lastAnswered: l?.last ?? null,
    };
  });
  return { week, items, missing: items.filter((i) => !i.answered).length };
}
