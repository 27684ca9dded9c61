import type { DutyDifferencesInput, DutyItemInput } from "../../../../contracts/duties.js";
import type { Db } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import type { Lang } from "../../../http/i18n.js";
import type { Actor } from "../../../kernel/actor.js";
import { normalizeName, type ItemRow } from "../effective.js";
import { loadListUnit, TEMPLATE_LEVELS, templateItemsFor } from "../lists.js";
import { authorize, dutyPolicy } from "../policy.js";
import { createTemplateVersion, setTownshipDifferences, type WriteResult } from "../versions.js";
import { readDutyWorkbook } from "./read.js";

const same = (a: string | null | undefined, b: string | null | undefined) => (a?.trim() || null) === (b?.trim() || null);

/**
 * A township's file holds its whole list; what is stored is its difference from the county template in
 * force on the effective date: items the template lacks are added, template items changed in the file
 * are changed, template items missing from the file are removed. Items are matched by name.
 */
export function deriveDifferences(template: readonly ItemRow[], items: readonly DutyItemInput[]): Pick<DutyDifferencesInput, "add" | "change" | "remove"> {
  const unmatched = new Map(template.map((t) => [t.key, t]));
  const find = (item: DutyItemInput): ItemRow | undefined => {
    const name = normalizeName(item.name);
    const candidates = [...unmatched.values()].filter((t) => normalizeName(t.name) === name);
    return candidates.find((t) => t.part === item.part) ?? candidates[0];
  };
  const add: DutyItemInput[] = [];
  const change: (DutyItemInput & { key: string })[] = [];
  for (const item of items) {
    const match = find(item);
    if (!match) {
      add.push(item);
      continue;
    }
    unmatched.delete(match.key);
    const unchanged =
      match.part === item.part && match.name === item.name.trim() && same(match.legalBasis, item.legalBasis) && same(match.leadDepartment, item.leadDepartment) && same(match.note, item.note);
    if (!unchanged) change.push({ ...item, key: match.key });
  }
  return { add, change, remove: [...unmatched.keys()] };
}

/**
 * Imports a duty list from an .xlsx file: for a county a new template version, for a township a new
 * version of its differences. The file is validated whole first; one bad cell and nothing is written.
 */
export async function importDutyList(
  db: Db,
  args: { actor: Actor | null; unitCode: string; file: Buffer; reason: string; effectiveFrom: string; lang?: Lang },
): Promise<WriteResult> {
  const { actor, reason, effectiveFrom, lang = "zh-CN" } = args;
  const unit = await loadListUnit(db, args.unitCode, "any");
  if (actor) authorize(dutyPolicy.canEdit(actor, unit), "OUT_OF_SCOPE", { code: unit.code });
  const { items, issues } = await readDutyWorkbook(args.file);
  if (issues.length > 0) {
    const details = issues.map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh }));
    throw new AppError("EXCEL_INVALID", { count: issues.length }, details);
  }
  const common = { actor, source: "excel" as const, lang };
  if (TEMPLATE_LEVELS.has(unit.level)) return createTemplateVersion(db, { ...common, countyCode: unit.code, input: { reason, effectiveFrom, items } });
  const differences = deriveDifferences(await templateItemsFor(db, unit, effectiveFrom), items);
  return setTownshipDifferences(db, { ...common, townshipCode: unit.code, input: { reason, effectiveFrom, ...differences } });
}
