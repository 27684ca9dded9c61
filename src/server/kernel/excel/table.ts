import ExcelJS from "exceljs";
import { z } from "zod";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { cellText, columnLetter, normalizeHeader } from "./cells.js";
import { loadGuardedWorkbook } from "./zip-guard.js";

/**
 * A plain register table in Excel 台账 (one header row, one record a row), read and written the same way
 * for every register (facilities, powers, meetings, documents, proofs, secondments, rankings, plaques…).
 * Reading goes through the guarded loader (not a zip, a zip bomb, hidden sheets skipped, formulas without
 * a result refused); every bad cell is named by sheet, row and column, and the caller writes nothing
 * unless the whole file is good.
 */
export type TableColumn<Id extends string> = { id: Id; header: string; aliases?: readonly string[]; width: number; required?: boolean };
export type TableIssue = { path: string; zh: string; en: string };
/** One record of the sheet; `bad` when a cell was unreadable or a required cell empty (already reported). */
export type TableRow<Id extends string> = {
  sheet: string;
  row: number;
  cells: Partial<Record<Id, string>>;
  bad: boolean;
  problem: (id: Id, zh: string, en: string) => void;
  /** The cell's place ("Sheet!C4"): the row's first column when the sheet lacks the column. */
  place: (id: Id) => string;
};

const HEADER_SEARCH_ROWS = 10;

type Header<Id extends string> = { ws: ExcelJS.Worksheet; row: number; at: Partial<Record<Id, number>> };

/** The first visible sheet with a row (within the first 10) that holds every required column. */
function findHeader<Id extends string>(workbook: ExcelJS.Workbook, columns: readonly TableColumn<Id>[]): Header<Id> | null {
  const aliases = new Map<string, Id>(columns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((a) => [normalizeHeader(a), c.id] as const)));
  const required = columns.filter((c) => c.required);
  for (const ws of workbook.worksheets.filter((w) => w.state === "visible")) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const at: Partial<Record<Id, number>> = {};
      ws.getRow(r).eachCell((cell, col) => {
        const text = cellText(cell);
        const id = "value" in text ? aliases.get(normalizeHeader(text.value)) : undefined;
        if (id && at[id] === undefined) at[id] = col;
      });
      if (Object.keys(at).length > 0 && required.every((c) => at[c.id] !== undefined)) return { ws, row: r, at };
    }
  }
  return null;
}

export async function readTable<Id extends string>(
  file: Buffer,
  columns: readonly TableColumn<Id>[],
  options: { maxRows: number },
): Promise<{ rows: TableRow<Id>[]; issues: TableIssue[] }> {
  const workbook = await loadGuardedWorkbook(file);
  const header = findHeader(workbook, columns);
  const required = columns.filter((c) => c.required);
  if (!header) throw new AppError("EXCEL_HEADER_MISSING", { columns: (required.length ? required : columns).map((c) => `“${c.header}”`).join("") });
  const { ws, row: headerRow, at } = header;
  if (ws.rowCount - headerRow > options.maxRows) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: options.maxRows });
  const first = (Object.values(at) as number[]).sort((a, b) => a - b)[0] ?? 1;
  const rows: TableRow<Id>[] = [];
  const issues: TableIssue[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const place = (id: Id) => `${ws.name}!${columnLetter(at[id] ?? first)}${r}`;
    const problem = (id: Id, zh: string, en: string) => {
      const column = columns.find((c) => c.id === id)!;
      const col = at[id] ?? first;
      issues.push({
        path: place(id),
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
    rows.push({ sheet: ws.name, row: r, cells, bad: broken || missing.length > 0, problem, place });
  }
  if (rows.length === 0 && issues.length === 0) throw new AppError("EXCEL_NO_ROWS");
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

/**
 * An optional date cell written 2026-03-01 (or a date cell Excel stored as one): undefined when empty,
 * null when it is not a real calendar day (a problem named for the column), else the date.
 */
export function optionalDateCell<Id extends string>(row: TableRow<Id>, id: Id): string | undefined | null {
  const raw = row.cells[id];
  if (raw === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : NaN;
  // 2026-02-30 parses as 2 March: only a day that reads back the same is one.
  if (Number.isFinite(time) && new Date(time).toISOString().startsWith(raw)) return raw;
  row.problem(id, `“${raw}”不是日期（应为 2026-03-01 的形式）`, `“${raw}” is not a date (write 2026-03-01)`);
  return null;
}

const zhError = z.locales.zhCN().localeError;

/**
 * Parses a row's input with the same zod schema as a single create. A problem is reported per column
 * (the first issue of each), in zh-CN and en; `columnOf` names the column of an input field.
 */
export function parseRow<Id extends string, S extends z.ZodType>(row: TableRow<Id>, schema: S, input: unknown, columnOf: (field: string) => Id): z.infer<S> | null {
  const en = schema.safeParse(input);
  if (en.success) return en.data;
  const zh = schema.safeParse(input, { error: zhError });
  const seen = new Set<Id>();
  en.error.issues.forEach((issue, i) => {
    const id = columnOf(String(issue.path[0] ?? ""));
    if (seen.has(id)) return;
    seen.add(id);
    const value = row.cells[id] ?? "";
    const zhMessage = (!zh.success && zh.error.issues[i]?.message) || issue.message;
    row.problem(id, `“${value}”不符合要求（${zhMessage}）`, `“${value}” is not valid (${issue.message})`);
  });
  return null;
}

/** Refuses the whole file when any cell was wrong: the issues, in sheet order, come back as the error's details. */
export function throwTableIssues(issues: readonly TableIssue[], lang: Lang): void {
  if (issues.length === 0) return;
  throw new AppError(
    "EXCEL_INVALID",
    { count: issues.length },
    inSheetOrder(issues).map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })),
  );
}

export type TableCell = string | number | boolean | null | undefined;

/**
 * Writes a register table: a title row (when given), the header, the rows; borders, wrapped text, A4
 * landscape. With no rows it is the empty template of the register, to fill in and import.
 */
export async function writeTable<Id extends string>(args: {
  title?: string;
  sheet: string;
  columns: readonly Omit<TableColumn<Id>, "required" | "aliases">[];
  rows: readonly Partial<Record<Id, TableCell>>[];
  /** Further sheets (counts, notes) after the table, never read back. */
  extra?: (workbook: ExcelJS.Workbook) => void;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "减负通 Jianfu";
  const headerRow = args.title ? 2 : 1;
  const ws = workbook.addWorksheet(args.sheet, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
    views: [{ state: "frozen", ySplit: headerRow }],
  });
  const thin = { style: "thin" as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  ws.columns = args.columns.map((c) => ({ key: c.id, width: c.width }));
  if (args.title) {
    ws.mergeCells(1, 1, 1, args.columns.length);
    const title = ws.getCell(1, 1);
    title.value = args.title;
    title.font = { name: "黑体", size: 16, bold: true };
    title.alignment = { horizontal: "center", vertical: "middle" };
    ws.getRow(1).height = 32;
  }
  const header = ws.getRow(headerRow);
  header.values = args.columns.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { name: "宋体", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = border;
  });
  for (const r of args.rows) {
    const row = ws.addRow(args.columns.map((c) => cellValue(r[c.id])));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: "宋体", size: 11 };
      cell.border = border;
      cell.alignment = { vertical: "middle", wrapText: true };
    });
  }
  args.extra?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cellValue = (v: TableCell): string | number => (v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "是" : "否") : v);

/** Issues in the order of the sheet: by sheet, row, then column. */
export function inSheetOrder(issues: readonly TableIssue[]): TableIssue[] {
  const key = (i: TableIssue) => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(i.path);
    return m ? { sheet: m[1]!, row: Number(m[3]), col: m[2]!.length * 100 + m[2]!.charCodeAt(m[2]!.length - 1) } : { sheet: "", row: 0, col: 0 };
  };
  return [...issues].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x.sheet === y.sheet ? x.row - y.row || x.col - y.col : 0;
  });
}
