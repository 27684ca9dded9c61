import { inArray } from "drizzle-orm";
import type { TableImportResult } from "../../../contracts/excel.js";
import { ZRankingInput, type RankingKind } from "../../../contracts/rankings.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { cancelRanking, listRankings, rankingCounts, registerRanking } from "./registry.js";
import { rankingNotices } from "./schema.js";

const KIND: Record<RankingKind, string> = { ranking_notice: "排名通报", assessment: "考核指标" };
const CANCELLED = "已取消";

/**
 * 排名通报与考核指标 as a sheet, one row each, the counts against last year on a second sheet. The
 * same sheet comes back in: each row registered as one entered by hand; a row 已取消 with its reason is
 * cancelled by the office in the same import.
 */
const COLUMNS = [
  { id: "kind", header: "类别", width: 10, required: true },
  { id: "issuer", header: "发布单位", aliases: ["发布单位代码"], width: 24, required: true },
  { id: "year", header: "年度", width: 8, required: true },
  { id: "title", header: "名称", width: 36, required: true },
  { id: "ranked", header: "排名/考核内容", aliases: ["排名考核内容", "考核内容"], width: 30, required: true },
  { id: "indicators", header: "指标数", width: 8, required: true },
  { id: "targets", header: "对象单位代码", aliases: ["对象"], width: 36, required: true },
  { id: "targetCount", header: "对象数", width: 8 },
  { id: "status", header: "状态", width: 8 },
  { id: "reason", header: "取消理由", width: 36 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof COLUMNS)[number]["id"];

export const MAX_RANKING_ROWS = 1000;

/** The register of a year, each one with its status and the reason it was cancelled, then the counts against last year. */
export async function exportRankings(db: Db, actor: Actor, year: number, template = false): Promise<Buffer> {
  const [list, counts] = template ? [{ items: [] }, null] : await Promise.all([listRankings(db, actor, { year, limit: 1000 }), rankingCounts(db, actor, year)]);
  const ids = list.items.map((r) => r.id);
  const targets = new Map(ids.length ? (await db.select({ id: rankingNotices.id, targets: rankingNotices.targets }).from(rankingNotices).where(inArray(rankingNotices.id, ids))).map((r) => [r.id, r.targets]) : []);
  return writeTable({
    sheet: "排名通报与考核指标",
    title: `${actor.scope.name} ${year} 年排名通报与考核指标`,
    columns: COLUMNS,
    rows: list.items.map((r) => ({
      kind: KIND[r.kind],
      issuer: `${r.issuer.name}（${r.issuer.code}）`,
      year: r.year,
      title: r.title,
      ranked: r.ranked,
      indicators: r.indicatorCount,
      targets: (targets.get(r.id) ?? []).join("、"),
      targetCount: r.targetCount,
      status: r.status === "cancelled" ? CANCELLED : "有效",
      reason: r.cancelReason ?? "",
    })),
    extra: (workbook) => {
      if (!counts) return;
      const ws = workbook.addWorksheet("汇总");
      ws.columns = [10, 24, 20, 20, 16].map((width) => ({ width }));
      ws.addRow(["类别", "发布单位", `${year} 年有效数（上年），取消数`, "指标数（上年）", "指标变化"]).font = { bold: true };
      for (const c of counts.items) {
        ws.addRow([
          KIND[c.kind],
          c.issuer.name,
          `${c.thisYear.inForce}（${c.lastYear.inForce}），取消 ${c.thisYear.cancelled}`,
          `${c.thisYear.indicators}（${c.lastYear.indicators}）`,
          c.indicatorChangePct === null ? String(c.indicatorChange) : `${c.indicatorChange}（${c.indicatorChangePct}%）`,
        ]);
      }
    },
  });
}

const kindOf = (text = ""): string => (Object.entries(KIND).find(([k, name]) => text === k || text === name || name.startsWith(text))?.[0] ?? text);
const FIELD_COLUMN: Record<string, ColumnId> = { kind: "kind", issuer: "issuer", year: "year", title: "title", ranked: "ranked", indicatorCount: "indicators", targets: "targets" };

/**
 * Imports ranking notices and assessment indicators: each row through registerRanking (the issuer's
 * right, grassroots targets), a cancelled row then through cancelRanking, in one transaction.
 */
export async function importRankings(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(actor.role === "department_staff" || actor.role === "township_official" || actor.role === "office");
  return importTable(db, {
    file,
    columns: COLUMNS,
    maxRows: MAX_RANKING_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const cancelled = c.status === CANCELLED;
      if (cancelled && (c.reason ?? "").length < 4) {
        row.problem("reason", "已取消的须写明取消理由（至少 4 个字）", "a cancelled one needs its reason (4 characters or more)");
        return null;
      }
      const input = parseRow(row, ZRankingInput, {
        kind: kindOf(c.kind),
        issuer: unitCodeIn(c.issuer),
        year: Number(c.year),
        title: c.title,
        targets: (c.targets ?? "").split(/[\s,，、;；]+/).filter(Boolean),
        indicatorCount: Number(c.indicators),
        ranked: c.ranked,
      }, (field) => FIELD_COLUMN[field] ?? "title");
      return input ? { input, cancelReason: cancelled ? c.reason! : null } : null;
    },
    create: async (tx, { input, cancelReason }) => {
      const id = await registerRanking(tx, { actor, input });
      if (cancelReason) await cancelRanking(tx, { actor, id, reason: cancelReason });
      return id;
    },
    columnOf: (code) => (code === "TARGETS_NOT_GRASSROOTS" ? "targets" : code === "YEAR_OUT_OF_RANGE" ? "year" : code === "FORBIDDEN" ? "status" : "issuer"),
  });
}
