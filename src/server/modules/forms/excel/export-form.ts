import ExcelJS from "exceljs";
import type { Targets } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { loadReadableBurden } from "../../burdens/queries.js";
import { resolveTargets } from "../../burdens/targets.js";
import { getUnit, getUnits } from "../../org/units.js";
import { asksOf, dataFor, datumOf, type Ask, type Datum } from "../collect/open-forms.js";
import { fieldsOf, type FieldRow, type FormRow } from "../forms.js";
import type { SheetLayout } from "./read-form.js";
import { toBuffer } from "./workbook.js";

/**
 * A department's own table, filled: its original file, every sheet as it was (title, unit line, header,
 * column positions, styles), the sample rows replaced by one row per target village with the shared data.
 */

type Row = { village: ScopeUnit; township: string };
const NUMERIC = new Set(["number", "integer", "percent"]);

function cellValue(field: FieldRow, row: Row, index: number, asks: Map<number, Ask>, data: Map<string, Datum>): ExcelJS.CellValue {
  switch (field.role) {
    case "seq":
      return index + 1;
    case "township":
      return row.township;
    case "village":
      return row.village.name;
    case "indicator": {
      const ask = asks.get(field.position);
      const d = ask ? datumOf(data, row.village.code, ask.indicator.id, ask.periodKey) : undefined;
      if (!d) return null;
      return NUMERIC.has(ask!.indicator.type) ? Number(d.value) : d.value;
    }
    default:
      return null;
  }
}

function fillSheet(ws: ExcelJS.Worksheet, layout: SheetLayout, fields: FieldRow[], rows: Row[], asks: Map<number, Ask>, data: Map<string, Datum>) {
  const sample = ws.getRow(layout.dataStartRow);
  const styles = new Map(fields.map((f) => [f.col, { ...sample.getCell(f.col).style }]));
  const old = ws.rowCount - layout.dataStartRow + 1;
  if (old > 0) ws.spliceRows(layout.dataStartRow, old);
  rows.forEach((row, i) => {
    const target = ws.getRow(layout.dataStartRow + i);
    for (const field of fields) {
      const cell = target.getCell(field.col);
      cell.value = cellValue(field, row, i, asks, data);
      const style = styles.get(field.col);
      if (style && Object.keys(style).length > 0) cell.style = style;
    }
    target.commit();
  });
}

async function villageRows(db: Db, issuerCode: string, spec: unknown): Promise<Row[]> {
  const issuer = await getUnit(db, issuerCode);
  if (!issuer) return [];
  const villages = (await resolveTargets(db, issuer, spec as Targets)).filter((u) => u.level === "village").sort((a, b) => a.code.localeCompare(b.code));
  const townships = new Map((await getUnits(db, [...new Set(villages.map((v) => v.parentCode ?? ""))])).map((u) => [u.code, u.name]));
  return villages.map((village) => ({ village, township: townships.get(village.parentCode ?? "") ?? "" }));
}

export async function exportForm(db: Db, actor: Actor, form: FormRow): Promise<{ fileName: string; file: Buffer }> {
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  const rows = await villageRows(db, burden.issuerCode, burden.targetSpec);
  const askList = await asksOf(db, form);
  const asks = new Map(askList.map((a) => [a.field.position, a]));
  const data = await dataFor(db, rows.map((r) => r.village.code), askList);
  const fields = await fieldsOf(db, form.id);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(form.file as unknown as ExcelJS.Buffer);
  for (const layout of form.layout as SheetLayout[]) {
    const ws = workbook.getWorksheet(layout.name);
    if (ws) fillSheet(ws, layout, fields.filter((f) => f.sheet === layout.name), rows, asks, data);
  }
  const base = form.fileName.replace(/\.xlsx$/i, "");
  return { fileName: `${base}（${form.referenceDate}）.xlsx`, file: await toBuffer(workbook) };
}
