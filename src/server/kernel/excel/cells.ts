import type ExcelJS from "exceljs";

export type CellText = { value: string } | { error: { zh: string; en: string } };

/**
 * The text a reader sees in a cell. Rich text and hyperlinks give their text; numbers and dates their
 * usual writing. A formula gives its cached result — what Excel showed when the file was saved; a
 * formula without one (written by a program that never calculated it) and an error value (#REF!…)
 * are refused, since nobody can tell what the cell says.
 */
export function cellText(cell: ExcelJS.Cell): CellText {
  return valueText(cell.value);
}

function valueText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return { value: "" };
  if (typeof value === "string") return { value: value.replace(/\r\n?/g, "\n").trim() };
  if (typeof value === "number" || typeof value === "boolean") return { value: String(value) };
  if (value instanceof Date) return { value: value.toISOString().slice(0, 10) };
  if ("richText" in value) return { value: value.richText.map((r) => r.text).join("").trim() };
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      return { error: { zh: "公式没有计算结果，请在 Excel 中打开并保存后再导入，或改为填写文字", en: "a formula without a calculated result; open and save the file in Excel, or type the text" } };
    }
    return valueText(result as ExcelJS.CellValue);
  }
  if ("error" in value) return { error: { zh: `单元格为错误值 ${value.error}`, en: `the cell holds the error ${value.error}` } };
  if ("text" in value) return valueText(value.text as ExcelJS.CellValue);
  return { value: "" };
}

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A header as compared with the expected ones: width-folded, without punctuation, spaces or case. */
export const normalizeHeader = (text: string): string =>
  text
    .normalize("NFKC")
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, "")
    .toLowerCase();

/** The unit code of a cell written "饶河县人民政府办公室（230524D01）" (as exports write units) or a bare code. */
export const unitCodeIn = (text: string | undefined): string => {
  const t = (text ?? "").trim();
  return /[（(]\s*([0-9A-Za-z]+)\s*[)）]$/.exec(t)?.[1] ?? t;
};
