import ExcelJS from "exceljs";
import { DUTY_PARTS, type DutyItem } from "../../../../contracts/duties.js";
import { COLUMNS, PART_LABELS } from "./columns.js";

/**
 * Writes a duty list as a cadre prints it: a title row "XX镇履职事项清单（YYYY年版）", the header, then
 * the three parts under their headings, numbered from 1 in each; thin borders, wrapped text, A4
 * landscape fitted to the page width, the header repeated on every page, page numbers in the footer.
 * The file reads back through readDutyWorkbook as the same items.
 */

const CHINESE_NUMERALS = ["一", "二", "三"];
const BODY_FONT = { name: "宋体", size: 11 };
const thin = { style: "thin" as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function writeDutyWorkbook(args: { title: string; subtitle?: string; items: readonly DutyItem[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "减负通 Jianfu";
  const ws = workbook.addWorksheet("履职事项清单", {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "2:2",
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
    views: [{ state: "frozen", ySplit: 2 }],
  });
  ws.columns = COLUMNS.map((c) => ({ key: c.id, width: c.width }));
  const last = COLUMNS.length;

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = args.title;
  title.font = { name: "黑体", size: 18, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 36;

  const header = ws.getRow(2);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.border = BORDER;
  });

  DUTY_PARTS.forEach((part, p) => {
    const items = args.items.filter((i) => i.part === part);
    const heading = ws.addRow([`${CHINESE_NUMERALS[p]}、${PART_LABELS[part]}（${items.length}项）`]);
    ws.mergeCells(heading.number, 1, heading.number, last);
    heading.getCell(1).font = { ...BODY_FONT, bold: true };
    heading.getCell(1).alignment = { vertical: "middle" };
    heading.height = 22;
    for (let c = 1; c <= last; c++) heading.getCell(c).border = BORDER;
    items.forEach((item, i) => {
      const row = ws.addRow([i + 1, item.name, PART_LABELS[part], item.legalBasis ?? "", item.leadDepartment ?? "", item.note ?? ""]);
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.font = BODY_FONT;
        cell.border = BORDER;
        cell.alignment = { vertical: "middle", wrapText: true, horizontal: col === 1 || col === 3 ? "center" : "left" };
      });
    });
  });
  if (args.subtitle) {
    const foot = ws.addRow([args.subtitle]);
    ws.mergeCells(foot.number, 1, foot.number, last);
    foot.getCell(1).font = { ...BODY_FONT, size: 9, italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
