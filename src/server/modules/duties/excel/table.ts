import ExcelJS from "exceljs";
import { AppError } from "../../../http/errors.js";
import { normalizeName } from "../effective.js";
import { cellText } from "./cells.js";
import { columnLetter } from "./columns.js";
import { loadGuardedWorkbook } from "./zip-guard.js";

/**
 * A plain register table in Excel (one header row, one record a row), read and written for the
 * registers that are not duty lists (facilities, projects, delegated powers). Reading goes through the
 * guarded loader; every bad cell is named by sheet, row and column, and the caller writes nothing
 * unless the whole file is good.
 */
export type TableColumn<Id extends string> = { id: Id; header: string; aliases?: readonly string[]; width: number; required?: boolean };
export type TableIssue = { path: string; zh: string; en: string };
/** One record of the sheet; `bad` when a cell was unreadable or a required cell empty (already reported). */
export type TableRow<Id extends string> = { sheet: string; row: number; cells: Partial<Record<Id, string>>; bad: boolean; problem: (id: Id, zh: string, en: string) => void };

const HEADER_SEARCH_ROWS = 10;

export async function readTable<Id extends string>(
  file: Buffer,
  columns: readonly TableColumn<Id>[],
  options: { maxRows: number },
): Promise<{ rows: TableRow<Id>[]; issues: TableIssue[] }> {
  if (file.length === 0) throw new AppError("EXCEL_EMPTY");
  const workbook = await loadGuardedWorkbook(file);
  const aliases = new Map<string, Id>(columns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((a) => [normalizeName(a), c.id] as const)));
  const required = columns.filter((c) => c.required);
  let found: { ws: ExcelJS.Worksheet; row: number; at: Partial<Record<Id, number>> } | null = null;
  for (const ws of workbook.worksheets.filter((w) => w.state === "visible")) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount) && !found; r++) {
      const at: Partial<Record<Id, number>> = {};
      ws.getRow(r).eachCell((cell, col) => {
        const id = typeof cell.value === "string" ? aliases.get(normalizeName(cell.value)) : undefined;
        if (id && at[id] === undefined) at[id] = col;
      });
      if (required.every((c) => at[c.id] !== undefined)) found = { ws, row: r, at };
    }
    if (found) break;
  }
  if (!found) {
    const names = required.map((c) => c.header).join("、");
    throw new AppError("EXCEL_TABLE_NO_HEADER", { columns: names });
  }
  const { ws, row: headerRow, at } = found;
  if (ws.rowCount - headerRow > options.maxRows) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: options.maxRows });
  const rows: TableRow<Id>[] = [];
  const issues: TableIssue[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const problem = (id: Id, zh: string, en: string) => {
      const column = columns.find((c) => c.id === id)!;
      const col = at[id] ?? at[required[0]!.id] ?? 1;
      issues.push({
        path: `${ws.name}!${columnLetter(col)}${r}`,
        zh: `工作表“${ws.name}”第 ${r} 行“${column.header}”列：${zh}`,
        en: `sheet “${ws.name}”, row ${r}, column ${column.header} (${columnLetter(col)}): ${en}`,
      });
    };
    const cells: Partial<Record<Id, string>> = {};
    let broken = false;
    for (const [id, col] of Object.entries(at) as [Id, number][]) {
      const text = cellText(ws.getRow(r).getCell(col));
      if ("error" in text) {
        problem(id, text.error.zh, text.error.en);
        broken = true;
      } else if (text.value) cells[id] = text.value;
    }
    if (Object.keys(cells).length === 0 && !broken) continue;
    const missing = broken ? [] : required.filter((c) => !cells[c.id]);
    for (const c of missing) problem(c.id, "不能为空", "must not be empty");
    rows.push({ sheet: ws.name, row: r, cells, bad: broken || missing.length > 0, problem });
  }
  if (rows.length === 0 && issues.length === 0) throw new AppError("EXCEL_EMPTY");
  return { rows, issues };
}

/** A number in a cell ("12,000.5" or "12000"), or a problem named for the column. */
export function numberCell<Id extends string>(row: TableRow<Id>, id: Id, options: { min: number; max: number; integer?: boolean }): number | null {
  const raw = row.cells[id];
  if (raw === undefined) return null;
  const value = Number(raw.replace(/[,，\s]/g, ""));
  if (!Number.isFinite(value)) row.problem(id, `应为数字，实为“${raw}”`, `must be a number, found “${raw}”`);
  else if (value < options.min) row.problem(id, value < 0 ? `不能为负数（${raw}）` : `不能小于 ${options.min}（${raw}）`, value < 0 ? `must not be negative (${raw})` : `must be at least ${options.min} (${raw})`);
  else if (value > options.max) row.problem(id, `不能大于 ${options.max}（${raw}）`, `must be at most ${options.max} (${raw})`);
  else if (options.integer && !Number.isInteger(value)) row.problem(id, `应为整数，实为“${raw}”`, `must be a whole number, found “${raw}”`);
  else return value;
  return null;
}

/** Writes a register table: a title row, the header, the rows; borders, wrapped text, A4 landscape. */
export async function writeTable<Id extends string>(args: { title: string; sheet: string; columns: readonly TableColumn<Id>[]; rows: readonly Partial<Record<Id, string | number>>[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "减负通 Jianfu";
  const ws = workbook.addWorksheet(args.sheet, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2" },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
    views: [{ state: "frozen", ySplit: 2 }],
  });
  const thin = { style: "thin" as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  ws.columns = args.columns.map((c) => ({ key: c.id, width: c.width }));
  ws.mergeCells(1, 1, 1, args.columns.length);
  const title = ws.getCell(1, 1);
  title.value = args.title;
  title.font = { name: "黑体", size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 32;
  const header = ws.getRow(2);
  header.values = args.columns.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { name: "宋体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = border;
  });
  for (const r of args.rows) {
    const row = ws.addRow(args.columns.map((c) => r[c.id] ?? ""));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: "宋体", size: 11 };
      cell.border = border;
      cell.alignment = { vertical: "middle", wrapText: true };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Issues in the order of the sheet: by row, then by column. */
export function inSheetOrder(issues: readonly TableIssue[]): TableIssue[] {
  const key = (i: TableIssue) => {
    const m = /!([A-Z]+)(\d+)$/.exec(i.path);
    return m ? Number(m[2]) * 1000 + (m[1]!.length * 26 + m[1]!.charCodeAt(m[1]!.length - 1)) : 0;
  };
  return [...issues].sort((a, b) => key(a) - key(b));
}
