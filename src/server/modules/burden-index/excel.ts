import ExcelJS from "exceljs";
import { KIND_NAMES, type IndexChildren, type IndexIssuers, type IndexSeries } from "../../../contracts/burden-index.js";
import { BURDEN_KINDS } from "../../../contracts/burdens.js";
import type { Lang } from "../../http/i18n.js";

/** The data behind each chart of the dashboard as an .xlsx file: a title row, a header, the rows. */

type Table = { title: string; header: string[]; rows: (string | number)[][] };
const thin = { style: "thin" as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function workbookOf(sheets: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "减负通 Jianfu";
  for (const [i, t] of sheets.entries()) {
    const ws = workbook.addWorksheet(`${i + 1}`, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.addRow([t.title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, t.header.length));
    const header = ws.addRow(t.header);
    header.font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    ws.columns.forEach((c, j) => (c.width = j === 0 ? 22 : 14));
    for (let r = 2; r <= ws.rowCount; r++) for (let c = 1; c <= t.header.length; c++) ws.getCell(r, c).border = BORDER;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const zh = (lang: Lang) => lang === "zh-CN";

export function seriesWorkbook(s: IndexSeries, lang: Lang): Promise<Buffer> {
  const kinds = BURDEN_KINDS.filter((k) => s.months.some((m) => m.byKind.some((b) => b.kind === k)));
  const kindName = (k: (typeof BURDEN_KINDS)[number]) => (zh(lang) ? KIND_NAMES[k].zh : KIND_NAMES[k].en);
  return workbookOf([
    {
      title: zh(lang) ? `${s.unit.name}负担指数（${s.from}至${s.to}）` : `Burden index of ${s.unit.name} (${s.from} to ${s.to})`,
      header: zh(lang)
        ? ["月份", "在册事项数", "其中经审核后准入", "下达对象数", "负担工时（小时）", "上年同月事项数", "上年同月工时（小时）", `基准年${s.baseline.year}月均工时（小时）`]
        : ["Month", "Burdens in force", "Of them admitted after review findings", "Target rows", "Burden hours", "Same month last year: burdens", "Same month last year: hours", `Baseline ${s.baseline.year}: hours per month`],
      rows: s.months.map((m) => [m.month, m.burdens, m.flagged, m.targets, m.hours, m.lastYear.burdens, m.lastYear.hours, s.baseline.monthlyAverage.hours]),
    },
    {
      title: zh(lang) ? "按类型的负担工时（小时）" : "Burden hours by kind",
      header: [zh(lang) ? "月份" : "Month", ...kinds.map(kindName)],
      rows: s.months.map((m) => [m.month, ...kinds.map((k) => m.byKind.find((b) => b.kind === k)?.hours ?? 0)]),
    },
    {
      title: zh(lang) ? "监测点实际工时与预计工时（小时）" : "Monitoring points: actual against expected hours",
      header: zh(lang)
        ? ["月份", "已答周次（村·周）", "预计工时", "实际工时", "无准入编号事项数", "无准入编号事项工时"]
        : ["Month", "Village-weeks answered", "Expected hours", "Actual hours", "Burdens without admission number", "Their hours"],
      rows: s.months.map((m) => [m.month, m.actual.answers, m.actual.expectedHours, m.actual.actualHours, m.actual.unregistered, m.actual.unregisteredHours]),
    },
  ]);
}

export function childrenWorkbook(c: IndexChildren, lang: Lang): Promise<Buffer> {
  return workbookOf([
    {
      title: zh(lang) ? `${c.unit.name}下级单位负担（${c.month}）` : `Load of the units under ${c.unit.name} (${c.month})`,
      header: zh(lang) ? ["代码", "单位", "在册事项数", "下达对象数", "负担工时（小时）"] : ["Code", "Unit", "Burdens in force", "Target rows", "Burden hours"],
      rows: c.children.map((u) => [u.code, u.name, u.burdens, u.targets, u.hours]),
    },
  ]);
}

export function issuersWorkbook(i: IndexIssuers, lang: Lang): Promise<Buffer> {
  return workbookOf([
    {
      title: zh(lang) ? `向${i.unit.name}下达负担最多的单位（${i.from}至${i.to}）` : `Who imposes most on ${i.unit.name} (${i.from} to ${i.to})`,
      header: zh(lang) ? ["代码", "下达单位", "事项·月", "下达对象数", "负担工时（小时）"] : ["Code", "Issuer", "Burden-months", "Target rows", "Burden hours"],
      rows: i.issuers.map((u) => [u.code, u.name, u.burdens, u.targets, u.hours]),
    },
  ]);
}
