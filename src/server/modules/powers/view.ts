import type { z } from "zod";
import type { ZPowerList, ZPowerVersion } from "../../../contracts/powers.js";
import type { Queryable } from "../../db/client.js";
import { authorize, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { inForceOn, itemsOf, loadCounty, powerPolicy, versionsOf, type VersionRow } from "./versions.js";

/** A county's list as read: the version in force on the date, its items, and every version with when it was superseded. */
export async function readableCounty(db: Queryable, actor: Actor, code: string): Promise<ScopeUnit> {
  const county = await loadCounty(db, code);
  authorize(powerPolicy.canRead(actor, county), "OUT_OF_SCOPE", { code });
  return county;
}

export const versionDto = (v: VersionRow, all: readonly VersionRow[]): z.infer<typeof ZPowerVersion> => {
  // Superseded on the first later date when another version (for the same townships) took over.
  const later = all.filter((o) => o.version > v.version && o.effectiveFrom >= v.effectiveFrom && (o.appliesTo === null || v.appliesTo !== null)).map((o) => o.effectiveFrom).sort()[0];
  return {
    id: v.id,
    kind: v.kind === "differences" ? "differences" : "county",
    unitCode: v.unitCode,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    supersededOn: later ?? null,
    reason: v.reason,
    source: v.source,
    appliesTo: v.appliesTo,
    itemCount: v.itemCount,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
  };
};

export async function powerListView(db: Queryable, county: ScopeUnit, on: string): Promise<z.infer<typeof ZPowerList>> {
  const versions = await versionsOf(db, county.code);
  const current = inForceOn(versions, on);
  return {
    county: { code: county.code, name: county.name },
    on,
    version: current ? versionDto(current, versions) : null,
    versions: versions.map((v) => versionDto(v, versions)).reverse(),
    items: current ? await itemsOf(db, current.id) : [],
  };
}
