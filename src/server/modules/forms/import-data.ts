import { and, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { IndicatorInput } from "../../../contracts/forms.js";
import type { Queryable } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { unitsUnder } from "../org/units.js";
import type { IndicatorRow } from "./catalog.js";
import { readDataRows, type FieldPlace, type ImportedValue } from "./excel/read-data.js";
import type { SheetLayout } from "./excel/read-form.js";
import { throwIssues, type Issue } from "./excel/workbook.js";
import type { FieldRow, FormRow } from "./forms.js";
import { formData, formDisagreements } from "./schema.js";

export type Decided = { field: FieldRow; role: string; indicatorId: string | null; newIndicator?: IndicatorInput };
const NEW = "new:";

/** A new indicator stands in under a provisional id until the transaction creates it. */
const provisional = (input: IndicatorInput): IndicatorRow =>
  ({ ...input, id: `${NEW}${input.code}`, regionCode: "", regionPath: "", provinceCode: "", createdBy: null, createdAt: new Date(), updatedAt: new Date() }) as IndicatorRow;

/**
 * Reads the figures of the uploaded table for the decided mapping; any row that names no single village
 * of the county, any value its indicator refuses, and nothing is written.
 */
export async function readFormData(db: Queryable, args: { form: FormRow; region: ScopeUnit; decisions: Decided[]; catalog: Map<string, IndicatorRow>; lang: Lang }) {
  const { form, region, decisions, lang } = args;
  const indicators = new Map(args.catalog);
  const fields: FieldPlace[] = decisions.map((d) => {
    let indicatorId = d.role === "indicator" ? d.indicatorId : null;
    if (d.role === "indicator" && d.newIndicator && !(indicatorId && indicators.has(indicatorId))) {
      const row = provisional(d.newIndicator);
      indicators.set(row.id, row);
      indicatorId = row.id;
    }
    return { sheet: d.field.sheet, col: d.field.col, header: d.field.header, role: d.role, indicatorId };
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(form.file as unknown as ExcelJS.Buffer);
  const villages = await unitsUnder(db, region.path, "village");
  const townships = new Map((await unitsUnder(db, region.path, "township")).map((t) => [t.code, t.name]));
  const read = readDataRows(workbook, { layout: form.layout as SheetLayout[], fields, indicators, villages, townships, referenceDate: form.referenceDate });
  throwIssues("FORM_FILE_INVALID", read.issues, lang);
  return read;
}

const SOURCE_NAMES: Record<string, { zh: string; en: string }> = {
  submission: { zh: "村级填报", en: "the village's submission" },
  import: { zh: "此前导入", en: "an earlier import" },
  department: { zh: "部门录入", en: "a department's entry" },
};

type Skipped = ImportedValue & { indicatorId: string };

/**
 * Figures of the table that differ from what is already held: reported, never written over (another
 * source disagrees), and kept as disagreements for the mismatch check of the 减负办 and the owner.
 */
async function mismatches(tx: Queryable, skipped: Skipped[], provenance: { sourceId: string; recordedBy: string; recordedByName: string }): Promise<Issue[]> {
  if (skipped.length === 0) return [];
  const held = await tx
    .select()
    .from(formData)
    .where(and(inArray(formData.unitCode, [...new Set(skipped.map((v) => v.unit.code))]), inArray(formData.indicatorId, [...new Set(skipped.map((v) => v.indicatorId))])));
  const byKey = new Map(held.map((d) => [`${d.unitCode}|${d.indicatorId}|${d.periodKey}`, d]));
  const differing = skipped.flatMap((v) => {
    const d = byKey.get(`${v.unit.code}|${v.indicatorId}|${v.periodKey}`);
    return d && Number(d.value) !== Number(v.value) && d.value !== v.value ? [{ v, d }] : [];
  });
  if (differing.length > 0) {
    await tx.insert(formDisagreements).values(
      differing.map(({ v }) => ({
        indicatorId: v.indicatorId, unitCode: v.unit.code, unitPath: v.unit.path, provinceCode: v.unit.provinceCode, periodKey: v.periodKey, value: v.value,
        sourceKind: "import", ...provenance, recordedAt: new Date(),
      })),
    );
  }
  return differing.map(({ v, d }) => {
    const source = SOURCE_NAMES[d.sourceKind] ?? { zh: d.sourceKind, en: d.sourceKind };
    return {
      path: v.path,
      zh: `${v.unit.name}“${v.indicatorName}”：表中为 ${v.value}，已有数据为 ${d.value}（${source.zh}，${d.recordedByName ?? ""}），保留已有数据，请核实`,
      en: `${v.unit.name}, ${v.indicatorName}: the table says ${v.value}, ${source.en} says ${d.value} (${d.recordedByName ?? ""}); the value held is kept, please verify`,
    };
  });
}

/** Writes imported figures where nothing is known yet: an import never overwrites what a village gave. */
export async function writeFormData(tx: Queryable, args: { values: ImportedValue[]; created: Map<string, string>; form: FormRow; actor: Actor }) {
  const values = args.values.map((v) => ({ ...v, indicatorId: v.indicatorId.startsWith(NEW) ? args.created.get(v.indicatorId.slice(NEW.length))! : v.indicatorId }));
  const rows = values.map((v) => ({
    indicatorId: v.indicatorId, unitCode: v.unit.code, unitPath: v.unit.path, provinceCode: v.unit.provinceCode, periodKey: v.periodKey, value: v.value,
    sourceKind: "import", sourceId: args.form.id, recordedBy: args.actor.id, recordedByName: args.actor.displayName,
  }));
  if (rows.length === 0) return { values: 0, skipped: 0, mismatches: [] };
  const written = await tx.insert(formData).values(rows).onConflictDoNothing().returning({ unitCode: formData.unitCode, indicatorId: formData.indicatorId, periodKey: formData.periodKey });
  const done = new Set(written.map((w) => `${w.unitCode}|${w.indicatorId}|${w.periodKey}`));
  const skipped = values.filter((v) => !done.has(`${v.unit.code}|${v.indicatorId}|${v.periodKey}`));
  return { values: written.length, skipped: skipped.length, mismatches: await mismatches(tx, skipped, { sourceId: args.form.id, recordedBy: args.actor.id, recordedByName: args.actor.displayName }) };
}
