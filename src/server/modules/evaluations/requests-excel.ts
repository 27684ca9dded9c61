import { and, eq, inArray } from "drizzle-orm";
import { EVALUATION_CATEGORIES, EVALUATION_CATEGORY_NAMES, ZEvaluationRequestInput, type EvaluationCategory, type EvaluationRequest, type EvaluationRequestInput } from "../../../contracts/evaluations.js";
import type { TableImportResult } from "../../../contracts/excel.js";
import type { Db } from "../../db/client.js";
import type { ErrorCode } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, type Actor } from "../../kernel/actor.js";
import { unitCodeIn } from "../../kernel/excel/cells.js";
import { importTable } from "../../kernel/excel/import.js";
import { numberCell, parseRow, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { getUnit } from "../org/units.js";
import { evaluationPolicy } from "./policy.js";
import { presentRequests, requestEvaluation, requestsOfYear } from "./requests.js";
import { evaluationRequests } from "./schema.js";

/**
 * 评比创建申请 as a sheet, one request a row: what an issuer keeps in Excel of what it asked and how the
 * office answered. The first columns come back in — each row asked as one request entered by hand
 * (requestEvaluation: the issuer's right, its audit) — so a department fills the template or sends a
 * year's sheet again; a row the issuer has already asked as written (still pending or approved) is left
 * alone, so an exported sheet imports as it is.
 */
const IMPORT_COLUMNS = [
  { id: "year", header: "年度", width: 8, required: true },
  { id: "issuer", header: "主办单位", aliases: ["主办单位编码", "单位代码"], width: 28, required: true },
  { id: "title", header: "项目名称", width: 40, required: true },
  { id: "category", header: "类别", width: 14, required: true },
  { id: "reason", header: "申请理由", aliases: ["理由"], width: 50, required: true },
] as const satisfies readonly TableColumn<string>[];
/** What the register adds for reading (never read back): the office's answer. */
const ANSWER_COLUMNS = [
  { id: "region", header: "审批地区", width: 16 },
  { id: "status", header: "状态", width: 10 },
  { id: "approvalCode", header: "审批编号", width: 24 },
  { id: "decision", header: "审批意见", width: 36 },
  { id: "requestedBy", header: "申请人", width: 20 },
  { id: "decidedBy", header: "审批人", width: 20 },
] as const satisfies readonly TableColumn<string>[];
type ColumnId = (typeof IMPORT_COLUMNS)[number]["id"];

const STATUS_ZH: Record<EvaluationRequest["status"], string> = { pending: "待审批", approved: "已批准", rejected: "已驳回", withdrawn: "已撤出清单" };
export const MAX_EVALUATION_REQUEST_ROWS = 500;

/** The requests of a year the user sees (his own region's issuers and, for an office, those it decides); the empty sheet for a template. */
export async function exportEvaluationRequests(db: Db, actor: Actor, query: { year: number; template?: "true" | "false" }): Promise<Buffer> {
  const items = query.template === "true" ? [] : await presentRequests(db, actor, await requestsOfYear(db, actor, query.year));
  return writeTable({
    title: `${actor.scope.name}${query.year}年评比表彰、创建示范、节庆展会论坛申请`,
    sheet: "评比创建申请",
    columns: query.template === "true" ? IMPORT_COLUMNS : [...IMPORT_COLUMNS, ...ANSWER_COLUMNS],
    rows: items.map((r) => ({
      year: r.year,
      issuer: `${r.issuer.name}（${r.issuer.code}）`,
      title: r.title,
      category: EVALUATION_CATEGORY_NAMES[r.category].zh,
      reason: r.reason,
      region: r.region.name,
      status: STATUS_ZH[r.status],
      approvalCode: r.approvalCode ?? "",
      decision: (r.status === "withdrawn" ? r.withdrawReason : r.decisionReason) ?? "",
      requestedBy: r.requestedBy,
      decidedBy: (r.status === "withdrawn" ? r.withdrawnBy : r.decidedBy) ?? "",
    })),
  });
}

const categoryOf = (text: string): EvaluationCategory | null =>
  EVALUATION_CATEGORIES.find((c) => c === text || EVALUATION_CATEGORY_NAMES[c].zh === text || EVALUATION_CATEGORY_NAMES[c].en === text.toLowerCase()) ?? null;

/** The same request already asked by the issuer, and not answered no: nothing new to ask. */
async function alreadyAsked(db: Db, input: EvaluationRequestInput): Promise<boolean> {
  const [row] = await db
    .select({ id: evaluationRequests.id })
    .from(evaluationRequests)
    .where(
      and(
        eq(evaluationRequests.issuerCode, input.issuer),
        eq(evaluationRequests.year, input.year),
        eq(evaluationRequests.title, input.title),
        eq(evaluationRequests.category, input.category),
        inArray(evaluationRequests.status, ["pending", "approved"]),
      ),
    )
    .limit(1);
  return !!row;
}

const FIELD_COLUMN: Record<string, ColumnId> = { issuer: "issuer", year: "year", title: "title", category: "category", reason: "reason" };
/** A refusal of the single request is the issuer's: not found, not the user's to ask for. */
const columnOf = (_code: ErrorCode): ColumnId => "issuer";

/** Imports requests: each row through requestEvaluation in one transaction; one bad row and nothing is written. */
export async function importEvaluationRequests(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<TableImportResult> {
  authorize(evaluationPolicy.asksForEvaluations(actor));
  return importTable(db, {
    file,
    columns: IMPORT_COLUMNS,
    maxRows: MAX_EVALUATION_REQUEST_ROWS,
    lang,
    parse: (row) => {
      const c = row.cells;
      const year = numberCell(row, "year", { min: 2000, max: 2100, integer: true });
      const category = categoryOf(c.category ?? "");
      if (!category) row.problem("category", `“${c.category ?? ""}”不是类别（可填：评比表彰、创建示范、节庆展会论坛）`, `“${c.category ?? ""}” is not a category (评比表彰 commendation, 创建示范 demonstration, 节庆展会论坛 festival, fair or forum)`);
      const input = parseRow(row, ZEvaluationRequestInput, { issuer: unitCodeIn(c.issuer), year: year ?? 2000, title: c.title, category: category ?? "commendation", reason: c.reason }, (field) => FIELD_COLUMN[field] ?? "title");
      return year === null || category === null ? null : input;
    },
    create: async (tx, input) => {
      // Unchanged only for a user who may ask in the issuer's name: anyone else is refused as a single request would be.
      const issuer = await getUnit(tx, input.issuer);
      if (issuer && evaluationPolicy.canRequest(actor, issuer) && (await alreadyAsked(tx, input))) return null;
      return requestEvaluation(tx, actor, input);
    },
    columnOf,
  });
}
