import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import type { Targets } from "../../../../contracts/burdens.js";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../../kernel/actor.js";
import { loadReadableBurden } from "../../burdens/queries.js";
import { asksOf, type Ask } from "../collect/open-forms.js";
import { fieldsOf, type FieldRow, type FormRow } from "../forms.js";
import { villageBatches, withValues, type Row, type ValuedBatch, type Values } from "./export-data.js";
import { layoutWorkbook, type LayoutSheet } from "./export-layout.js";
import type { SheetLayout } from "./read-form.js";
import { excelSerial, RowWriter, splitAtSampleRow, type CellOut, type RowColumn, type SplitSheet } from "./sheet-xml.js";
import { zipStream, type ZipEntry } from "./zip-writer.js";

/**
 * A department's own table, filled: every sheet of its original file as it was (title, unit line,
 * header, merges, column widths, styles), the sample rows replaced by one row per target village with
 * the shared data. Streamed: rows are written as the data of each batch of villages arrives, so a
 * county's table and a province's cost the same memory.
 *
 * ExcelJS writes the layout with one sample data row per data sheet (export-layout.ts); the file is
 * that workbook copied entry by entry, each data sheet cut at its sample row and the villages' rows
 * written there as XML (sheet-xml.ts): 600,000 rows of 40 fields is 24 million cells, too many for a
 * cell object each.
 */

/** A village as its row is written: where it is, and its values. */
type Item = { row: Row; values: Values | undefined };
const NUMERIC = new Set(["number", "integer", "percent"]);

/** What a column writes for a village: computed once per sheet, so a row costs a lookup per cell. */
function columnOf(field: FieldRow, asks: readonly Ask[], styleId: number): RowColumn<Item> {
  const at = (value: RowColumn<Item>["value"]): RowColumn<Item> => ({ col: field.col, styleId, value });
  switch (field.role) {
    case "seq":
      return at((_, index) => index + 1);
    case "township":
      return at((item) => item.row.township);
    case "village":
      return at((item) => item.row.village.name);
    case "indicator": {
      const index = asks.findIndex((a) => a.field.position === field.position);
      if (index < 0) return at(() => null);
      const type = asks[index]!.indicator.type;
      // A stored value that does not read as its type (never expected) is written as the text it is.
      const read = NUMERIC.has(type) ? (v: string) => (Number.isFinite(Number(v)) ? Number(v) : v) : type === "date" ? (v: string) => excelSerial(v) ?? v : (v: string) => v;
      return at((item): CellOut => {
        const v = item.values?.[index];
        return v === undefined ? null : read(v);
      });
    }
    default:
      return at(() => null);
  }
}

/** The columns of each sheet whose values are dates (written as dates, under a date format). */
function dateColumnsOf(fields: FieldRow[], asks: readonly Ask[]): (sheet: string) => Set<number> {
  const dated = new Set(asks.filter((a) => a.indicator.type === "date").map((a) => a.field.position));
  return (sheet) => new Set(fields.filter((f) => f.sheet === sheet && f.role === "indicator" && dated.has(f.position)).map((f) => f.col));
}

/** The part name of each sheet of a workbook written by ExcelJS, in the workbook's order. */
function sheetParts(files: Record<string, Uint8Array>): string[] {
  const text = (name: string) => Buffer.from(files[name]!).toString("utf8");
  const targets = new Map([...text("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/\bId="([^"]+)"/.exec(m[0])?.[1], /\bTarget="([^"]+)"/.exec(m[0])?.[1]]));
  return [...text("xl/workbook.xml").matchAll(/<sheet\b[^>]*\br:id="([^"]+)"/g)].map((m) => {
    const target = targets.get(m[1])!;
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  });
}

type DataSheet = { layout: SheetLayout; fields: FieldRow[]; split: SplitSheet };
const encoded = (text: string) => Buffer.from(text, "utf8");

/** A data sheet's XML: the layout before the sample row, a block of rows per batch of villages, the layout after it. */
async function* sheetXml({ layout, fields, split }: DataSheet, asks: Ask[], batches: AsyncIterable<ValuedBatch>): AsyncGenerator<Buffer> {
  const rows = new RowWriter(
    fields.map((f) => columnOf(f, asks, split.styleIds.get(f.col) ?? 0)),
    split.rowAttributes,
  );
  yield encoded(split.before);
  let written = 0;
  for await (const batch of batches) {
    const items = batch.rows.map((row) => ({ row, values: batch.values.get(row.village.code) }));
    yield rows.write(items, layout.dataStartRow + written, written);
    written += items.length;
  }
  yield encoded(split.after);
}

/**
 * The department's file (`file`, its sheets read as `layouts`, its `fields`) filled with the rows of
 * `batches`, read once per data sheet. Fails before the first byte if the layout cannot be written;
 * after it, a failure breaks the stream.
 */
export async function filledWorkbook(file: Buffer, layouts: SheetLayout[], fields: FieldRow[], asks: Ask[], batches: () => AsyncIterable<ValuedBatch>): Promise<Readable> {
  const template = new ExcelJS.Workbook();
  await template.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, LayoutSheet>(template.worksheets.map((ws) => [ws.name, { layout: layouts.find((l) => l.name === ws.name), fields: fields.filter((f) => f.sheet === ws.name) }]));
  const files = unzipSync(await layoutWorkbook(template, sheets, dateColumnsOf(fields, asks)));
  const parts = sheetParts(files);
  const dataSheets = new Map<string, DataSheet>();
  template.worksheets.forEach((ws, i) => {
    const { layout, fields } = sheets.get(ws.name)!;
    const part = parts[i]!;
    if (layout && fields.length > 0) dataSheets.set(part, { layout, fields, split: splitAtSampleRow(Buffer.from(files[part]!).toString("utf8"), layout.dataStartRow) });
  });
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const [name, data] of Object.entries(files)) {
      const sheet = dataSheets.get(name);
      yield sheet ? { name, source: sheetXml(sheet, asks, batches()) } : { name, data };
    }
  }
  return zipStream(entries());
}

export async function exportForm(db: Db, actor: Actor, form: FormRow): Promise<{ fileName: string; stream: Readable }> {
  const burden = await loadReadableBurden(db, actor, form.burdenId);
  const spec = burden.targetSpec as Targets;
  const asks = await asksOf(db, form);
  const fields = await fieldsOf(db, form.id);
  const batches = () => withValues(db, villageBatches(db, burden.issuerCode, spec), asks);
  const stream = await filledWorkbook(form.file as unknown as Buffer, form.layout as SheetLayout[], fields, asks, batches);
  const base = form.fileName.replace(/\.xlsx$/i, "");
  return { fileName: `${base}（${form.referenceDate}）.xlsx`, stream };
}
