import type ExcelJS from "exceljs";
import { AppError } from "../../../http/errors.js";
import type { Lang } from "../../../http/i18n.js";
import { loadGuardedWorkbook } from "../../../kernel/excel/zip-guard.js";

export { cellText, columnLetter } from "../../../kernel/excel/cells.js";

/** A problem found in a file, by place ("Sheet!C5") and in both languages. */
export type Issue = { path: string; zh: string; en: string };

export const MAX_FORM_MB = 10;

/** Opens an uploaded .xlsx behind the duty module's guards (not a zip, not a workbook, a zip bomb). */
export async function openWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  if (file.length > MAX_FORM_MB * 1024 * 1024) throw new AppError("FORM_FILE_TOO_LARGE", { max: MAX_FORM_MB });
  return loadGuardedWorkbook(file);
}

/** Refuses the whole file when anything is wrong, with every problem in the caller's language. */
export function throwIssues(code: "FORM_FILE_INVALID" | "EXCEL_INVALID" | "FORM_MAPPING_INVALID" | "FORM_VALUES_INVALID", issues: readonly Issue[], lang: Lang): void {
  if (issues.length === 0) return;
  throw new AppError(code, { count: issues.length }, issues.map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })));
}

export const toBuffer = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer());
