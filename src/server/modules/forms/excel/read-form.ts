import ExcelJS from "exceljs";
import type { FieldRole } from "../../../../contracts/forms.js";
import { parseChineseNumber } from "../numbers.js";
import { declaredUnits, isUnitToken, normalizeUnit, splitUnit } from "./units.js";
import { cellText, columnLetter, openWorkbook, type Issue } from "./workbook.js";
import { isXlsForm, xlsFormToTable, type QuestionType } from "./xlsform.js";

/**
 * Reads the table a department uses today: per sheet an optional title, an optional "单位：户/人/亩"
 * row, a header of one or more rows (merged parents joined: "人口情况/常住人口"), an optional row of
 * units, then data rows. Returns the layout (to write back into later) and every column; every problem
 * names its sheet, row and column, and the caller saves nothing while there is one.
 */

export type SheetLayout = { name: string; headerRows: number[]; dataStartRow: number; declaredUnits: string[] };
export type ColumnInfo = { sheet: string; col: number; header: string; name: string; unit: string; role: FieldRole; question?: QuestionType };
/** `file` is what is kept: the upload itself, or for an XLSForm the table it describes. */
export type FormReading = { sheets: SheetLayout[]; columns: ColumnInfo[]; issues: Issue[]; notes: Issue[]; file: Buffer; xlsForm: boolean };

const HEADER_SEARCH_ROWS = 15;
const ROLE_HEADERS: [RegExp, FieldRole][] = [
  [/^(序号|编号|序)$/, "seq"],
  [/^(所属)?乡镇(（街道）|\(街道\)|街道)?(名称)?$|^乡（镇）$|^镇$/, "township"],
  [/^(备注|说明|注)$/, "ignore"],
  [/^(行政)?村(（社区）|\(社区\)|社区)?(名称|名)?$|^村名$|^填报单位$|^单位名称$/, "village"],
];

type Merge = { top: number; left: number; bottom: number; right: number };
const parseMerges = (ws: ExcelJS.Worksheet): Merge[] =>
  ((ws.model as { merges?: string[] }).merges ?? []).map((range) => {
    const [a, b] = range.split(":") as [string, string];
    const tl = ws.getCell(a);
    const br = ws.getCell(b);
    return { top: Number(tl.row), left: Number(tl.col), bottom: Number(br.row), right: Number(br.col) };
  });

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const cell = ws.getCell(r, c);
  const t = cellText(cell.isMerged ? cell.master : cell);
  return "value" in t ? t.value.replace(/\s+/g, "") : "";
};

/** The distinct texts of a row (a merged cell counts once). */
function rowTexts(ws: ExcelJS.Worksheet, r: number, width: number): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(r, c);
    const key = cell.isMerged ? cell.master.address : cell.address;
    const t = text(ws, r, c);
    if (t && !seen.has(key)) texts.push(t);
    seen.add(key);
  }
  return texts;
}

function headerBlock(ws: ExcelJS.Worksheet, merges: Merge[], start: number): number[] {
  let end = start;
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of merges) {
      if (m.top < start || m.top > end) continue;
      // A parent spread over several columns has its children on the row below it.
      const bottom = m.right > m.left && m.bottom === m.top ? m.bottom + 1 : m.bottom;
      if (bottom > end) {
        end = bottom;
        grew = true;
      }
    }
  }
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

function locateHeader(ws: ExcelJS.Worksheet, merges: Merge[], width: number) {
  let declared: string[] = [];
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const texts = rowTexts(ws, r, width);
    const units = texts.map(declaredUnits).find((u) => u !== null);
    if (units) declared = units;
    // "填报单位：…  填报日期：…" describes the table; a header names columns and has no colon.
    const metadata = texts.every((t) => /[:：]/.test(t));
    if (texts.length >= 2 && !units && !metadata) return { rows: headerBlock(ws, merges, r), declared };
  }
  return null;
}

function roleOf(name: string): FieldRole {
  return ROLE_HEADERS.find(([re]) => re.test(name))?.[1] ?? "indicator";
}

function readColumns(ws: ExcelJS.Worksheet, rows: number[], width: number, unitRow: number | null): ColumnInfo[] {
  const columns: ColumnInfo[] = [];
  for (let c = 1; c <= width; c++) {
    const parts: string[] = [];
    for (const r of rows) {
      const t = text(ws, r, c);
      if (t && t !== parts.at(-1)) parts.push(t);
    }
    if (parts.length === 0) continue; // an empty column: nothing asked there
    const leaf = splitUnit(parts.at(-1)!);
    const own = unitRow ? normalizeUnit(text(ws, unitRow, c).replace(/^单位[:：]/, "")) : "";
    const header = parts.join("/");
    columns.push({ sheet: ws.name, col: c, header, name: leaf.name, unit: own || leaf.unit, role: roleOf(leaf.name) });
  }
  return columns;
}

/** A row under the header whose every filled cell is a unit ("户", "人", "（亩）") gives each column its unit. */
function unitRowAfter(ws: ExcelJS.Worksheet, row: number, width: number): number | null {
  const texts = Array.from({ length: width }, (_, i) => text(ws, row, i + 1)).filter(Boolean);
  return texts.length > 0 && texts.every(isUnitToken) ? row : null;
}

export async function readFormWorkbook(file: Buffer): Promise<FormReading> {
  const uploaded = await openWorkbook(file);
  if (isXlsForm(uploaded)) {
    const table = await xlsFormToTable(uploaded);
    const reading = await readTable(table.file, await openWorkbook(table.file), true);
    reading.issues.unshift(...table.issues);
    for (const c of reading.columns) c.question = table.types.get(c.header);
    return reading;
  }
  return readTable(file, uploaded, false);
}

async function readTable(file: Buffer, workbook: ExcelJS.Workbook, xlsForm: boolean): Promise<FormReading> {
  const reading: FormReading = { sheets: [], columns: [], issues: [], notes: [], file, xlsForm };
  for (const ws of workbook.worksheets) readSheet(ws, reading);
  return reading;
}

function readSheet(ws: ExcelJS.Worksheet, reading: FormReading): void {
  const issue = (path: string, zh: string, en: string) => reading.issues.push({ path, zh: `工作表“${ws.name}”${zh}`, en: `sheet “${ws.name}”${en}` });
  if (ws.state !== "visible") {
    if (ws.actualRowCount > 0) issue(ws.name, "是隐藏工作表：请删除或取消隐藏后再上传", " is hidden: delete it or unhide it, then upload again");
    return;
  }
  for (const image of ws.getImages()) {
    const at = `${columnLetter(image.range.tl.nativeCol + 1)}${image.range.tl.nativeRow + 1}`;
    issue(`${ws.name}!${at}`, ` ${at} 处有图片：报表中不能含图片，请删除后再上传`, `: a picture at ${at}; a form holds no pictures, remove it`);
  }
  if (ws.actualRowCount === 0) return;
  const width = ws.columnCount;
  const merges = parseMerges(ws);
  const header = locateHeader(ws, merges, width);
  if (!header) return;
  const unitRow = unitRowAfter(ws, header.rows.at(-1)! + 1, width);
  const headerRows = unitRow ? [...header.rows, unitRow] : header.rows;
  const dataStartRow = headerRows.at(-1)! + 1;
  const columns = readColumns(ws, header.rows, width, unitRow);
  reading.sheets.push({ name: ws.name, headerRows, dataStartRow, declaredUnits: header.declared });
  reading.columns.push(...columns);
  checkDataArea(ws, merges, dataStartRow, columns, reading);
}

/** Data rows: no merged cells, no formulas where values belong, Chinese numerals read and reported. */
function checkDataArea(ws: ExcelJS.Worksheet, merges: Merge[], start: number, columns: ColumnInfo[], reading: FormReading): void {
  const at = (r: number, c: number) => `${ws.name}!${columnLetter(c)}${r}`;
  const where = (r: number, c: number, header: string) => ({ zh: `工作表“${ws.name}”第 ${r} 行“${header}”列（${columnLetter(c)}）`, en: `sheet “${ws.name}”, row ${r}, column ${header} (${columnLetter(c)})` });
  for (const m of merges.filter((m) => m.bottom >= start && m.top >= start)) {
    const w = where(m.top, m.left, columns.find((c) => c.col === m.left)?.header ?? columnLetter(m.left));
    reading.issues.push({ path: at(m.top, m.left), zh: `${w.zh}：数据区不能有合并单元格，请拆分后每行填写`, en: `${w.en}: merged cells in the data area; unmerge them, one value per row` });
  }
  for (let r = start; r <= ws.rowCount; r++) {
    for (const column of columns.filter((c) => c.role === "indicator")) {
      const cell = ws.getCell(r, column.col);
      const w = where(r, column.col, column.header);
      if (cell.type === ExcelJS.ValueType.Formula) {
        reading.issues.push({ path: at(r, column.col), zh: `${w.zh}：应填数值，实为公式 =${cell.formula}`, en: `${w.en}: a value is expected, found the formula =${cell.formula}` });
        continue;
      }
      const t = cellText(cell);
      if ("error" in t) reading.issues.push({ path: at(r, column.col), zh: `${w.zh}：${t.error.zh}`, en: `${w.en}: ${t.error.en}` });
      else if (typeof cell.value === "string" && parseChineseNumber(t.value) !== null) {
        const n = parseChineseNumber(t.value);
        reading.notes.push({ path: at(r, column.col), zh: `${w.zh}：中文数字“${t.value}”按 ${n} 读取`, en: `${w.en}: the Chinese numeral “${t.value}” was read as ${n}` });
      }
    }
  }
}
