import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Facility, FacilityInput, FacilityKind, UseReportInput } from "../../../contracts/facilities.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { idleFlag, staffHoursPerMonth, trendChange, trendOf } from "./idle.js";
import { periodOf, shiftPeriod } from "../../kernel/periods.js";
import { resourcePolicy } from "./policy.js";
import { idleRuleFrom, rulesOnPath } from "./rules.js";
import { facilities, facilityCases, facilityUseReports } from "./schema.js";

type Row = typeof facilities.$inferSelect;

/** The last complete period: use is judged on months that are over. */
export const lastClosedPeriod = (today = chinaToday()) => shiftPeriod(periodOf(today), -1);

export async function facilityUnit(db: Queryable, actor: Actor | null, code: string): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit) throw new AppError("UNIT_NOT_FOUND", { code });
  if (actor) authorize(resourcePolicy.canKeepFacility(actor, unit), "OUT_OF_SCOPE", { code });
  if (unit.level !== "township" && unit.level !== "village") throw new AppError("FACILITY_UNIT_LEVEL", { code });
  return unit;
}

/** Writes one facility inside a transaction; the audit entry goes with it. */
export async function insertFacility(tx: Tx, actor: Actor | null, unit: ScopeUnit, input: FacilityInput, source: "api" | "excel" | "seed"): Promise<string> {
  const [row] = await tx
    .insert(facilities)
    .values({ ...input, unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode, createdBy: actor?.username ?? "seed" })
    .returning({ id: facilities.id });
  if (!row) throw new AppError("INTERNAL");
  await recordAudit(tx, {
    actor: actor ? { id: actor.id, name: actor.username } : null,
    action: "facility.register",
    entityType: "facility",
    entityId: row.id,
    scopePath: unit.path,
    detail: { name: input.name, kind: input.kind, cost: input.cost, staffHoursPerWeek: input.staffHoursPerWeek, source },
  });
  return row.id;
}

export async function registerFacility(db: Db, actor: Actor, input: FacilityInput): Promise<string> {
  const unit = await facilityUnit(db, actor, input.unitCode);
  return db.transaction((tx) => insertFacility(tx, actor, unit, input, "api"));
}

export async function readableFacility(db: Queryable, actor: Actor, id: string): Promise<Row> {
  const [row] = await db.select().from(facilities).where(eq(facilities.id, id));
  if (!row || !resourcePolicy.canRead(actor, { code: row.unitCode, path: row.unitPath })) throw new AppError("FACILITY_NOT_FOUND");
  return row;
}

export async function updateFacility(db: Db, actor: Actor, id: string, input: FacilityInput): Promise<void> {
  const row = await readableFacility(db, actor, id);
  authorize(resourcePolicy.canKeepFacility(actor, { code: row.unitCode, path: row.unitPath }));
  const unit = await facilityUnit(db, actor, input.unitCode);
  await db.transaction(async (tx) => {
    await tx.update(facilities).set({ ...input, unitCode: unit.code, unitPath: unit.path, provinceCode: unit.provinceCode }).where(eq(facilities.id, id));
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "facility.update", entityType: "facility", entityId: id, scopePath: unit.path, detail: { ...input } });
  });
}

/** A use report for a closed month; a second report for the same month corrects the first (both audited). */
export async function reportUse(db: Db, actor: Actor, id: string, input: UseReportInput): Promise<void> {
  const row = await readableFacility(db, actor, id);
  authorize(resourcePolicy.canReportUse(actor, { code: row.unitCode, path: row.unitPath }));
  if (input.period > periodOf(chinaToday())) throw new AppError("PERIOD_IN_FUTURE", { period: input.period });
  await db.transaction(async (tx) => {
    const values = { visits: input.visits, events: input.events, note: input.note ?? null, reportedBy: actor.username, reportedAt: new Date() };
    await tx
      .insert(facilityUseReports)
      .values({ facilityId: id, period: input.period, provinceCode: row.provinceCode, ...values })
      .onConflictDoUpdate({ target: [facilityUseReports.facilityId, facilityUseReports.period], set: values });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "facility.use_report", entityType: "facility", entityId: id, scopePath: row.unitPath, detail: { ...input } });
  });
}

/** Facilities with their trend, rule and flags; reports and rules in one query each, not per row. */
export async function presentFacilities(db: Queryable, actor: Actor | null, rows: Row[], lang: Lang, today = chinaToday()): Promise<Facility[]> {
  if (rows.length === 0) return [];
  const last = lastClosedPeriod(today);
  const reports = await db
    .select()
    .from(facilityUseReports)
    .where(and(inArray(facilityUseReports.facilityId, rows.map((r) => r.id)), gte(facilityUseReports.period, shiftPeriod(last, -11))))
    .orderBy(asc(facilityUseReports.period));
  const rules = await rulesOnPath(db, ...new Set(rows.map((r) => r.unitPath)));
  const opened = await db.select().from(facilityCases).where(inArray(facilityCases.facilityId, rows.map((r) => r.id)));
  const names = new Map((await getUnits(db, [...new Set(rows.map((r) => r.unitCode))])).map((u) => [u.code, u.name]));
  return rows.map((r) => {
    const trend = trendOf(reports.filter((p) => p.facilityId === r.id && p.period <= last), last);
    const rule = idleRuleFrom(rules, r.unitPath, r.kind as FacilityKind);
    const idle = idleFlag(trend, rule, r.staffHoursPerWeek, lang);
    const flags = idle ? [{ ...idle, caseId: opened.find((o) => o.facilityId === r.id && o.flag === idle.code)?.caseId ?? null }] : [];
    const place = { code: r.unitCode, path: r.unitPath };
    const canOpen = actor !== null && resourcePolicy.canOpenCase(actor, place) && flags.some((f) => f.caseId === null);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as FacilityKind,
      unit: { code: r.unitCode, name: names.get(r.unitCode) ?? r.unitCode },
      owner: r.owner,
      cost: r.cost,
      staffHoursPerWeek: r.staffHoursPerWeek,
      staffHoursPerMonth: staffHoursPerMonth(r.staffHoursPerWeek),
      openingHours: r.openingHours,
      rule,
      trend,
      trendChange: trendChange(trend),
      flags,
      can: actor
        ? [...(resourcePolicy.canKeepFacility(actor, place) ? (["edit"] as const) : []), ...(resourcePolicy.canReportUse(actor, place) ? (["report"] as const) : []), ...(canOpen ? (["open_case"] as const) : [])]
        : [],
    };
  });
}

export async function getFacility(db: Queryable, actor: Actor, id: string, lang: Lang): Promise<Facility> {
  return (await presentFacilities(db, actor, [await readableFacility(db, actor, id)], lang))[0]!;
}

/** The facilities at or below a unit (default: the actor's region). */
export async function facilitiesUnder(db: Queryable, path: string): Promise<Row[]> {
  return db.select().from(facilities).where(pathWithin(facilities.unitPath, path)).orderBy(asc(facilities.unitPath), asc(facilities.name));
}

export async function listFacilities(db: Queryable, actor: Actor, query: { unit?: string | undefined; flagged?: "true" | "false" | undefined; limit: number }, lang: Lang) {
  const path = await scopedPath(db, actor, query.unit);
  let items = await presentFacilities(db, actor, (await facilitiesUnder(db, path)).slice(0, query.limit), lang);
  if (query.flagged) items = items.filter((f) => (f.flags.length > 0) === (query.flagged === "true"));
  return { total: items.length, items };
}

/** The path of the unit asked for, when the actor may read it; else his region's. */
export async function scopedPath(db: Queryable, actor: Actor, code: string | undefined): Promise<string> {
  if (!code) return regionPathOf(actor);
  const unit = await getUnit(db, code);
  if (!unit || !resourcePolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  return unit.path;
}
