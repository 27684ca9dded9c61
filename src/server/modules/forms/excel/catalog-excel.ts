import ExcelJS from "exceljs";
import {
  GRANULARITY_NAMES, INDICATOR_TYPE_NAMES, REFRESH_CYCLE_NAMES, ZIndicatorInput,
  type Granularity, type IndicatorInput, type IndicatorType, type RefreshCycle,
} from "../../../../contracts/forms.js";
import { AppError } from "../../../http/errors.js";
import type { IndicatorRow } from "../catalog.js";
import { cellText, columnLetter, openWorkbook, toBuffer, type Issue } from "./workbook.js";

/** The indicator catalog as a sheet: one row per indicator, columns named as offices name them. */
const COLUMNS = [
  { id: "code", header: "指标编码", width: 12 },
  { id: "name", header: "指标名称", width: 24 },
  { id: "aliases", header: "别名", width: 30 },
  { id: "definition", header: "定义", width: 40 },
  { id: "unit", header: "计量单位", width: 10 },
  { id: "type", header: "数据类型", width: 10 },
  { id: "options", header: "选项", width: 20 },
  { id: "granularity", header: "粒度", width: 8 },
  { id: "refreshCycle", header: "更新周期", width: 10 },
  { id: "ownerDepartment", header: "责任部门编码", width: 14 },
  { id: "min", header: "最小值", width: 10 },
  { id: "max", header: "最大值", width: 10 },
] as const;
type ColumnId = (typeof COLUMNS)[number]["id"];
const LIST_SEPARATOR = /[、,，;；|]/;

const byName = <K extends string>(names: Record<K, { zh: string; en: string }>, text: string): K | string =>
  (Object.entries(names) as [K, { zh: string; en: string }][]).find(([k, n]) => text === k || text === n.zh || text.toLowerCase() === n.en)?.[0] ?? text;

export async function writeCatalogWorkbook(regionName: string, rows: readonly IndicatorRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("数据指标目录", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.id, width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `${regionName}数据指标目录`;
  ws.getCell(1, 1).font = { name: "黑体", size: 16, bold: true };
  ws.getRow(2).values = COLUMNS.map((c) => c.header);
  ws.getRow(2).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.code, r.name, r.aliases.join("、"), r.definition, r.unit, INDICATOR_TYPE_NAMES[r.type as IndicatorType].zh, r.options.join("、"),
      GRANULARITY_NAMES[r.granularity as Granularity].zh, REFRESH_CYCLE_NAMES[r.refreshCycle as RefreshCycle].zh, r.ownerDepartment ?? "", r.min ?? "", r.max ?? "",
    ]);
  }
  return toBuffer(workbook);
}

function findHeader(ws: ExcelJS.Worksheet): { row: number; columns: Map<ColumnId, number> } | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const columns = new Map<ColumnId, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const found = COLUMNS.find((c) => c.header === String(cell.value ?? "").trim());
      if (found && !columns.has(found.id)) columns.set(found.id, col);
    });
    if (columns.has("code") && columns.has("name")) return { row: r, columns };
  }
  return null;
}

function inputOf(cells: Partial<Record<ColumnId, string>>): unknown {
  const list = (t?: string) => (t ? t.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean) : []);
  const num = (t?: string) => (t === undefined || t === "" ? null : Number.isFinite(Number(t)) ? Number(t) : t);
  return {
    code: cells.code ?? "",
    name: cells.name ?? "",
    aliases: list(cells.aliases),
    definition: cells.definition ?? "",
    unit: cells.unit ?? "",
    type: byName(INDICATOR_TYPE_NAMES, cells.type ?? ""),
    options: list(cells.options),
    granularity: cells.granularity ? byName(GRANULARITY_NAMES, cells.granularity) : undefined,
    refreshCycle: cells.refreshCycle ? byName(REFRESH_CYCLE_NAMES, cells.refreshCycle) : undefined,
    ownerDepartment: cells.ownerDepartment || null,
    min: num(cells.min),
    max: num(cells.max),
  };
}

/** Reads a catalog sheet; every bad cell is reported by sheet, row and column, and nothing is returned unless all are good. */
export async function readCatalogWorkbook(file: Buffer): Promise<{ inputs: IndicatorInput[]; issues: Issue[] }> {
  const workbook = await openWorkbook(file);
  const ws = workbook.worksheets.find((w) => w.state === "visible" && findHeader(w));
  const header = ws ? findHeader(ws) : null;
  if (!ws || !header) throw new AppError("CATALOG_NO_HEADER");
  const inputs: IndicatorInput[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const cells: Partial<Record<ColumnId, string>> = {};
    const at = (id: ColumnId) => `${ws.name}!${columnLetter(header.columns.get(id) ?? header.columns.get("code")!)}${r}`;
    const problem = (id: ColumnId, zh: string, en: string) => {
      const title = COLUMNS.find((c) => c.id === id)!.header;
      issues.push({ path: at(id), zh: `工作表“${ws.name}”第 ${r} 行“${title}”列：${zh}`, en: `sheet “${ws.name}”, row ${r}, column ${title}: ${en}` });
    };
    for (const [id, col] of header.columns) {
      const text = cellText(ws.getRow(r).getCell(col));
      if ("error" in text) problem(id, text.error.zh, text.error.en);
      else if (text.value) cells[id] = text.value;
    }
    if (Object.keys(cells).length === 0) continue;
    const parsed = ZIndicatorInput.safeParse(inputOf(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const id = (COLUMNS.find((c) => c.id === issue.path[0])?.id ?? "code") as ColumnId;
        const [en, zh] = issue.message.includes(" / ") ? issue.message.split(" / ") : [issue.message, `取值“${cells[id] ?? ""}”不符合要求`];
        problem(id, zh!, en!);
      }
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier) problem("code", `编码与第 ${earlier} 行重复`, `the code repeats row ${earlier}`);
    else seen.set(parsed.data.code, r);
    inputs.push(parsed.data);
  }
  if (inputs.length === 0 && issues.length === 0) throw new AppError("CATALOG_NO_HEADER");
  return { inputs, issues };
}
