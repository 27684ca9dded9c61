import { and, eq, sql } from "drizzle-orm";
import type { PlaqueAllowedRow, PlaqueSurveyInput } from "../../../contracts/evaluations.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { chinaToday } from "../../kernel/dates.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import { cleanPhoto } from "./photo.js";
import { evaluationPolicy } from "./policy.js";
import { plaqueAllowed, plaqueSurvey } from "./schema.js";

const who = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** The allowed plaques of a village's region and the regions above it 村级组织准挂牌子清单. */
export async function allowedFor(db: Queryable, villagePath: string) {
  return db
    .select()
    .from(plaqueAllowed)
    .where(sql`(${villagePath} = ${plaqueAllowed.regionPath} or ${villagePath} like ${plaqueAllowed.regionPath} || '.%')`);
}

/** What an office looking at its region sees: the lists of the region, those above it and those of the regions inside it. */
export async function allowedAround(db: Queryable, regionPath: string) {
  return db
    .select()
    .from(plaqueAllowed)
    .where(sql`(${regionPath} = ${plaqueAllowed.regionPath} or ${regionPath} like ${plaqueAllowed.regionPath} || '.%' or ${plaqueAllowed.regionPath} like ${regionPath} || '.%')`);
}

/** The office adds plaques to its region's allowed list (a name already there is kept as it is). */
export async function addAllowedPlaques(db: Db, actor: Actor, regionCode: string, items: { name: string; basis?: string | undefined }[]): Promise<number> {
  const region = await getUnit(db, regionCode);
  if (!region) throw new AppError("UNIT_NOT_FOUND", { code: regionCode });
  authorize(evaluationPolicy.canKeepList(actor, region));
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(plaqueAllowed)
      .values(items.map((i) => ({ regionCode: region.code, regionPath: region.path, name: i.name, basis: i.basis || null, createdBy: actor.displayName })))
      .onConflictDoNothing()
      .returning({ id: plaqueAllowed.id });
    await recordAudit(tx, { actor: who(actor), action: "plaques.allowed.add", entityType: "region", entityId: region.code, scopePath: region.path, detail: { names: items.map((i) => i.name) } });
    return added.length;
  });
}

/**
 * One allowed plaque from an imported row, through addAllowedPlaques (same right, same audit). A name the
 * region's list already has with the same basis is left alone (null); with another basis it is refused.
 */
export async function addAllowedPlaque(db: Db, actor: Actor, input: PlaqueAllowedRow): Promise<string | null> {
  const code = input.regionCode ?? actor.scope.code;
  const region = await getUnit(db, code);
  const mine = regionPathOf(actor);
  if (!region || !(pathIsInside(region.path, mine) || pathIsInside(mine, region.path))) throw new AppError("UNIT_NOT_FOUND", { code });
  const basis = input.basis || null;
  const find = async () => (await db.select().from(plaqueAllowed).where(and(eq(plaqueAllowed.regionCode, region.code), eq(plaqueAllowed.name, input.name))))[0];
  const there = await find();
  if (there && there.basis === basis) return null;
  authorize(evaluationPolicy.canKeepList(actor, region));
  if (there) throw new AppError("PLAQUE_ALLOWED_BASIS", { name: input.name, region: region.name, basis: there.basis ?? "" });
  await addAllowedPlaques(db, actor, region.code, [{ name: input.name, basis: input.basis }]);
  const added = await find();
  if (!added) throw new AppError("INTERNAL");
  return added.id;
}

export async function removeAllowedPlaque(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db.select().from(plaqueAllowed).where(eq(plaqueAllowed.id, id));
  if (!row || !evaluationPolicy.canRead(actor, { path: row.regionPath })) throw new AppError("PLAQUE_ALLOWED_NOT_FOUND");
  authorize(evaluationPolicy.canKeepList(actor, { path: row.regionPath }));
  await db.transaction(async (tx) => {
    await tx.delete(plaqueAllowed).where(eq(plaqueAllowed.id, id));
    await recordAudit(tx, { actor: who(actor), action: "plaques.allowed.remove", entityType: "region", entityId: row.regionCode, scopePath: row.regionPath, detail: { name: row.name } });
  });
}

/** Records a plaque found on a village office 挂牌摸排. */
export async function surveyPlaque(db: Db, actor: Actor, input: PlaqueSurveyInput): Promise<string> {
  const village = await getUnit(db, input.villageCode);
  if (!village || !evaluationPolicy.canRead(actor, village)) throw new AppError("UNIT_NOT_FOUND", { code: input.villageCode });
  authorize(evaluationPolicy.canSurvey(actor, village));
  if (village.level !== "village") throw new AppError("PLAQUE_NOT_A_VILLAGE", { code: village.code });
  const on = input.surveyedOn ?? chinaToday();
  if (on > chinaToday()) throw new AppError("PLAQUE_DATE", { on, start: "" });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(plaqueSurvey)
      .values({ villageCode: village.code, villagePath: village.path, name: input.name, issuer: input.issuer || null, surveyedOn: on, createdBy: actor.displayName })
      .returning({ id: plaqueSurvey.id });
    await recordAudit(tx, { actor: who(actor), action: "plaques.survey", entityType: "plaque", entityId: row!.id, scopePath: village.path, detail: { name: input.name, issuer: input.issuer ?? null } });
    return row!.id;
  });
}

export type PlaqueRow = typeof plaqueSurvey.$inferSelect;

export async function loadPlaque(db: Queryable, actor: Actor, id: string): Promise<PlaqueRow> {
  const [row] = await db.select().from(plaqueSurvey).where(eq(plaqueSurvey.id, id));
  if (!row || !evaluationPolicy.canRead(actor, { path: row.villagePath })) throw new AppError("PLAQUE_NOT_FOUND");
  return row;
}

/** The photo of a plaque, from a phone: checked by content, capped, EXIF and GPS stripped; a new one replaces the old. */
export async function attachPhoto(db: Db, actor: Actor, id: string, file: Buffer): Promise<void> {
  const row = await loadPlaque(db, actor, id);
  authorize(evaluationPolicy.canSurvey(actor, { path: row.villagePath }));
  const photo = await cleanPhoto(file);
  await db.transaction(async (tx) => {
    await tx.update(plaqueSurvey).set({ photo: photo.data, photoType: photo.contentType, photoSize: photo.size, photoSha256: photo.sha256 }).where(eq(plaqueSurvey.id, id));
    await recordAudit(tx, { actor: who(actor), action: "plaques.photo", entityType: "plaque", entityId: id, scopePath: row.villagePath, detail: { size: photo.size, sha256: photo.sha256 } });
  });
}

/** The village records that a plaque not allowed was taken down 摘牌. */
export async function markRemoved(db: Db, actor: Actor, id: string, removedOn: string): Promise<void> {
  const row = await loadPlaque(db, actor, id);
  authorize(evaluationPolicy.canSurvey(actor, { path: row.villagePath }));
  if (row.removedOn) throw new AppError("PLAQUE_ALREADY_REMOVED", { on: row.removedOn });
  if (removedOn > chinaToday() || removedOn < row.surveyedOn) throw new AppError("PLAQUE_DATE", { on: removedOn, start: row.surveyedOn });
  await db.transaction(async (tx) => {
    await tx.update(plaqueSurvey).set({ removedOn }).where(eq(plaqueSurvey.id, id));
    await recordAudit(tx, { actor: who(actor), action: "plaques.removed", entityType: "plaque", entityId: id, scopePath: row.villagePath, detail: { name: row.name, removedOn } });
  });
}
