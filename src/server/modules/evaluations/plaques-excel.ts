import ExcelJS from "exceljs";
import type { Plaque, PlaqueCounts } from "../../../contracts/evaluations.js";
import { toBuffer } from "../forms/excel/workbook.js";

/** 挂牌清理 as a workbook: every surveyed plaque, then the counts per township or village. */
export async function writePlaqueWorkbook(title: string, plaques: readonly Plaque[], counts: PlaqueCounts): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("挂牌摸排", { views: [{ state: "frozen", ySplit: 2 }] });
  const headers = ["乡镇", "村（社区）", "牌子名称", "授牌单位", "摸排日期", "是否准挂", "对应准挂牌子", "相似度", "摘除日期", "照片"];
  ws.columns = [14, 18, 28, 18, 12, 10, 24, 8, 12, 6].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: "黑体", size: 16, bold: true };
  ws.getRow(2).values = headers;
  ws.getRow(2).font = { bold: true };
  for (const p of plaques) {
    const row = ws.addRow([
      p.village.townshipName ?? "", p.village.name, p.name, p.issuer ?? "", p.surveyedOn, p.allowed ? "准挂" : "乱挂牌", p.match?.name ?? "", p.match?.score ?? "", p.removedOn ?? "", p.hasPhoto ? "有" : "",
    ]);
    if (p.flag) row.getCell(6).font = { color: { argb: "FFCF1322" }, bold: true };
  }
  const sum = workbook.addWorksheet("统计");
  sum.columns = [16, 10, 12, 10, 12, 10, 10].map((width) => ({ width }));
  sum.addRow(["单位", "村（社区）数", "已摸排村数", "牌子数", "不在清单内", "已摘除", "仍悬挂"]).font = { bold: true };
  for (const r of counts.rows) sum.addRow([r.name, r.villages, r.surveyedVillages, r.plaques, r.notAllowed, r.removed, r.stillHung]);
  const t = counts.total;
  sum.addRow([`合计（${counts.under.name}）`, t.villages, t.surveyedVillages, t.plaques, t.notAllowed, t.removed, t.stillHung]).font = { bold: true };
  return toBuffer(workbook);
}
