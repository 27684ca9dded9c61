import type { DutyDifferencesInput, DutyItem, DutyItemInput, DutyList } from "../../../contracts/duties.js";

/**
 * An item as the township would have it. `rowId` tells rows apart on the page: the item's key, or for an
 * item added here and not saved yet a local id (the server gives it its key, TB001…, when saved).
 */
export type EditableItem = DutyItemInput & { rowId: string };

/**
 * A township's differences from the county template 乡镇差异, as the editor holds them: template items
 * removed or changed (by key), and items the township adds. The API replaces the whole set at once.
 */
export type Differences = { removed: Set<string>; changed: Map<string, EditableItem>; added: EditableItem[] };

export type DifferenceRow = { item: EditableItem; origin: "template" | "township"; state: "kept" | "changed" | "removed" | "added" };

const editable = (item: DutyItem): EditableItem => ({
  rowId: item.key,
  key: item.key,
  part: item.part,
  name: item.name,
  legalBasis: item.legalBasis,
  leadDepartment: item.leadDepartment,
  note: item.note,
  powerKey: item.powerKey ?? null,
});

/** Reads the differences in force back from the township's list and the county template it follows. */
export function differencesOf(township: DutyList, template: DutyList): Differences {
  const present = new Set(township.items.map((i) => i.key));
  return {
    removed: new Set(template.items.filter((i) => !present.has(i.key)).map((i) => i.key)),
    changed: new Map(township.items.filter((i) => i.source === "changed").map((i) => [i.key, editable(i)])),
    added: township.items.filter((i) => i.source === "township").map(editable),
  };
}

/** The township's own items first (where the one just added is seen), then every template item with what the township does to it. */
export function differenceRows(template: DutyList, d: Differences): DifferenceRow[] {
  return [
    ...d.added.map((item): DifferenceRow => ({ item, origin: "township", state: "added" })),
    ...template.items.map((i): DifferenceRow => {
      if (d.removed.has(i.key)) return { item: editable(i), origin: "template", state: "removed" };
      const changed = d.changed.get(i.key);
      return changed ? { item: changed, origin: "template", state: "changed" } : { item: editable(i), origin: "template", state: "kept" };
    }),
  ];
}

const input = ({ rowId: _rowId, ...item }: EditableItem): DutyItemInput => item;

/** The request body: the whole set of differences, replacing the version in force. */
export function differencesInput(d: Differences, reason: string, effectiveFrom: string): DutyDifferencesInput {
  const change = [...d.changed.values()].map((c) => ({ ...input(c), key: c.rowId }));
  return { reason, effectiveFrom, add: d.added.map(input), change, remove: [...d.removed] };
}
