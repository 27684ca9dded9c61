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
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNWRITABLE = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
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

const ascii = (text: string) => Buffer.from(text, "latin1");
const ROW_OPEN = ascii('<row r="');
const ROW_CLOSE = ascii("</row>");
const NUMBER_OPEN = ascii("><v>");
const NUMBER_CLOSE = ascii("</v></c>");
const TEXT_OPEN = ascii(' t="inlineStr"><is><t>');
const TEXT_OPEN_SPACED = ascii(' t="inlineStr"><is><t xml:space="preserve">');
const TEXT_CLOSE = ascii("</t></is></c>");
const EMPTY_CLOSE = ascii("/>");
/** Room kept free for anything but text: a row opening, or a cell with a number (digits or `String(n)`). */
const SLACK = 256;

/**
 * Bytes written into one growing buffer, a byte at a time for the short pieces of markup: a cell costs
 * no string and no object, which at 24 million cells is what keeps the garbage collector quiet.
 */
class Bytes {
  buf: Buffer;
  at = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  bytes(piece: Uint8Array): void {
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < piece.length; i++) buf[at++] = piece[i]!;
    this.at = at;
  }

  /** Text known to be ASCII (digits, a number's writing). */
  ascii(text: string): void {
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  number(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) return this.ascii(String(n));
    const buf = this.buf;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    for (let x = n; digits-- > 0; x = Math.floor(x / 10)) buf[--at] = 48 + (x % 10);
  }

  text(text: string): void {
    this.room(text.length * 3);
    this.at += this.buf.write(text, this.at, "utf8");
  }
}

/** Writes rows of cells for `columns`, the opening tag of each row as the sample row had it. */
export class RowWriter<R> {
  private readonly cells: { head: Buffer; styled: Buffer; keepEmpty: boolean; value: RowColumn<R>["value"] }[];
  private readonly rowTail: Buffer;
  private size = 1 << 20;

  constructor(columns: readonly RowColumn<R>[], rowAttributes: string) {
    this.rowTail = Buffer.from(`"${rowAttributes}>`, "utf8");
    this.cells = [...columns]
      .sort((a, b) => a.col - b.col)
      .map((c) => ({
        head: ascii(`<c r="${columnLetter(c.col)}`),
        styled: ascii(c.styleId > 0 ? `" s="${c.styleId}"` : `"`),
        // A styled cell without a value keeps its style (a border, a fill), as the department's table has it.
        keepEmpty: c.styleId > 0,
        value: c.value,
      }));
  }

  /** Rows `rows` as XML bytes, numbered from `firstRow`; `firstIndex` is the first row's index among all rows written. */
  write(rows: readonly R[], firstRow: number, firstIndex: number): Buffer {
    const out = new Bytes(this.size);
    for (let i = 0; i < rows.length; i++) {
      const r = String(firstRow + i);
      out.room(SLACK * (this.cells.length + 1));
      out.bytes(ROW_OPEN);
      out.ascii(r);
      out.bytes(this.rowTail);
      for (const c of this.cells) {
        const v = c.value(rows[i]!, firstIndex + i);
        if (v === null && !c.keepEmpty) continue;
        out.bytes(c.head);
        out.ascii(r);
        out.bytes(c.styled);
        if (v === null) {
          out.bytes(EMPTY_CLOSE);
        } else if (typeof v === "number") {
          out.bytes(NUMBER_OPEN);
          out.number(v);
          out.bytes(NUMBER_CLOSE);
        } else {
          const t = xmlText(v);
          out.bytes(t.length > 0 && (isSpace(t.charCodeAt(0)) || isSpace(t.charCodeAt(t.length - 1))) ? TEXT_OPEN_SPACED : TEXT_OPEN);
          out.text(t);
          out.room(SLACK * (this.cells.length + 1));
          out.bytes(TEXT_CLOSE);
        }
      }
      out.bytes(ROW_CLOSE);
    }
    // The next batch starts with room for this one: a buffer is grown at most once or twice per export.
    this.size = Math.max(this.size, out.buf.length);
    return out.buf.subarray(0, out.at);
  }
}

/** White space XML would otherwise let a reader trim at the ends of a text (space, tab, line feed, carriage return). */
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

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
