import ExcelJS from "exceljs";
import { APP_DEMANDS } from "../../../contracts/burdens.js";
import {
  AUDIENCE_ROLE_NAMES, CHANNEL_KIND_NAMES, CHANNEL_STATUS_NAMES, DEMAND_NAMES, ZChannelInput, type Channel, type ChannelInput,
} from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { loadGuardedWorkbook } from "../duties/excel/zip-guard.js";
import { cellText, columnLetter, throwIssues, toBuffer, type Issue } from "../forms/excel/workbook.js";
import { fingertipPolicy } from "./policy.js";
import { resolveChannel, upsertChannel } from "./registry.js";

/** The ledger as a sheet 政务应用、公众号、工作群台账: one row per app, account or group. */
const COLUMNS = [
  { id: "name", header: "名称", width: 24 },
  { id: "kind", header: "类型", width: 10 },
  { id: "platform", header: "平台", width: 10 },
  { id: "ownerUnit", header: "主办单位编码", width: 16 },
  { id: "audienceUnits", header: "面向单位编码", width: 30 },
  { id: "audienceRoles", header: "面向人员", width: 16 },
  { id: "demands", header: "工作要求", width: 24 },
  { id: "minutesPerWeek", header: "每人每周分钟", width: 12 },
  { id: "admissionNumber", header: "准入编号", width: 22 },
  { id: "note", header: "备注", width: 24 },
] as const;
type ColumnId = (typeof COLUMNS)[number]["id"];
const SEPARATOR = /[、,，;；|\s]+/;
export const MAX_IMPORT_ROWS = 2000;

const fromName = <K extends string>(names: Record<K, { zh: string; en: string }>, text: string): K | string =>
  (Object.entries(names) as [K, { zh: string; en: string }][]).find(([k, n]) => text === k || text === n.zh || text.toLowerCase() === n.en)?.[0] ?? text;
/** Words offices write for a demand besides its listed name. */
const DEMAND_ALIASES: Record<string, string> = { 打卡: "check_in", 签到: "check_in", 转发: "forwarding", 点赞: "forwarding", 照片: "photo_upload", 上传图片: "photo_upload", 排名: "ranking", 安装率: "install_rate", 下载: "install_rate", 在线: "online_time" };
const list = (t?: string) => (t ? t.split(SEPARATOR).map((s) => s.trim()).filter(Boolean) : []);

export async function writeChannelWorkbook(title: string, items: readonly Channel[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("台账", { views: [{ state: "frozen", ySplit: 2 }] });
  const all = [...COLUMNS, { id: "status", header: "状态", width: 10 }, { id: "posts", header: "涉及岗位数", width: 10 }, { id: "flags", header: "问题", width: 40 }];
  ws.columns = all.map((c) => ({ key: c.id, width: c.width }));
  ws.mergeCells(1, 1, 1, all.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: "黑体", size: 16, bold: true };
  ws.getRow(2).values = all.map((c) => c.header);
  ws.getRow(2).font = { bold: true };
  for (const c of items) {
    ws.addRow([
      c.name, CHANNEL_KIND_NAMES[c.kind].zh, c.platform ?? "", c.owner.code, c.audienceUnits.map((u) => u.code).join("、"),
      c.audienceRoles.map((r) => AUDIENCE_ROLE_NAMES[r].zh).join("、"), c.demands.map((d) => DEMAND_NAMES[d].zh).join("、"), c.minutesPerWeek,
      c.admissionNumber ?? "", c.note ?? "", CHANNEL_STATUS_NAMES[c.status].zh + (c.mergedInto ? `→${c.mergedInto.name}` : ""), c.posts, c.flags.map((f) => f.message).join("；"),
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
    if (columns.has("name") && columns.has("ownerUnit")) return { row: r, columns };
  }
  return null;
}

function inputOf(cells: Partial<Record<ColumnId, string>>): unknown {
  const minutes = cells.minutesPerWeek ?? "";
  return {
    name: cells.name ?? "",
    kind: fromName(CHANNEL_KIND_NAMES, cells.kind ?? ""),
    platform: cells.platform || undefined,
    ownerUnit: cells.ownerUnit ?? "",
    audienceUnits: list(cells.audienceUnits),
    audienceRoles: list(cells.audienceRoles).map((r) => fromName(AUDIENCE_ROLE_NAMES, r)),
    demands: list(cells.demands).map((d) => DEMAND_ALIASES[d] ?? fromName(DEMAND_NAMES, d)),
    minutesPerWeek: minutes !== "" && Number.isFinite(Number(minutes)) ? Number(minutes) : minutes,
    admissionNumber: cells.admissionNumber || undefined,
    note: cells.note || undefined,
  };
}

const DEMAND_HINT = APP_DEMANDS.map((d) => DEMAND_NAMES[d].zh).join("、");

/**
 * Imports the ledger: every row is checked (cells, units, rights) before anything is written; a bad row
 * is reported by sheet, row and column and nothing is imported. A row naming an app the owner already
 * has updates it.
 */
export async function importChannels(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<{ created: number; updated: number }> {
  authorize(fingertipPolicy.canImport(actor));
  if (file.length === 0) throw new AppError("EXCEL_NOT_XLSX");
  const workbook = await loadGuardedWorkbook(file);
  const ws = workbook.worksheets.find((w) => w.state === "visible" && findHeader(w));
  const header = ws ? findHeader(ws) : null;
  if (!ws || !header) throw new AppError("EXCEL_HEADER_MISSING", { columns: "“名称”和“主办单位编码”" });
  if (ws.rowCount - header.row > MAX_IMPORT_ROWS) throw new AppError("EXCEL_TOO_MANY_ROWS", { max: MAX_IMPORT_ROWS });
  const issues: Issue[] = [];
  const good: { row: number; input: ChannelInput }[] = [];
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const cells: Partial<Record<ColumnId, string>> = {};
    const problem = (id: ColumnId, zh: string, en: string) => {
      const title = COLUMNS.find((c) => c.id === id)!.header;
      const col = header.columns.get(id) ?? header.columns.get("name")!;
      issues.push({ path: `${ws.name}!${columnLetter(col)}${r}`, zh: `工作表“${ws.name}”第 ${r} 行“${title}”列：${zh}`, en: `sheet “${ws.name}”, row ${r}, column ${title}: ${en}` });
    };
    for (const [id, col] of header.columns) {
      const text = cellText(ws.getRow(r).getCell(col));
      if ("error" in text) problem(id, text.error.zh, text.error.en);
      else if (text.value) cells[id] = text.value;
    }
    if (Object.keys(cells).length === 0) continue;
    const parsed = ZChannelInput.safeParse(inputOf(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const id = (COLUMNS.find((c) => c.id === issue.path[0])?.id ?? "name") as ColumnId;
        const hint = id === "demands" ? `（可填：${DEMAND_HINT}）` : id === "kind" ? "（可填：政务应用、公众号、工作群）" : id === "audienceRoles" ? "（可填：村干部、乡镇干部）" : "";
        problem(id, `取值“${cells[id] ?? ""}”不符合要求${hint}`, `the value “${cells[id] ?? ""}” is not valid: ${issue.message}`);
      }
      continue;
    }
    const key = `${parsed.data.ownerUnit}|${parsed.data.name}`;
    if (seen.has(key)) problem("name", `与第 ${seen.get(key)} 行重复`, `repeats row ${seen.get(key)}`);
    else seen.set(key, r);
    good.push({ row: r, input: parsed.data });
  }
  if (good.length === 0 && issues.length === 0) throw new AppError("EXCEL_HEADER_MISSING", { columns: "“名称”和“主办单位编码”" });
  const resolved: Awaited<ReturnType<typeof resolveChannel>>[] = [];
  for (const { row, input } of good) {
    try {
      resolved.push(await resolveChannel(db, actor, input, actor.displayName));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const col = err.code === "CHANNEL_AUDIENCE_INVALID" || (err.code === "UNIT_NOT_FOUND" && err.params.code !== input.ownerUnit) ? "audienceUnits" : "ownerUnit";
      const title = COLUMNS.find((c) => c.id === col)!.header;
      issues.push({
        path: `${ws.name}!${columnLetter(header.columns.get(col) ?? 1)}${row}`,
        zh: `工作表“${ws.name}”第 ${row} 行“${title}”列：${messageFor(err.code, "zh-CN", err.params)}`,
        en: `sheet “${ws.name}”, row ${row}, column ${title}: ${messageFor(err.code, "en", err.params)}`,
      });
    }
  }
  throwIssues("EXCEL_INVALID", issues, lang);
  return db.transaction(async (tx) => {
    let created = 0;
    for (const values of resolved) if ((await upsertChannel(tx, actor, values, { name: values.ownerCode })).created) created++;
    return { created, updated: resolved.length - created };
  });
}
