import { and, asc, eq, inArray } from "drizzle-orm";
import type { Indicator, IndicatorInput } from "../../../contracts/forms.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { isUniqueViolation } from "../../db/sql-helpers.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import { authorize, catalogPolicy } from "./policy.js";
import { formIndicators } from "./schema.js";

/** The indicator catalog 数据指标目录 a county's 减负办 keeps: one code per indicator in the county. */

export type IndicatorRow = typeof formIndicators.$inferSelect;

export const indicatorDto = (r: IndicatorRow): Indicator => ({
  id: r.id,
  regionCode: r.regionCode,
  code: r.code,
  name: r.name,
  aliases: r.aliases,
  definition: r.definition,
  unit: r.unit,
  type: r.type as Indicator["type"],
  options: r.options,
  granularity: r.granularity as Indicator["granularity"],
  refreshCycle: r.refreshCycle as Indicator["refreshCycle"],
  ownerDepartment: r.ownerDepartment,
  min: r.min,
  max: r.max,
  updatedAt: r.updatedAt.toISOString(),
});

/** The county whose catalog is asked for; a region the actor cannot see is "not found". */
export async function loadCatalogRegion(db: Queryable, actor: Actor, code: string, need: "read" | "edit"): Promise<ScopeUnit> {
  const unit = await getUnit(db, code);
  if (!unit || !catalogPolicy.canRead(actor, unit)) throw new AppError("UNIT_NOT_FOUND", { code });
  if (need === "edit") {
    authorize(actor.role === "office" || actor.role === "admin");
    authorize(catalogPolicy.canEdit(actor, unit), "OUT_OF_SCOPE", { code: unit.code });
  }
  if (unit.level !== "county") throw new AppError("CATALOG_WRONG_LEVEL", { code: unit.code });
  return unit;
}

/** The county a unit belongs to: its catalog is the one its forms map onto. */
export const countyCodeOf = (unit: { path: string }): string | null => unit.path.split(".")[3] ?? null;

export const listIndicators = (db: Queryable, regionCode: string): Promise<IndicatorRow[]> =>
  db.select().from(formIndicators).where(eq(formIndicators.regionCode, regionCode)).orderBy(asc(formIndicators.code));

export const indicatorsByIds = async (db: Queryable, ids: readonly string[]): Promise<IndicatorRow[]> =>
  ids.length === 0 ? [] : db.select().from(formIndicators).where(inArray(formIndicators.id, [...ids]));

export async function getIndicator(db: Queryable, id: string): Promise<IndicatorRow> {
  const [row] = await db.select().from(formIndicators).where(eq(formIndicators.id, id));
  if (!row) throw new AppError("INDICATOR_NOT_FOUND");
  return row;
}

const columnsOf = (input: IndicatorInput) => ({
  code: input.code,
  name: input.name,
  aliases: input.aliases,
  definition: input.definition,
  unit: input.unit,
  type: input.type,
  options: input.type === "choice" ? input.options : [],
  granularity: input.granularity,
  refreshCycle: input.refreshCycle,
  ownerDepartment: input.ownerDepartment,
  min: input.min,
  max: input.max,
});

/** Inserts indicators inside a caller's transaction; a taken code is a 409 naming it. */
export async function insertIndicators(tx: Queryable, region: ScopeUnit, inputs: readonly IndicatorInput[], actor: Actor | null): Promise<IndicatorRow[]> {
  if (inputs.length === 0) return [];
  const existing = await tx
    .select({ code: formIndicators.code })
    .from(formIndicators)
    .where(and(eq(formIndicators.regionCode, region.code), inArray(formIndicators.code, inputs.map((i) => i.code))));
  if (existing[0]) throw new AppError("INDICATOR_CODE_TAKEN", { code: existing[0].code });
  const values = inputs.map((i) => ({ ...columnsOf(i), regionCode: region.code, regionPath: region.path, provinceCode: region.provinceCode, createdBy: actor?.id ?? null }));
  try {
    return await tx.insert(formIndicators).values(values).returning();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("INDICATOR_CODE_TAKEN", { code: inputs.map((i) => i.code).join(", ") });
    throw err;
  }
}

const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.displayName });

export async function createIndicator(db: Db, args: { actor: Actor; region: ScopeUnit; input: IndicatorInput }): Promise<IndicatorRow> {
  return db.transaction(async (tx) => {
    const [row] = await insertIndicators(tx, args.region, [args.input], args.actor);
    await recordAudit(tx, { actor: auditActor(args.actor), action: "indicator.create", entityType: "indicator", entityId: row!.id, scopePath: args.region.path, detail: { code: row!.code, name: row!.name } });
    return row!;
  });
}

export async function updateIndicator(db: Db, args: { actor: Actor; id: string; input: IndicatorInput }): Promise<IndicatorRow> {
  const before = await getIndicator(db, args.id);
  const region = await loadCatalogRegion(db, args.actor, before.regionCode, "edit");
  return db.transaction(async (tx) => {
    if (args.input.code !== before.code) {
      const [taken] = await tx.select({ id: formIndicators.id }).from(formIndicators).where(and(eq(formIndicators.regionCode, region.code), eq(formIndicators.code, args.input.code)));
      if (taken) throw new AppError("INDICATOR_CODE_TAKEN", { code: args.input.code });
    }
    const [row] = await tx.update(formIndicators).set({ ...columnsOf(args.input), updatedAt: new Date() }).where(eq(formIndicators.id, args.id)).returning();
    await recordAudit(tx, { actor: auditActor(args.actor), action: "indicator.update", entityType: "indicator", entityId: args.id, scopePath: region.path, detail: { code: row!.code, before: indicatorDto(before), after: indicatorDto(row!) } });
    return row!;
  });
}

/** An imported catalog: new codes are added, known codes updated, all in one transaction or none. */
export async function importIndicators(db: Db, args: { actor: Actor | null; region: ScopeUnit; inputs: IndicatorInput[]; source: "excel" | "seed" }) {
  const { actor, region, inputs } = args;
  return db.transaction(async (tx) => {
    const known = new Map((await listIndicators(tx, region.code)).map((r) => [r.code, r]));
    const fresh = inputs.filter((i) => !known.has(i.code));
    const changed = inputs.filter((i) => known.has(i.code));
    await insertIndicators(tx, region, fresh, actor);
    for (const input of changed) {
      await tx.update(formIndicators).set({ ...columnsOf(input), updatedAt: new Date() }).where(eq(formIndicators.id, known.get(input.code)!.id));
    }
    await recordAudit(tx, {
      actor: actor ? auditActor(actor) : null,
      action: "indicator.import",
      entityType: "catalog",
      entityId: region.code,
      scopePath: region.path,
      detail: { source: args.source, created: fresh.length, updated: changed.length },
    });
    return { created: fresh.length, updated: changed.length };
  });
}
