import { and, eq } from "drizzle-orm";
import type { IndicatorInput, MappingInput } from "../../../contracts/forms.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { getUnit } from "../org/units.js";
import { countyCodeOf, insertIndicators, listIndicators, type IndicatorRow } from "./catalog.js";
import type { SheetLayout } from "./excel/read-form.js";
import { unitsAgree } from "./excel/units.js";
import { columnLetter, throwIssues, type Issue } from "./excel/workbook.js";
import { fieldsOf, formDto, loadMappableForm, type FieldRow } from "./forms.js";
import { warmCatalog, type CatalogLog } from "./mapping.js";
import { readFormData, writeFormData } from "./import-data.js";
import { formFields, forms } from "./schema.js";

type Decision = { field: FieldRow; role: FieldRow["role"]; indicatorId: string | null; newIndicator?: IndicatorInput };

/** Where a field's header sits and how it is named in a message. */
function placeOf(field: FieldRow, sheets: SheetLayout[]) {
  const sheet = sheets.find((s) => s.name === field.sheet);
  const path = `${field.sheet}!${columnLetter(field.col)}${sheet?.headerRows[0] ?? 1}`;
  return { path, zh: `工作表“${field.sheet}”${columnLetter(field.col)}列“${field.header}”`, en: `sheet “${field.sheet}”, column ${columnLetter(field.col)} “${field.header}”` };
}

/** Checks every decision: a known indicator or a new one, units that agree, no indicator asked twice. */
function checkDecisions(decisions: Decision[], catalog: Map<string, IndicatorRow>, sheets: SheetLayout[]): Issue[] {
  const issues: Issue[] = [];
  const used = new Map<string, string>();
  for (const d of decisions.filter((d) => d.role === "indicator")) {
    const at = placeOf(d.field, sheets);
    const add = (zh: string, en: string) => issues.push({ path: at.path, zh: `${at.zh}：${zh}`, en: `${at.en}: ${en}` });
    const indicator = d.indicatorId ? catalog.get(d.indicatorId) : undefined;
    const unit = indicator?.unit ?? d.newIndicator?.unit;
    if (!indicator && !d.newIndicator) {
      add(d.indicatorId ? "所选指标不在本县目录中" : "未对应任何指标：请选择目录中的指标或新建指标", d.indicatorId ? "the chosen indicator is not in the county's catalog" : "not mapped: choose an indicator or create one");
      continue;
    }
    if ((indicator?.granularity ?? d.newIndicator?.granularity) !== "village") {
      add("户级、人级指标暂不能在村级一表中采集，请对应村级指标", "household and person indicators cannot be collected in a village's one form yet; choose a village indicator");
    }
    const declared = sheets.find((s) => s.name === d.field.sheet)?.declaredUnits ?? [];
    if (d.field.unit && unit && !unitsAgree(d.field.unit, unit)) add(`表中单位“${d.field.unit}”与指标单位“${unit}”不一致`, `the table's unit “${d.field.unit}” differs from the indicator's “${unit}”`);
    else if (!d.field.unit && unit && declared.length > 0 && !declared.some((u) => unitsAgree(u, unit))) {
      add(`表中声明的单位（${declared.join("/")}）不含指标单位“${unit}”`, `the units the sheet declares (${declared.join("/")}) do not include the indicator's “${unit}”`);
    }
    const key = indicator?.id ?? `new:${d.newIndicator!.code}`;
    const earlier = used.get(key);
    if (earlier) add(`与${earlier}对应同一指标`, `maps to the same indicator as ${earlier}`);
    else used.set(key, at.zh);
  }
  return issues;
}

/**
 * The department confirms each column: a catalog indicator, a new indicator (added to the catalog), or
 * a column naming the row. Every problem is reported at once; nothing is changed while there is one.
 */
export async function confirmMapping(db: Db, args: { actor: Actor; formId: string; input: MappingInput; lang: Lang; log?: CatalogLog }) {
  const { actor, lang } = args;
  const form = await loadMappableForm(db, actor, args.formId);
  const owner = (await getUnit(db, form.ownerCode))!;
  const region = (await getUnit(db, countyCodeOf(owner) ?? owner.code))!;
  const catalog = new Map((await listIndicators(db, region.code)).map((r) => [r.id, r]));
  const fields = await fieldsOf(db, form.id);
  const given = new Map(args.input.fields.map((f) => [f.position, f]));
  const unknown = args.input.fields.filter((f) => !fields.some((x) => x.position === f.position));
  const decisions: Decision[] = fields.map((field) => {
    const g = given.get(field.position);
    return g ? { field, role: g.role, indicatorId: g.indicatorId ?? null, ...(g.newIndicator ? { newIndicator: g.newIndicator } : {}) } : { field, role: field.role, indicatorId: field.indicatorId };
  });
  const issues = unknown.map((f) => ({ path: `fields.${f.position}`, zh: `没有第 ${f.position} 个字段`, en: `there is no field ${f.position}` }));
  issues.push(...checkDecisions(decisions, catalog, form.layout as SheetLayout[]));
  const outside = decisions.filter((d) => d.role === "indicator" && d.newIndicator && !catalog.has(d.indicatorId ?? "")).length;
  if (outside > 0 && (args.input.reason ?? "").length < 4) {
    issues.push({ path: "reason", zh: `有 ${outside} 项指标不在本县目录中：目录外的指标须一事一报，请说明理由`, en: `${outside} indicator(s) are outside the county's catalog: each needs a stated reason (一事一报)` });
  }
  throwIssues("FORM_MAPPING_INVALID", issues, lang);
  const data = args.input.importData ? await readFormData(db, { form, region, decisions, catalog, lang }) : null;
  const confirmed = await db.transaction(async (tx) => {
    const created = await insertIndicators(tx, region, decisions.flatMap((d) => (d.role === "indicator" && d.newIndicator && !catalog.has(d.indicatorId ?? "") ? [{ ...d.newIndicator, ownerDepartment: d.newIndicator.ownerDepartment ?? owner.code }] : [])), actor);
    const byCode = new Map(created.map((r) => [r.code, r.id]));
    for (const d of decisions) {
      const indicatorId = d.role !== "indicator" ? null : d.indicatorId && catalog.has(d.indicatorId) ? d.indicatorId : byCode.get(d.newIndicator!.code)!;
      await tx.update(formFields).set({ role: d.role, indicatorId }).where(and(eq(formFields.formId, form.id), eq(formFields.position, d.field.position)));
    }
    const imported = data ? await writeFormData(tx, { values: data.values, created: byCode, form, actor }) : null;
    const [updated] = await tx.update(forms).set({ status: "mapped" }).where(eq(forms.id, form.id)).returning();
    await recordAudit(tx, {
      actor: { id: actor.id, name: actor.displayName }, action: "form.map", entityType: "form", entityId: form.id, scopePath: form.ownerPath,
      detail: { indicators: decisions.filter((d) => d.role === "indicator").length, created: created.map((r) => r.code), reason: outside > 0 ? args.input.reason : undefined, imported: imported && { values: imported.values, skipped: imported.skipped, mismatches: imported.mismatches.length } },
    });
    const say = (n: Issue) => ({ path: n.path, message: lang === "en" ? n.en : n.zh });
    const result = imported ? { values: imported.values, skipped: imported.skipped, notes: (data?.notes ?? []).map(say), mismatches: imported.mismatches.map(say) } : null;
    return { ...(await formDto(tx, updated!)), imported: result, createdIndicators: created.length };
  });
  const { createdIndicators, ...dto } = confirmed;
  // New indicators joined the catalog: prepare it again now, not at the next department's upload.
  if (createdIndicators > 0) warmCatalog(db, region.code, args.log ?? console);
  return dto;
}
