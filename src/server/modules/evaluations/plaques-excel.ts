import type { TableImportResult } from "../../../contracts/excel.js";
import { ZPlaqueSurveyInput, type Plaque, type PlaqueCounts } from "../../../contracts/evaluations.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { optionalDateCell, parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { markRemoved, surveyPlaque } from "./plaques.js";

/**
 * 挂牌清理 as a workbook: every surveyed plaque 挂牌摸排, then the counts per township or village on a
 * second sheet. The survey sheet comes back in, each row recorded as one entered by hand (matched
 * against the allowed list again; 是否准挂, 相似度 and 每年维护工时 are worked out again, never read); a row
 * with 摘除日期 is then recorded as taken down.
 */
const COLUMNS = [
  { id: "township", header: "乡镇", width: 14 },
  { id: "village", header: "村（社区）", aliases: ["村（社区）代码", "村代码"], width: 24, required: true },
  { id: "name", header: "牌子名称", width: 28, required: true },
  { id: "issuer", header: "授牌单位", width: 18 },
  { id: "surveyedOn", header: "摸排日期", width: 12, required: true },
  { id: "allowed", header: "是否准挂", width: 10 },
  { id: "match", header: "对应准挂牌子", width: 24 },
  { id: "score", header: "相似度", width: 8 },
  { id: "removedOn", header: "摘除日期", width: 12 },
  { id: "photo", header: "照片", width: 6 },
  { id: "yearlyHours", header: "每年维护工时（小时）", width: 12 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_PLAQUE_ROWS = 2000;

export async function writePlaqueWorkbook(title: string, plaques: readonly Plaque[], counts: PlaqueCounts | null): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "挂牌摸排",
    columns: COLUMNS,
    rows: plaques.map((p) => ({
      township: p.village.townshipName ?? "",
      village: `${p.village.name}（${p.village.code}）`,
      name: p.name,
      issuer: p.issuer ?? "",
      surveyedOn: p.surveyedOn,
      allowed: p.allowed ? "准挂" : "乱挂牌",
      match: p.match?.name ?? "",
      score: p.match?.score ?? "",
      removedOn: p.removedOn ?? "",
      photo: p.hasPhoto ? "有" : "",
      yearlyHours: p.yearlyHours,
    })),
    extra: (workbook) => {
      if (!counts) return;
      const sum = workbook.addWorksheet("统计");
      sum.columns = [16, 10, 12, 10, 12, 10, 10, 14, 16].map((width) => ({ width }));
      sum.addRow(["单位", "村（社区）数", "已摸排村数", "牌子数", "不在清单内", "已摘除", "仍悬挂", "每年维护工时（小时）", "其中乱挂牌工时（小时）"]).font = { bold: true };
      const line = (t: PlaqueCounts["total"]) => [t.villages, t.surveyedVillages, t.plaques, t.notAllowed, t.removed, t.stillHung, t.yearlyHours, t.yearlyHoursNotAllowed];
      for (const r of counts.rows) sum.addRow([r.name, ...line(r)]);
      sum.addRow([`合计（${counts.under.name}）`, ...line(counts.total)]).font = { bold: true };
    },
  });
}

const FIELD_COLUMN: Record<string, ColumnId> = { villageCode: "village", name: "name", issuer: "issuer", surveyedOn: "surveyedOn" };

/** Imports the plaque survey: each row through surveyPlaque, then markRemoved when 摘除日期 is filled, in one transaction. */
export async function importPlaqueSurvey(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "village_cadre" || actor.role === "township_official" || actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_PLAQUE_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      // Both checked, so a row with a bad survey and a bad removal is named for both.
      const removedOn = optionalDateCell(row, "removedOn");
      const input = parseRow(row, ZPlaqueSurveyInput, { villageCode: unitCodeIn(c.village), name: c.name, issuer: c.issuer, surveyedOn: c.surveyedOn }, (field) => FIELD_COLUMN[field] ?? "name");
      return input && removedOn !== null ? { input, removedOn } : null;
    },
    create: async (tx, { input, removedOn }) => {
      const id = await surveyPlaque(tx, actor, input);
      if (removedOn) await markRemoved(tx, actor, id, removedOn);
      return id;
    },
    columnOf: (code, input, params) => (code === "PLAQUE_DATE" ? (params.on === input.input.surveyedOn ? "surveyedOn" : "removedOn") : "village"),
  });
}
