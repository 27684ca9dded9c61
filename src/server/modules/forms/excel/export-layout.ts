import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FieldRow } from "../forms.js";
import type { SheetLayout } from "./read-form.js";

/**
 * The layout of a department's export, written by ExcelJS into a small workbook: every sheet of its
 * original file (title, unit line, header, merges, column widths, views, page setup, styles, sheets
 * that hold no data), and in each data sheet one sample data row, a cell in each field's column with
 * the style the data cells take. The export copies this workbook and writes its data rows in place
 * of the sample rows.
 */

export type LayoutSheet = { layout: SheetLayout | undefined; fields: FieldRow[] };

/** The format a date column is written in when the department's table gave it none. */
const DATE_FORMAT = "yyyy-mm-dd";
/** A number format that shows a date: year or day codes outside quoted text and [colour]/[locale] tags. */
const isDateFormat = (format: string | undefined): boolean => !!format && /[yd]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]/g, ""));

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

/** The sample data row: each field's cell styled as the template's first data row styles it, dates under a date format. */
function writeSampleRow(from: ExcelJS.Worksheet, to: ExcelJS.Worksheet, row: number, fields: FieldRow[], dateColumns: ReadonlySet<number>): void {
  const sample = from.getRow(row);
  const target = to.getRow(row);
  for (const f of fields) {
    const style: Partial<ExcelJS.Style> = { ...sample.getCell(f.col).style };
    if (dateColumns.has(f.col) && !isDateFormat(style.numFmt)) style.numFmt = DATE_FORMAT;
    const cell = target.getCell(f.col);
    // A value makes the cell written even when its style is the default one.
    cell.value = 0;
    cell.style = style;
  }
  target.commit();
}

/**
 * The layout workbook as .xlsx bytes. `dateColumns` names, per sheet, the columns whose values are
 * dates. Sheets are written in the template's order.
 */
export async function layoutWorkbook(template: ExcelJS.Workbook, sheets: Map<string, LayoutSheet>, dateColumns: (sheet: string) => ReadonlySet<number>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const ws of template.worksheets) {
    const sheet = sheets.get(ws.name);
    const target = writer.addWorksheet(ws.name, { views: ws.views, pageSetup: ws.pageSetup, headerFooter: ws.headerFooter, state: ws.state });
    const layout = sheet?.layout;
    copyLayout(ws, target, layout ? layout.dataStartRow - 1 : ws.rowCount);
    if (layout) writeSampleRow(ws, target, layout.dataStartRow, sheet.fields, dateColumns(ws.name));
    target.commit();
  }
  await writer.commit();
  return Buffer.concat(chunks);
}
