import ExcelJS from "exceljs";
import { AppError } from "../../http/errors.js";

/**
 * An .xlsx file is a zip archive. Before a parser unpacks it, its central directory is read to refuse
 * what is not an .xlsx (an old .xls, a PDF, a renamed text file) and what would unpack to far more
 * than it weighs (a "zip bomb").
 */
export const MAX_UNPACKED_BYTES = 60 * 1024 * 1024;
const MAX_ENTRIES = 2000;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

export function checkXlsxArchive(file: Buffer): void {
  if (file.length < 22 || file.readUInt32LE(0) !== LOCAL_HEADER) throw new AppError("EXCEL_NOT_XLSX");
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new AppError("EXCEL_UNREADABLE");
  const entries = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  if (entries > MAX_ENTRIES || offset >= file.length) throw new AppError("EXCEL_UNREADABLE");
  let unpacked = 0;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== CENTRAL_HEADER) throw new AppError("EXCEL_UNREADABLE");
    const size = file.readUInt32LE(offset + 24);
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    const name = file.toString("utf8", offset + 46, offset + 46 + nameLength);
    // 0xffffffff marks a ZIP64 size: no spreadsheet list needs 4 GB.
    if (size === 0xffffffff) throw new AppError("EXCEL_UNREADABLE");
    unpacked += size;
    if (name === "xl/workbook.xml") hasWorkbook = true;
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (unpacked > MAX_UNPACKED_BYTES) throw new AppError("EXCEL_UNREADABLE");
  // A zip without a workbook is another kind of document (.docx, .zip…).
  if (!hasWorkbook) throw new AppError("EXCEL_NOT_XLSX");
}

/** An uploaded .xlsx opened behind the archive guard: EXCEL_UNREADABLE when it is no workbook. */
export async function loadGuardedWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  checkXlsxArchive(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError("EXCEL_UNREADABLE");
  }
  return workbook;
}
