import { DUTY_PARTS, type DutyItem, type DutyPart, type DutyVersion } from "../../../contracts/duties.js";
import type { dutyItems, dutyListVersions } from "./schema.js";

/**
 * The pure core of duty lists: which version is in force on a date, and how a township's
 * differences turn the county template into its effective list. No database here.
 */

export type VersionRow = typeof dutyListVersions.$inferSelect;
export type ItemRow = Omit<typeof dutyItems.$inferSelect, "versionId" | "provinceCode" | "part"> & { part: DutyPart };
export type EffectiveItem = DutyItem & { position: number };

/** Positions of a township's own items come after the template's, in their own order. */
const OWN_ITEMS_OFFSET = 1_000_000;
const PART_ORDER = new Map(DUTY_PARTS.map((p, i) => [p, i]));

/** Of one unit's versions, the one in force on `on`: the highest-numbered that took effect by then. */
export function inForceOn<V extends Pick<VersionRow, "version" | "effectiveFrom">>(versions: readonly V[], on: string): V | null {
  let found: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= on && (!found || v.version > found.version)) found = v;
  return found;
}

/**
 * From when a later version replaces this one: the earliest effective date among higher-numbered
 * versions (a later decision wins from its own effective date on). Null while nothing replaces it.
 */
export function supersededOn(versions: readonly Pick<VersionRow, "version" | "effectiveFrom">[], v: Pick<VersionRow, "version">): string | null {
  let earliest: string | null = null;
  for (const w of versions) if (w.version > v.version && (!earliest || w.effectiveFrom < earliest)) earliest = w.effectiveFrom;
  return earliest;
}

/** Does a template version apply to this township? */
export const appliesTo = (template: Pick<VersionRow, "appliesTo">, townshipCode: string): boolean =>
  !template.appliesTo || template.appliesTo.includes(townshipCode);

/**
 * Template rows with the township's differences applied: "remove" drops a template item, "change"
 * replaces it (keeping its place), "add" appends an item of the township's own. A change or removal
 * whose item the template no longer has is void. Generic so that callers keep what they attached to rows.
 */
export function mergeDifferences<R extends Pick<ItemRow, "key" | "op" | "part" | "position">>(template: readonly R[], differences: readonly R[]): { row: R; source: DutyItem["source"]; position: number }[] {
  const byKey = new Map<string, { row: R; source: DutyItem["source"]; position: number }>();
  for (const r of template) byKey.set(r.key, { row: r, source: "template", position: r.position });
  for (const d of differences) {
    const base = byKey.get(d.key);
    if (d.op === "remove") byKey.delete(d.key);
    else if (d.op === "change" && base) byKey.set(d.key, { row: d, source: "changed", position: base.position });
    else if (d.op === "add") byKey.set(d.key, { row: d, source: base ? "changed" : "township", position: base ? base.position : OWN_ITEMS_OFFSET + d.position });
  }
  return [...byKey.values()].sort((a, b) => listOrder({ part: a.row.part, position: a.position, key: a.row.key }, { part: b.row.part, position: b.position, key: b.row.key }));
}

/** The order of an effective list: part (basic, cooperative, returned), then position, then key. */
export const listOrder = (a: Pick<ItemRow, "part" | "position" | "key">, b: Pick<ItemRow, "part" | "position" | "key">): number =>
  PART_ORDER.get(a.part)! - PART_ORDER.get(b.part)! || a.position - b.position || (a.key < b.key ? -1 : 1);

export const applyDifferences = (template: readonly ItemRow[], differences: readonly ItemRow[]): EffectiveItem[] =>
  mergeDifferences(template, differences).map(({ row: r, source, position }) => ({
    key: r.key,
    part: r.part,
    name: r.name,
    legalBasis: r.legalBasis,
    leadDepartment: r.leadDepartment,
    note: r.note,
    ...(r.powerKey ? { powerKey: r.powerKey } : {}),
    source,
    position,
  }));

export function countByPart(items: readonly { part: DutyPart }[]): Record<DutyPart, number> {
  const counts: Record<DutyPart, number> = { basic: 0, cooperative: 0, returned: 0 };
  for (const i of items) counts[i.part]++;
  return counts;
}

/** The public shape of a version, placed in its unit's lineage. */
export function versionDto(v: VersionRow, lineage: readonly VersionRow[], on: string): DutyVersion {
  return {
    id: v.id,
    kind: v.kind as DutyVersion["kind"],
    unitCode: v.unitCode,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    supersededOn: supersededOn(lineage, v),
    inForce: inForceOn(lineage, on)?.id === v.id,
    reason: v.reason,
    source: v.source as DutyVersion["source"],
    appliesTo: v.appliesTo,
    itemCount: v.itemCount,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
  };
}

/** Names compared the way a reader would: without spaces and punctuation, full-width folded. */
export const normalizeName = (name: string): string =>
  name
    .normalize("NFKC")
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, "")
    .toLowerCase();
