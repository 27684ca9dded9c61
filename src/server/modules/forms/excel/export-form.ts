import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Targets } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { Actor, ScopeUnit } from "../../../kernel/actor.js";
import { loadReadableBurden } from "../../burdens/queries.js";
import { resolveTargets } from "../../burdens/targets.js";
import { getUnit, getUnits, unitsUnder } from "../../org/units.js";
import { asksOf, dataFor, datumOf, type Ask, type Datum } from "../collect/open-forms.js";
import { fieldsOf, type FieldRow, type FormRow } from "../forms.js";
import type { SheetLayout } from "./read-form.js";

/**
 * A department's own table, filled: every sheet of its original file as it was (title, unit line,
 * header, merges, column widths, styles), the sample rows replaced by one row per target village with
 * the shared data. Streamed: rows are written as the data of each batch of villages arrives, so a
 * county's table and a province's cost the same memory.
 */

type Row = { village: ScopeUnit; township: string };
type Sheet = { layout: SheetLayout | undefined; fields: FieldRow[] };
const NUMERIC = new Set(["number", "integer", "percent"]);
const BATCH = 2000;

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

/** Levels above a county: their villages are read city by city, so a province's or the nation's table streams too. */
const ABOVE_CITY = new Set(["nation", "province"]);

/**
 * The target villages in code order, a batch at a time: a list as the issuer gave it, or everything
 * under a unit read city by city (at most a few thousand villages in memory whatever the reach).
 */
async function* villageBatches(db: Db, issuerCode: string, spec: Targets): AsyncGenerator<Row[]> {
  const issuer = await getUnit(db, issuerCode);
  if (!issuer) return;
  const named = async (villages: ScopeUnit[]): Promise<Row[]> => {
    const townships = new Map((await getUnits(db, [...new Set(villages.map((v) => v.parentCode ?? ""))])).map((u) => [u.code, u.name]));
    return villages.sort((a, b) => a.code.localeCompare(b.code)).map((village) => ({ village, township: townships.get(village.parentCode ?? "") ?? "" }));
  };
  if (Array.isArray(spec)) {
    yield await named((await resolveTargets(db, issuer, spec)).filter((u) => u.level === "village"));
    return;
  }
  const root = spec.under === issuer.code ? issuer : await getUnit(db, spec.under);
  if (!root || spec.level !== "village") return;
  if (root.level === "village") return yield await named([root]);
  const chunks = ABOVE_CITY.has(root.level) ? await unitsUnder(db, root.path, "city") : [root];
  for (const chunk of chunks) {
    const villages = await unitsUnder(db, chunk.path, "village");
    if (villages.length > 0) yield await named(villages);
  }
}

/** The rows above the data (or the whole sheet, when no data are written into it), with their merges and widths. */
function copyLayout(from: ExcelJS.Worksheet, to: ExcelJS.Worksheet, lastRow: number): void {
  to.columns = (from.columns ?? []).map((c) => ({ width: c.width, hidden: c.hidden }));
  for (let r = 1; r <= lastRow; r++) {
    const source = from.getRow(r);
    const target = to.getRow(r);
    if (source.height) target.height = source.height;
    source.eachCell({ includeEmpty: true }, (cell, c) => {
      const out = target.getCell(c);
      if (!cell.isMerged || cell.master.address === cell.address) out.value = cell.value;
      out.style = cell.style;
    });
  }
  for (const range of (from.model as { merges?: string[] }).merges ?? []) {
    if (Number(/\d+/.exec(range.split(":")[0]!)![0]) <= lastRow) to.mergeCells(range);
  }
}

type DataSheet = { layout: SheetLayout; fields: FieldRow[]; styles: Map<number, Partial<ExcelJS.Style>> };

async function writeData(db: Db, ws: ExcelJS.Worksheet, sheet: DataSheet, villages: AsyncIterable<Row[]>, asks: Ask[]) {
  const byPosition = new Map(asks.map((a) => [a.field.position, a]));
  let written = 0;
  for await (const rows of villages) {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const data = await dataFor(db, batch.map((r) => r.village.code), asks);
      for (const row of batch) {
        const target = ws.getRow(sheet.layout.dataStartRow + written);
        for (const field of sheet.fields) {
          const cell = target.getCell(field.col);
          cell.value = cellValue(field, row, written, byPosition, data);
          const style = sheet.styles.get(field.col);
          if (style && Object.keys(style).length > 0) cell.style = style;
        }
        target.commit();
        written++;
      }
    }
  }
}

async function writeWorkbook(db: Db, template: ExcelJS.Workbook, sheets: Map<string, Sheet>, villages: () => AsyncIterable<Row[]>, asks: Ask[], out: PassThrough) {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const ws of template.worksheets) {
    const sheet = sheets.get(ws.name);
    const target = writer.addWorksheet(ws.name, { views: ws.views, pageSetup: ws.pageSetup, headerFooter: ws.headerFooter, state: ws.state });
    const layout = sheet?.layout;
    copyLayout(ws, target, layout ? layout.dataStartRow - 1 : ws.rowCount);
    if (layout) {
      const sample = ws.getRow(layout.dataStartRow);
      const styles = new Map(sheet.fields.map((f) => [f.col, { ...sample.getCell(f.col).style }]));
      await writeData(db, target, { layout, fields: sheet.fields, styles }, villages(), asks);
    }
    target.commit();
  }
  await writer.commit();
}

export async function exportForm(db: Db, actor: Actor, form: FormRow): Promise<{ fileName: string; stream: Readable }> {
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  const spec = burden.targetSpec as Targets;
  const asks = await asksOf(db, form);
  const fields = await fieldsOf(db, form.id);
  const template = new ExcelJS.Workbook();
  await template.xlsx.load(form.file as unknown as ExcelJS.Buffer);
  const layouts = form.layout as SheetLayout[];
  const sheets = new Map(template.worksheets.map((ws) => [ws.name, { layout: layouts.find((l) => l.name === ws.name), fields: fields.filter((f) => f.sheet === ws.name) }]));
  const out = new PassThrough();
  // Everything that can fail for the caller has been checked; a failure from here on breaks the download.
  writeWorkbook(db, template, sheets, () => villageBatches(db, burden.issuerCode, spec), asks, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  const base = form.fileName.replace(/\.xlsx$/i, "");
  return { fileName: `${base}（${form.referenceDate}）.xlsx`, stream: out };
}
