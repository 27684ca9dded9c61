import type { Lang } from "../../http/i18n.js";
import { readTable, throwTableIssues, writeTable, type TableColumn } from "../../kernel/excel/table.js";

/**
 * A plain register sheet in and out (会议台账, 督检考计划, 排名通报), read and written by the shared
 * register table of kernel/excel: a header row found by its column names within the first 10 rows, one
 * record per row below it. Problems are collected per cell ("Sheet!C4") so the whole file is answered
 * at once; the caller writes nothing when there is one.
 */

export type SheetColumn = { key: string; header: string; aliases?: string[]; required?: boolean; width?: number };
export type SheetIssue = { path: string; zh: string; en: string };
export type SheetRow = { row: number; cells: Record<string, string>; at: (key: string) => string };

const tableColumns = (columns: readonly SheetColumn[]): TableColumn<string>[] => columns.map((c) => ({ id: c.key, header: c.header, aliases: c.aliases, required: c.required, width: c.width ?? 16 }));

/** The rows of the sheet; a row with an unreadable or empty required cell is reported and left out. */
export async function readRegisterSheet(file: Buffer, columns: readonly SheetColumn[], maxRows: number): Promise<{ rows: SheetRow[]; issues: SheetIssue[] }> {
  const table = await readTable(file, tableColumns(columns), { maxRows });
  const rows = table.rows.filter((r) => !r.bad).map((r): SheetRow => ({ row: r.row, cells: r.cells as Record<string, string>, at: r.place }));
  return { rows, issues: table.issues };
}

/** Refuses the whole file when any cell was wrong: the issues come back as the error's details. */
export function throwIfIssues(issues: readonly SheetIssue[], lang: Lang) {
  throwTableIssues(issues, lang);
}

/** A one-sheet workbook with a bold frozen header, ready to print and to import again. */
export async function writeRegisterSheet(args: { sheet: string; title?: string; columns: readonly SheetColumn[]; rows: Record<string, string | number | boolean | null>[] }): Promise<Buffer> {
  return writeTable({ sheet: args.sheet, title: args.title, columns: tableColumns(args.columns), rows: args.rows });
}

export const yesNo = (v: string): boolean | null => (/^(是|yes|y|true|1|√)$/i.test(v.trim()) ? true : /^(否|no|n|false|0|)$/i.test(v.trim()) ? false : null);
/** Codes in one cell, separated by commas, 、, semicolons or spaces. */
export const codeList = (v: string): string[] => v.split(/[\s,，、;；]+/).filter(Boolean);
