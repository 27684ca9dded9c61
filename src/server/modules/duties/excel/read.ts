import type ExcelJS from "exceljs";
import { DUTY_PART_NAMES, MAX_DUTY_ITEMS, type DutyItemInput, type DutyPart } from "../../../../contracts/duties.js";
import { AppError } from "../../../http/errors.js";
import { normalizeName } from "../effective.js";
import { cellText, columnLetter } from "../../../kernel/excel/cells.js";
import { loadGuardedWorkbook } from "../../../kernel/excel/zip-guard.js";
import { COLUMNS, columnOf, partFromText, type ColumnId } from "./columns.js";

/**
 * Reads a duty list from an .xlsx file in the shape such lists are published: an optional title row
 * (merged or not), a header row (序号, 事项名称, 类别, 履职依据, 牵头部门, 备注) within the first 10
 * rows, then items, possibly under section headings ("一、基本履职事项"). Every sheet with such a header
 * is read. Every bad cell is reported; the caller writes nothing unless the whole file is good.
 */

export const MAX_ROWS = 5000;
const HEADER_SEARCH_ROWS = 10;
const LIMITS = { name: 200, legalBasis: 2000, leadDepartment: 100, note: 500 } as const;

export type SheetIssue = { path: string; zh: string; en: string };

type Columns = Partial<Record<ColumnId, number>>;

function findHeader(ws: ExcelJS.Worksheet): { row: number; columns: Columns } | null {
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const columns: Columns = {};
    ws.getRow(r).eachCell((cell, col) => {
      const id = typeof cell.value === "string" ? columnOf(cell.value) : undefined;
      if (id && columns[id] === undefined) columns[id] = col;
    });
    if (columns.name !== undefined) return { row: r, columns };
  }
  return null;
}

/** Section headings ("一、基本履职事项", "（二）…") and notes ("注：…") are not items. */
const HEADING = /^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[)）]|^(注|说明)[:：]/;

export async function readDutyWorkbook(file: Buffer): Promise<{ items: DutyItemInput[]; issues: SheetIssue[] }> {
  if (file.length === 0) throw new AppError("EXCEL_EMPTY");
  const workbook = await loadGuardedWorkbook(file);
  const sheets = workbook.worksheets.filter((ws) => ws.state === "visible").map((ws) => ({ ws, header: findHeader(ws) }));
  const read = sheets.filter((s): s is { ws: ExcelJS.Worksheet; header: NonNullable<typeof s.header> } => s.header !== null);
  if (read.length === 0) throw new AppError(sheets.some((s) => s.ws.actualRowCount > 0) ? "EXCEL_NO_HEADER" : "EXCEL_EMPTY");
  if (read.reduce((n, s) => n + s.ws.rowCount - s.header.row, 0) > MAX_ROWS) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: MAX_ROWS });

  const items: DutyItemInput[] = [];
  const issues: SheetIssue[] = [];
  const seen = new Map<string, { zh: string; en: string }>();
  for (const { ws, header } of read) {
    const sheetPart = partFromText(ws.name);
    let sectionPart: DutyPart | null = null;
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const problem = (id: ColumnId, zh: string, en: string) => {
        const col = header.columns[id] ?? header.columns.name!;
        const title = COLUMNS.find((c) => c.id === id)!.header;
        issues.push({
          path: `${ws.name}!${columnLetter(col)}${r}`,
          zh: `工作表“${ws.name}”第 ${r} 行“${title}”列：${zh}`,
          en: `sheet “${ws.name}”, row ${r}, column ${title} (${columnLetter(col)}): ${en}`,
        });
      };
      const cells: Partial<Record<ColumnId, string>> = {};
      const broken = new Set<ColumnId>();
      const merged = new Set<string>();
      for (const [id, col] of Object.entries(header.columns) as [ColumnId, number][]) {
        const cell = row.getCell(col);
        const text = cellText(cell);
        if ("error" in text) {
          problem(id, text.error.zh, text.error.en);
          broken.add(id);
        } else if (text.value) cells[id] = text.value;
        if (cell.isMerged) merged.add(cell.master.address);
      }
      const filled = Object.values(cells);
      if (filled.length === 0) continue;
      // A heading or a note: one text across merged cells, or alone outside the name column.
      const heading = broken.size === 0 && new Set(filled).size === 1 && (merged.size === 1 || !cells.name || HEADING.test(filled[0]!));
      if (heading) {
        sectionPart = partFromText(filled[0]!) ?? sectionPart;
        continue;
      }
      const item = validateRow(cells, broken, sectionPart ?? sheetPart, problem);
      if (!item) continue;
      const id = `${item.part}|${normalizeName(item.name)}`;
      const earlier = seen.get(id);
      if (earlier) problem("name", `与${earlier.zh}重复`, `duplicates ${earlier.en}`);
      else seen.set(id, { zh: `工作表“${ws.name}”第 ${r} 行`, en: `sheet “${ws.name}”, row ${r}` });
      items.push(item);
    }
  }
  if (items.length > MAX_DUTY_ITEMS) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: MAX_DUTY_ITEMS });
  if (items.length === 0 && issues.length === 0) throw new AppError("EXCEL_EMPTY");
  return { items, issues };
}

type Problem = (id: ColumnId, zh: string, en: string) => void;

/** Checks one item row; a cell already reported as unreadable is not reported again. */
function validateRow(cells: Partial<Record<ColumnId, string>>, broken: Set<ColumnId>, fallbackPart: DutyPart | null, problem: Problem): DutyItemInput | null {
  let ok = broken.size === 0;
  const fail: Problem = (id, zh, en) => {
    ok = false;
    if (!broken.has(id)) problem(id, zh, en);
  };
  if (cells.seq !== undefined && !/^\d{1,5}$/.test(cells.seq)) fail("seq", `序号应为正整数，实为“${cells.seq}”`, `must be a whole number, found “${cells.seq}”`);
  const name = cells.name ?? "";
  if (name.length < 2) fail("name", "事项名称不能为空或少于 2 个字", "the item name is missing or shorter than 2 characters");
  const part = cells.part !== undefined ? partFromText(cells.part) : fallbackPart;
  if (!part) {
    const allowed = Object.values(DUTY_PART_NAMES).map((p) => p.zh).join("、");
    if (cells.part === undefined) fail("part", `类别为空，应为${allowed}之一`, `the category is missing; expected one of ${allowed}`);
    else fail("part", `类别“${cells.part}”无法识别，应为${allowed}之一`, `unknown category “${cells.part}”; expected one of ${allowed}`);
  }
  if (part === "cooperative" && !cells.leadDepartment) fail("leadDepartment", "配合履职事项须填写牵头部门", "a cooperative item names its lead department");
  for (const id of ["name", "legalBasis", "leadDepartment", "note"] as const) {
    const value = cells[id];
    if (value && value.length > LIMITS[id]) fail(id, `超过 ${LIMITS[id]} 个字（${value.length} 个字）`, `longer than ${LIMITS[id]} characters (${value.length})`);
  }
  if (!ok || !part) return null;
  return { part, name, legalBasis: cells.legalBasis ?? null, leadDepartment: cells.leadDepartment ?? null, note: cells.note ?? null };
}
