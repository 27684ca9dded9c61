import ExcelJS from "exceljs";
import { toBuffer, type Issue } from "./workbook.js";

/**
 * A CSV export of the table, as .xlsx for the rest of the way. Excel in China saves CSV in GBK
 * (GB18030) unless told otherwise: UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 are read,
 * and the encoding used is reported; bytes that fit none are refused with the line they are on.
 */

export type CsvReading = { file: Buffer; encoding: string; issues: Issue[] };

const lineOf = (bytes: Buffer, offset: number) => bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

/** The first offset at which the bytes stop being UTF-8, or -1. */
function invalidUtf8At(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if (bytes[i + k]! >> 6 !== 2) return i;
    i += n;
  }
  return -1;
}

function decode(bytes: Buffer): { text: string; encoding: string } | { badAt: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString("utf8"), encoding: "UTF-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16" };
  // NUL bytes: UTF-16 without its BOM, or no text at all.
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { badAt: nul };
  if (invalidUtf8At(bytes) < 0) return { text: bytes.toString("utf8"), encoding: "UTF-8" };
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "GB18030" };
  } catch {
    return { badAt: invalidUtf8At(bytes) };
  }
}

/** RFC 4180: fields separated by commas, quoted with double quotes (a quote doubled inside), rows by CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

export async function csvToWorkbook(bytes: Buffer, sheetName: string): Promise<CsvReading> {
  const decoded = decode(bytes);
  if ("badAt" in decoded) {
    const line = lineOf(bytes, decoded.badAt);
    return {
      file: Buffer.alloc(0),
      encoding: "",
      issues: [{ path: `${sheetName}!${line}`, zh: `CSV 文件第 ${line} 行的字符既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再上传`, en: `line ${line} of the CSV file is neither UTF-8 nor GBK; save it as “CSV UTF-8” or .xlsx in Excel and upload again` }],
    };
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheetName);
  parseCsv(decoded.text).forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const t = cell.trim();
      if (t) ws.getCell(r + 1, c + 1).value = /^-?\d+(\.\d+)?$/.test(t) && t.length < 16 ? Number(t) : t;
    }),
  );
  return { file: await toBuffer(workbook), encoding: decoded.encoding, issues: [] };
}
