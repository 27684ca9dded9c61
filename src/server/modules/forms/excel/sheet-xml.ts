import { columnLetter } from "./workbook.js";

/**
 * Data rows of a worksheet written straight as SpreadsheetML, for exports of hundreds of thousands of
 * rows where a cell object per cell (ExcelJS) costs more than the rest of the export together. The
 * layout around them is written by ExcelJS into a sheet that holds one sample data row; that sheet is
 * cut at the sample row, and the sample row gives each column its style id.
 */

/** A cell's value as written: a number (dates are serial numbers under a date style), text, or nothing. */
export type CellOut = number | string | null;

// Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed, carriage return; DEL as
// ExcelJS drops it; U+FFFE/U+FFFF; surrogates without their pair): dropped, as ExcelJS drops them.
const UNWRITABLE = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>\0-\x08\x0B\x0C\x0E-\x1F\x7F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** `text` as XML character data. */
export function xmlText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(UNWRITABLE, "").replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

/** The serial number Excel stores for a date written "2026-03-01" (days since 1899-12-30), or null. */
export function excelSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? null : ms / 86_400_000 + 25_569;
}

/** One column of the data rows: where it is, its style id, and how a row's value is found. */
export type RowColumn<R> = { col: number; styleId: number; value: (row: R, index: number) => CellOut };

/** Writes rows of cells for `columns`, the opening tag of each row as the sample row had it. */
export class RowWriter<R> {
  private readonly cells: { prefix: string; styled: string; empty: string; value: RowColumn<R>["value"] }[];
  private readonly rowAttributes: string;

  constructor(columns: readonly RowColumn<R>[], rowAttributes: string) {
    this.rowAttributes = rowAttributes;
    this.cells = [...columns]
      .sort((a, b) => a.col - b.col)
      .map((c) => {
        const prefix = `<c r="${columnLetter(c.col)}`;
        const styled = c.styleId > 0 ? `" s="${c.styleId}"` : `"`;
        // A styled cell without a value keeps its style (a border, a fill), as the department's table has it.
        return { prefix, styled, empty: c.styleId > 0 ? "/>" : "", value: c.value };
      });
  }

  /** Rows `rows`, numbered from `firstRow`; `firstIndex` is the first row's index among all rows written. */
  write(rows: readonly R[], firstRow: number, firstIndex: number): string {
    let xml = "";
    for (let i = 0; i < rows.length; i++) {
      const r = firstRow + i;
      xml += `<row r="${r}"${this.rowAttributes}>`;
      for (const c of this.cells) {
        const v = c.value(rows[i]!, firstIndex + i);
        if (v === null) {
          if (c.empty) xml += c.prefix + r + c.styled + c.empty;
        } else if (typeof v === "number") {
          xml += c.prefix + r + c.styled + "><v>" + v + "</v></c>";
        } else {
          const t = xmlText(v);
          const space = t.length > 0 && (/^\s/.test(t) || /\s$/.test(t)) ? ' xml:space="preserve"' : "";
          xml += c.prefix + r + c.styled + ' t="inlineStr"><is><t' + space + ">" + t + "</t></is></c>";
        }
      }
      xml += "</row>";
    }
    return xml;
  }
}

/** A worksheet's XML cut at its sample row: what comes before, the sample row's style ids and row attributes, what comes after. */
export type SplitSheet = { before: string; after: string; styleIds: Map<number, number>; rowAttributes: string };

/** Column number of a cell reference ("AB12" → 28). */
const columnOf = (ref: string): number => {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
};

export function splitAtSampleRow(xml: string, sampleRow: number): SplitSheet {
  const open = new RegExp(`<row r="${sampleRow}"([^>]*)>`).exec(xml);
  const close = open ? xml.indexOf("</row>", open.index) : -1;
  if (!open || close < 0) throw new Error(`sample row ${sampleRow} not found in the layout sheet`);
  const styleIds = new Map<number, number>();
  for (const cell of xml.slice(open.index, close).matchAll(/<c r="([A-Z]+)\d+"([^>]*)>/g)) {
    const s = /\bs="(\d+)"/.exec(cell[2]!);
    styleIds.set(columnOf(cell[1]!), s ? Number(s[1]) : 0);
  }
  // The range the sheet used is no longer known when its header is written; the element is optional.
  const before = xml.slice(0, open.index).replace(/<dimension ref="[^"]*"\s*\/>/, "");
  const rowAttributes = open[1]!.replace(/\s*\bspans="[^"]*"/, "").replace(/\/$/, "");
  return { before, after: xml.slice(close + "</row>".length), styleIds, rowAttributes };
}
