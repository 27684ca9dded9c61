import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { InspectionVisit, InspectionVisitInput, InspectionVisits } from "../../../contracts/burdens.js";
import type { Db, Queryable } from "../../db/client.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit, getUnits } from "../org/units.js";
import { quarterRange } from "./quarter.js";
import { actorRegionPath } from "./policy.js";
import { burdens, burdenTargets, inspectionVisits } from "./schema.js";

/**
 * 联合检查: the office accepts a merge proposal (inspection-merge.ts) and records one joint visit to the
 * township in place of the several inspections: the date, the issuer leading, the inspections merged.
 * Each must be an inspection in force (admitted: what the proposals read) visiting that township (itself
 * or one of its villages) and in no other visit to it; the proposals then leave them out.
 */

const townshipOf = (code: string): string | null => (code.length === 12 ? `${code.slice(0, 9)}000` : null);

/** The office only: accepting is a decision, reading proposals is open to the commission too. */
const canAccept = (actor: Actor, townshipPath: string) => actor.role === "office" && pathIsInside(townshipPath, actorRegionPath(actor));

/** Inspections already merged into a recorded visit, as "township|burdenId". */
export async function mergedInspectionKeys(db: Queryable, regionPath: string): Promise<Set<string>> {
  const rows = await db.select({ township: inspectionVisits.townshipCode, ids: inspectionVisits.burdenIds }).from(inspectionVisits).where(pathWithin(inspectionVisits.townshipPath, regionPath));
  return new Set(rows.flatMap((r) => r.ids.map((id) => `${r.township}|${id}`)));
}

export async function acceptInspectionMerge(db: Db, actor: Actor, input: InspectionVisitInput): Promise<string> {
  const township = await getUnit(db, input.townshipCode);
  if (!township || township.level !== "township") throw new AppError("UNIT_NOT_FOUND", { code: input.townshipCode });
  authorize(canAccept(actor, township.path));
  const ids = [...new Set(input.inspections)];
  if (ids.length < 2) throw new AppError("VISIT_INSPECTIONS_INVALID", { ids: ids.join("、") });
  const rows = await db
    .select({ id: burdens.id, kind: burdens.kind, inForce: burdenTargets.inForce, issuerCode: burdens.issuerCode, unitCode: burdenTargets.unitCode })
    .from(burdens)
    .innerJoin(burdenTargets, eq(burdenTargets.burdenId, burdens.id))
    .where(inArray(burdens.id, ids));
  const visiting = new Map<string, string>();
  for (const r of rows) if (r.kind === "inspection" && r.inForce && (r.unitCode === township.code || townshipOf(r.unitCode) === township.code)) visiting.set(r.id, r.issuerCode);
  const bad = ids.filter((id) => !visiting.has(id));
  if (bad.length > 0) throw new AppError("VISIT_INSPECTIONS_INVALID", { ids: bad.join("、") });
  const lead = input.lead ?? visiting.get(ids[0]!)!;
  if (![...visiting.values()].includes(lead)) throw new AppError("VISIT_LEAD_INVALID", { code: lead });
  return db.transaction(async (tx) => {
    const taken = await mergedInspectionKeys(tx, township.path);
    const again = ids.filter((id) => taken.has(`${township.code}|${id}`));
    if (again.length > 0) throw new AppError("VISIT_ALREADY_MERGED", { ids: again.join("、") });
    const [row] = await tx
      .insert(inspectionVisits)
      .values({ townshipCode: township.code, townshipPath: township.path, visitOn: input.visitOn, leadCode: lead, burdenIds: ids, note: input.note || null, createdBy: actor.displayName })
      .returning({ id: inspectionVisits.id });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "inspection.visit", entityType: "inspection_visit", entityId: row!.id, scopePath: township.path, detail: { township: township.code, visitOn: input.visitOn, lead, inspections: ids } });
    return row!.id;
  });
}

/** Joint visits of a quarter in the actor's region. */
export async function listInspectionVisits(db: Db, actor: Actor, period: { year: number; quarter: number }, onlyId?: string): Promise<InspectionVisits> {
  const { from, to } = quarterRange(period.year, period.quarter);
  const visits = await db
    .select()
    .from(inspectionVisits)
    .where(and(pathWithin(inspectionVisits.townshipPath, actorRegionPath(actor)), onlyId ? eq(inspectionVisits.id, onlyId) : and(gte(inspectionVisits.visitOn, from), lte(inspectionVisits.visitOn, to))))
    .orderBy(inspectionVisits.visitOn);
  const ids = [...new Set(visits.flatMap((v) => v.burdenIds))];
  const merged = ids.length ? await db.select({ id: burdens.id, title: burdens.title, issuerCode: burdens.issuerCode, admissionNumber: burdens.admissionNumber }).from(burdens).where(inArray(burdens.id, ids)) : [];
  const byId = new Map(merged.map((b) => [b.id, b]));
  const names = new Map((await getUnits(db, [...new Set([...visits.flatMap((v) => [v.townshipCode, v.leadCode]), ...merged.map((b) => b.issuerCode)])])).map((u) => [u.code, u.name]));
  const items: InspectionVisit[] = visits.map((v) => ({
    id: v.id,
    township: { code: v.townshipCode, name: names.get(v.townshipCode) ?? v.townshipCode },
    visitOn: v.visitOn,
    lead: { code: v.leadCode, name: names.get(v.leadCode) ?? v.leadCode },
    inspections: v.burdenIds.map((id) => byId.get(id)).filter((b) => !!b).map((b) => ({ id: b.id, title: b.title, issuerName: names.get(b.issuerCode) ?? b.issuerCode, admissionNumber: b.admissionNumber })),
    note: v.note,
    createdBy: v.createdBy,
  }));
  return { from, to, items };
}
