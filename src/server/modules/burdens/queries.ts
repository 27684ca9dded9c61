import { and, asc, count, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import type { BurdenKind, BurdenStatus, Frequency } from "../../../contracts/burdens.js";
import type { Db } from "../../db/client.js";
import { likeEscape, pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { getUnit, getUnits } from "../org/units.js";
import { occurrencesPerYear, toHours } from "./hours.js";
import { actorRegionPath, burdenPolicy } from "./policy.js";
import { burdenEvents, burdens, burdenTargets } from "./schema.js";
import type { RawFinding } from "./gate/types.js";

export type BurdenRow = typeof burdens.$inferSelect;

async function targetsInRegion(db: Db, burdenId: string, regionPath: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(burdenTargets)
    .where(and(eq(burdenTargets.burdenId, burdenId), pathWithin(burdenTargets.unitPath, regionPath)));
  return (row?.n ?? 0) > 0;
}

/** Whether a given unit is among a burden's targets. */
export async function isTargeted(db: Db, burdenId: string, unitCode: string): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(burdenTargets).where(and(eq(burdenTargets.burdenId, burdenId), eq(burdenTargets.unitCode, unitCode)));
  return (row?.n ?? 0) > 0;
}

/** A burden the actor may read; any other is "not found", whether it exists or not. */
export async function loadReadableBurden(db: Db, actor: Actor, id: string): Promise<BurdenRow> {
  const [row] = await db.select().from(burdens).where(eq(burdens.id, id));
  if (!row) throw new AppError("BURDEN_NOT_FOUND");
  const access = { issuerCode: row.issuerCode, issuerPath: row.issuerPath, status: row.status };
  if (burdenPolicy.canRead(actor, access, false)) return row;
  if (burdenPolicy.canRead(actor, access, await targetsInRegion(db, id, actorRegionPath(actor)))) return row;
  throw new AppError("BURDEN_NOT_FOUND");
}

export const summaryOf = (row: BurdenRow, issuerName: string) => ({
  id: row.id,
  kind: row.kind as BurdenKind,
  status: row.status as BurdenStatus,
  title: row.title,
  issuer: { code: row.issuerCode, name: issuerName },
  issuedOn: row.issuedOn,
  deadline: row.deadline,
  frequency: row.frequency as Frequency,
  targetCount: row.targetCount,
  yearlyHours: toHours(row.yearlyMinutes),
  admissionNumber: row.admissionNumber,
  findingCodes: (row.findings as RawFinding[]).map((f) => f.code),
  createdAt: row.createdAt.toISOString(),
});

const issuerNames = async (db: Db, rows: BurdenRow[]) =>
  new Map((await getUnits(db, [...new Set(rows.map((r) => r.issuerCode))])).map((u) => [u.code, u.name]));

/** Burdens issued inside the actor's region (the office's review queue is status=in_review). */
export async function listBurdens(
  db: Db,
  actor: Actor,
  query: { status?: BurdenStatus; kind?: BurdenKind; q?: string; limit: number; offset: number },
) {
  const where = and(
    pathWithin(burdens.issuerPath, actorRegionPath(actor)),
    // A draft is the issuer's own until submitted; the office sees drafts of its region.
    actor.role === "office" ? undefined : sql`(${burdens.status} <> 'draft' or ${burdens.issuerCode} = ${actor.scope.code})`,
    query.status ? eq(burdens.status, query.status) : undefined,
    query.kind ? eq(burdens.kind, query.kind) : undefined,
    query.q ? ilike(burdens.title, `%${likeEscape(query.q)}%`) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(burdens).where(where);
  const rows = await db.select().from(burdens).where(where).orderBy(desc(burdens.createdAt)).limit(query.limit).offset(query.offset);
  const names = await issuerNames(db, rows);
  return { items: rows.map((r) => summaryOf(r, names.get(r.issuerCode) ?? r.issuerCode)), total: total?.n ?? 0 };
}

export async function burdenTimeline(db: Db, id: string) {
  const events = await db.select().from(burdenEvents).where(eq(burdenEvents.burdenId, id)).orderBy(asc(burdenEvents.id));
  return events.map((e) => ({
    at: e.at.toISOString(),
    actorName: e.actorName,
    fromStatus: (e.fromStatus as BurdenStatus | null) ?? null,
    toStatus: e.toStatus as BurdenStatus,
    reason: e.reason,
  }));
}

export async function targetSample(db: Db, id: string, limit = 50) {
  const rows = await db.select({ code: burdenTargets.unitCode }).from(burdenTargets).where(eq(burdenTargets.burdenId, id)).orderBy(asc(burdenTargets.unitCode)).limit(limit);
  const units = await getUnits(db, rows.map((r) => r.code));
  return units.sort((a, b) => a.code.localeCompare(b.code)).map((u) => ({ code: u.code, name: u.name }));
}

/** The admitted burdens that reach the actor's units, with what they cost him. */
export async function inboxRows(db: Db, actor: Actor, today: string) {
  const region = actorRegionPath(actor);
  const mine = await db
    .select({ burdenId: burdenTargets.burdenId, unitCode: burdenTargets.unitCode })
    .from(burdenTargets)
    .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
    .where(and(pathWithin(burdenTargets.unitPath, region), eq(burdens.status, "admitted"), sql`${burdens.deadline} >= ${today}`))
    .limit(5000);
  const ids = [...new Set(mine.map((m) => m.burdenId))];
  if (ids.length === 0) return [];
  const rows = await db.select().from(burdens).where(inArray(burdens.id, ids)).orderBy(asc(burdens.deadline));
  const names = await issuerNames(db, rows);
  const unitNames = new Map((await getUnits(db, [...new Set(mine.map((m) => m.unitCode))])).map((u) => [u.code, u.name]));
  return rows.map((row) => {
    const myTargets = mine.filter((m) => m.burdenId === row.id).map((m) => ({ code: m.unitCode, name: unitNames.get(m.unitCode) ?? m.unitCode }));
    return {
      row,
      issuerName: names.get(row.issuerCode) ?? row.issuerCode,
      myTargets,
      yearlyHoursForMe: toHours(row.minutesPerTarget * myTargets.length * occurrencesPerYear(row.frequency as Frequency)),
      canRelay: actor.role === "township_official" && myTargets.some((t) => t.code === actor.scope.code),
    };
  });
}

const readableTargets = async (db: Db, row: BurdenRow, lang: Lang): Promise<string> => {
  const spec = row.targetSpec as string[] | { under: string; level: string };
  const en = lang === "en";
  if (!Array.isArray(spec)) {
    const root = (await getUnit(db, spec.under))?.name ?? spec.under;
    if (en) return `all ${spec.level === "village" ? "villages and communities" : "townships"} of ${root}`;
    return `${root}${spec.level === "village" ? "所有村（社区）" : "所有乡镇（街道）"}`;
  }
  const names = (await getUnits(db, spec.slice(0, 5))).map((u) => u.name).join(en ? ", " : "、");
  if (spec.length <= 5) return names;
  return en ? `${names} and others (${spec.length} units)` : `${names} 等 ${spec.length} 个单位`;
};

/** What anyone may learn from an admission number: enough to know the request is real, nothing confidential. */
export async function verifyAdmission(db: Db, admissionNumber: string, lang: Lang = "zh-CN") {
  const [row] = await db.select().from(burdens).where(eq(burdens.admissionNumber, admissionNumber));
  if (!row) throw new AppError("ADMISSION_NUMBER_UNKNOWN");
  const issuer = await getUnit(db, row.issuerCode);
  return {
    admissionNumber,
    valid: row.status === "admitted",
    status: row.status as BurdenStatus,
    kind: row.kind as BurdenKind,
    title: row.title,
    issuer: issuer?.name ?? row.issuerCode,
    targets: await readableTargets(db, row, lang),
    targetCount: row.targetCount,
    issuedOn: row.issuedOn,
    deadline: row.deadline,
  };
}

/** Who burdens most (by issuer) and who carries most (by target), in burden-hours, for a year. */
export async function hoursSummary(db: Db, actor: Actor, query: { by: "issuer" | "target"; year: number; limit: number }) {
  const region = actorRegionPath(actor);
  const inYear = sql`extract(year from ${burdens.issuedOn})::int = ${query.year}`;
  const active = inArray(burdens.status, ["admitted", "expired"]);
  const occurrences = sql`case ${burdens.frequency} when 'daily' then 250 when 'weekly' then 52 when 'monthly' then 12 when 'quarterly' then 4 else 1 end`;
  const rows =
    query.by === "issuer"
      ? await db
          .select({ code: burdens.issuerCode, burdens: sql<number>`count(*)::int`, minutes: sql<number>`sum(${burdens.yearlyMinutes})::float8` })
          .from(burdens)
          .where(and(pathWithin(burdens.issuerPath, region), active, inYear))
          .groupBy(burdens.issuerCode)
          .orderBy(sql`sum(${burdens.yearlyMinutes}) desc`)
          .limit(query.limit)
      : await db
          .select({ code: burdenTargets.unitCode, burdens: sql<number>`count(*)::int`, minutes: sql<number>`sum(${burdens.minutesPerTarget} * ${occurrences})::float8` })
          .from(burdenTargets)
          .innerJoin(burdens, eq(burdens.id, burdenTargets.burdenId))
          .where(and(pathWithin(burdenTargets.unitPath, region), active, inYear))
          .groupBy(burdenTargets.unitCode)
          .orderBy(sql`sum(${burdens.minutesPerTarget} * ${occurrences}) desc`)
          .limit(query.limit);
  const names = new Map((await getUnits(db, rows.map((r) => r.code))).map((u) => [u.code, u.name]));
  return { year: query.year, items: rows.map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code, burdens: r.burdens, yearlyHours: toHours(r.minutes) })) };
}
