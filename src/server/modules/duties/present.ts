import type { DutyList, DutyVersions, DutyWriteResult } from "../../../contracts/duties.js";
import { unitDto } from "../org/present.js";
import { countByPart, versionDto, type VersionRow } from "./effective.js";
import type { DutyHistory, DutyListView } from "./lists.js";
import type { WriteResult } from "./versions.js";

/** Shapes of duty lists as the API returns them (the internal unit path stays inside the server). */

export function listDto(list: DutyListView): DutyList {
  const version = (v: VersionRow | null) => (v ? versionDto(v, list.lineages.get(v.unitCode) ?? [v], list.on) : null);
  return {
    unit: unitDto(list.unit),
    on: list.on,
    kind: list.kind,
    template: version(list.template),
    differences: version(list.differences),
    counts: countByPart(list.items),
    items: list.items.map(({ position: _position, ...item }) => item),
  };
}

export const historyDto = (history: DutyHistory, on: string): DutyVersions => ({
  unit: unitDto(history.unit),
  items: history.versions.map((v) => versionDto(v, history.lineages.get(v.unitCode) ?? [v], on)),
});

export const writeResultDto = (result: WriteResult, lineage: readonly VersionRow[], on: string): DutyWriteResult => ({
  version: versionDto(result.version, lineage, on),
  counts: result.counts,
  changes: result.changes,
});
