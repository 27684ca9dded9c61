import ExcelJS from "exceljs";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { cellText } from "../duties/excel/cells.js";
import { loadGuardedWorkbook } from "../duties/excel/zip-guard.js";

/**
 * A plain register sheet in and out (会议台账, 督检考计划, 排名通报): a header row found by its column
 * names within the first 10 rows, one record per row below it. Problems are collected per cell
 * ("Sheet!C4") so the whole file is answered at once; the caller writes nothing when there is one.
 */

export type SheetColumn = { key: string; header: string; aliases?: string[]; required?: boolean; width?: number };
export type SheetIssue = { path: string; zh: string; en: string };
export type SheetRow = { row: number; cells: Record<string, string>; at: (key: string) => string };

const norm = (s: string) => s.replace(/[\s*（）()]/g, "").toLowerCase();

export async function readRegisterSheet(file: Buffer, columns: readonly SheetColumn[], maxRows: number): Promise<{ rows: SheetRow[]; issues: SheetIssue[] }> {
  const workbook = await loadGuardedWorkbook(file);
  const ws = workbook.worksheets[0];
  const required = columns.filter((c) => c.required);
  if (!ws) throw new AppError("EXCEL_HEADER_MISSING", { columns: required.map((c) => c.header).join("、") });
  let headerRow = 0;
  const positions = new Map<string, number>();
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const found = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const text = cellText(cell);
      if (!("value" in text)) return;
      const column = columns.find((c) => [c.header, ...(c.aliases ?? [])].some((h) => norm(h) === norm(text.value)));
      if (column && !found.has(column.key)) found.set(column.key, col);
    });
    if (required.every((c) => found.has(c.key))) {
      headerRow = r;
      for (const [k, v] of found) positions.set(k, v);
    }
  }
  if (!headerRow) throw new AppError("EXCEL_HEADER_MISSING", { columns: required.map((c) => c.header).join("、") });
  const rows: SheetRow[] = [];
  const issues: SheetIssue[] = [];
  const letter = (col: number) => ws.getColumn(col).letter;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells: Record<string, string> = {};
    let any = false;
    for (const [key, col] of positions) {
      const text = cellText(ws.getRow(r).getCell(col));
      if ("error" in text) issues.push({ path: `${ws.name}!${letter(col)}${r}`, ...text.error });
      else {
        cells[key] = text.value;
        if (text.value) any = true;
      }
    }
    if (!any) continue;
    if (rows.length >= maxRows) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: maxRows });
    rows.push({ row: r, cells, at: (key) => `${ws.name}!${letter(positions.get(key) ?? 1)}${r}` });
  }
  if (rows.length === 0 && issues.length === 0) throw new AppError("EXCEL_NO_ROWS");
  return { rows, issues };
}

/** Refuses the whole file when any cell was wrong: the issues come back as the error's details. */
export function throwIfIssues(issues: readonly SheetIssue[], lang: Lang) {
  if (issues.length === 0) return;
  throw new AppError(
    "EXCEL_INVALID",
    { count: issues.length },
    issues.map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })),
  );
}

/** A one-sheet workbook with a bold frozen header, ready to print and to import again. */
export async function writeRegisterSheet(args: { sheet: string; title?: string; columns: readonly SheetColumn[]; rows: Record<string, string | number | boolean | null>[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(args.sheet, { views: [{ state: "frozen", ySplit: args.title ? 2 : 1 }] });
  if (args.title) {
    ws.addRow([args.title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, args.columns.length);
  }
  const header = ws.addRow(args.columns.map((c) => c.header));
  header.font = { bold: true };
  args.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? 16));
  for (const r of args.rows) ws.addRow(args.columns.map((c) => r[c.key] ?? ""));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const yesNo = (v: string): boolean | null => (/^(是|yes|y|true|1|√)$/i.test(v.trim()) ? true : /^(否|no|n|false|0|)$/i.test(v.trim()) ? false : null);
/** Codes in one cell, separated by commas, 、, semicolons or spaces. */
export const codeList = (v: string): string[] => v.split(/[\s,，、;；]+/).filter(Boolean);
