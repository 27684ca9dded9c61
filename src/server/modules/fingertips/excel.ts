import { APP_DEMANDS } from "../../../contracts/burdens.js";
import {
  AUDIENCE_ROLE_NAMES, CHANNEL_KIND_NAMES, CHANNEL_STATUS_NAMES, DEMAND_NAMES, ZChannelInput, type Channel, type ChannelInput,
} from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { readTable, throwTableIssues, writeTable, type TableColumn, type TableRow } from "../../kernel/excel/table.js";
import { fingertipPolicy } from "./policy.js";
import { resolveChannel, upsertChannel } from "./registry.js";

/** The ledger as a sheet 政务应用、公众号、工作群台账: one row per app, account or group. */
const COLUMNS = [
  { id: "name", header: "名称", width: 24, required: true },
  { id: "kind", header: "类型", width: 10 },
  { id: "platform", header: "平台", width: 10 },
  { id: "ownerUnit", header: "主办单位编码", width: 16, required: true },
  { id: "audienceUnits", header: "面向单位编码", width: 30 },
  { id: "audienceRoles", header: "面向人员", width: 16 },
  { id: "demands", header: "工作要求", width: 24 },
  { id: "minutesPerWeek", header: "每人每周分钟", width: 12 },
  { id: "admissionNumber", header: "准入编号", width: 22 },
  { id: "note", header: "备注", width: 24 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];
const EXPORT_COLUMNS: TableColumn<ColumnId | "status" | "posts" | "flags">[] = [...COLUMNS, { id: "status", header: "状态", width: 10 }, { id: "posts", header: "涉及岗位数", width: 10 }, { id: "flags", header: "问题", width: 40 }];
const SEPARATOR = /[、,，;；|\s]+/;
export const MAX_IMPORT_ROWS = 2000;

const fromName = <K extends string>(names: Record<K, { zh: string; en: string }>, text: string): K | string =>
  (Object.entries(names) as [K, { zh: string; en: string }][]).find(([k, n]) => text === k || text === n.zh || text.toLowerCase() === n.en)?.[0] ?? text;
/** Words offices write for a demand besides its listed name. */
const DEMAND_ALIASES: Record<string, string> = { 打卡: "check_in", 签到: "check_in", 转发: "forwarding", 点赞: "forwarding", 照片: "photo_upload", 上传图片: "photo_upload", 排名: "ranking", 安装率: "install_rate", 下载: "install_rate", 在线: "online_time" };
const list = (t?: string) => (t ? t.split(SEPARATOR).map((s) => s.trim()).filter(Boolean) : []);

export async function writeChannelWorkbook(title: string, items: readonly Channel[]): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "台账",
    columns: EXPORT_COLUMNS,
    rows: items.map((c) => ({
      name: c.name,
      kind: CHANNEL_KIND_NAMES[c.kind].zh,
      platform: c.platform ?? "",
      ownerUnit: c.owner.code,
      audienceUnits: c.audienceUnits.map((u) => u.code).join("、"),
      audienceRoles: c.audienceRoles.map((r) => AUDIENCE_ROLE_NAMES[r].zh).join("、"),
      demands: c.demands.map((d) => DEMAND_NAMES[d].zh).join("、"),
      minutesPerWeek: c.minutesPerWeek,
      admissionNumber: c.admissionNumber ?? "",
      note: c.note ?? "",
      status: CHANNEL_STATUS_NAMES[c.status].zh + (c.mergedInto ? `→${c.mergedInto.name}` : ""),
      posts: c.posts,
      flags: c.flags.map((f) => f.message).join("；"),
    })),
  });
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
  const { rows, issues } = await readTable(file, COLUMNS, { maxRows: MAX_IMPORT_ROWS });
  const good: { row: TableRow<ColumnId>; input: ChannelInput }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.filter((r) => !r.bad)) {
    const { cells } = row;
    const parsed = ZChannelInput.safeParse(inputOf(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const id = (COLUMNS.find((c) => c.id === issue.path[0])?.id ?? "name") as ColumnId;
        const hint = id === "demands" ? `（可填：${DEMAND_HINT}）` : id === "kind" ? "（可填：政务应用、公众号、工作群）" : id === "audienceRoles" ? "（可填：村干部、乡镇干部）" : "";
        row.problem(id, `取值“${cells[id] ?? ""}”不符合要求${hint}`, `the value “${cells[id] ?? ""}” is not valid: ${issue.message}`);
      }
      continue;
    }
    const key = `${parsed.data.ownerUnit}|${parsed.data.name}`;
    if (seen.has(key)) row.problem("name", `与第 ${seen.get(key)} 行重复`, `repeats row ${seen.get(key)}`);
    else seen.set(key, row.row);
    good.push({ row, input: parsed.data });
  }
  const resolved: Awaited<ReturnType<typeof resolveChannel>>[] = [];
  for (const { row, input } of good) {
    try {
      resolved.push(await resolveChannel(db, actor, input, actor.displayName));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const col = err.code === "CHANNEL_AUDIENCE_INVALID" || (err.code === "UNIT_NOT_FOUND" && err.params.code !== input.ownerUnit) ? "audienceUnits" : "ownerUnit";
      row.problem(col, messageFor(err.code, "zh-CN", err.params), messageFor(err.code, "en", err.params));
    }
  }
  throwTableIssues(issues, lang);
  return db.transaction(async (tx) => {
    let created = 0;
    for (const values of resolved) if ((await upsertChannel(tx, actor, values, { name: values.ownerCode })).created) created++;
    return { created, updated: resolved.length - created };
  });
}
