import ExcelJS from "exceljs";

/**
 * Spreadsheets for tests, written the way cadres write them: a merged title row, a header, rows that
 * may hold formulas, rich text or section headings. `null` leaves a cell empty.
 */
export type Cell = string | number | null | { formula: string; result?: string | number } | { richText: { text: string }[] };
export type SheetSpec = { name?: string; title?: string; rows: Cell[][]; merge?: string[] };

export async function buildXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [i, sheet] of sheets.entries()) {
    const ws = workbook.addWorksheet(sheet.name ?? `Sheet${i + 1}`);
    if (sheet.title) {
      ws.addRow([sheet.title]);
      ws.mergeCells(1, 1, 1, 6);
    }
    for (const row of sheet.rows) ws.addRow(row.map((c) => (c === null ? undefined : c)) as ExcelJS.CellValue[]);
    for (const range of sheet.merge ?? []) ws.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const HEADER: Cell[] = ["序号", "事项名称", "类别", "履职依据", "牵头部门", "备注"];

/** Offsets of the central-directory entries of a zip, to tamper with in tests. */
export function centralEntries(zip: Buffer): number[] {
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (zip.readUInt32LE(i) === 0x02014b50) offsets.push(i);
  return offsets;
}
