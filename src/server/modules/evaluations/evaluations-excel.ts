import ExcelJS from "exceljs";
import { EVALUATION_CATEGORIES, EVALUATION_CATEGORY_NAMES, type EvaluationCategory, type EvaluationYear } from "../../../contracts/evaluations.js";
import { UNIT_CODE_PATTERN } from "../../../contracts/roles.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { addRegisterEntries, loadRegisters } from "../burdens/gate/settings.js";
import { loadGuardedWorkbook } from "../duties/excel/zip-guard.js";
import { cellText, columnLetter, throwIssues, toBuffer, type Issue } from "../forms/excel/workbook.js";
import { getUnit, getUnits } from "../org/units.js";
import { evaluationPolicy } from "./policy.js";
import { evaluationRequests } from "./schema.js";

const COLUMNS = [
  { id: "code", header: "审批编号", width: 24 },
  { id: "title", header: "项目名称", width: 40 },
  { id: "category", header: "类别", width: 14 },
  { id: "issuer", header: "主办单位编码", width: 16 },
] as const;
type ColumnId = (typeof COLUMNS)[number]["id"];

export async function writeEvaluationWorkbook(view: EvaluationYear): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("评比创建清单", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = [...COLUMNS.map((c) => ({ width: c.width })), { width: 20 }];
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value = `${view.region.name}${view.year}年评比表彰、创建示范、节庆展会论坛项目清单`;
  ws.getCell(1, 1).font = { name: "黑体", size: 16, bold: true };
  ws.getRow(2).values = [...COLUMNS.map((c) => c.header), "主办单位"];
  ws.getRow(2).font = { bold: true };
  const byCode = new Map(view.requests.filter((r) => r.approvalCode).map((r) => [r.approvalCode!, r]));
  for (const e of view.approved) {
    const r = byCode.get(e.code);
    ws.addRow([e.code, e.title, r ? EVALUATION_CATEGORY_NAMES[r.category].zh : "", r?.issuer.code ?? "", r?.issuer.name ?? ""]);
  }
  const flagged = workbook.addWorksheet("未列入清单");
  flagged.columns = [{ width: 36 }, { width: 20 }, { width: 12 }, { width: 22 }, { width: 24 }];
  flagged.addRow(["事项名称", "下达单位", "下达日期", "填写的审批编号", "准入编号"]).font = { bold: true };
  for (const b of view.burdens.filter((x) => !x.onList)) flagged.addRow([b.title, b.issuer, b.issuedOn, b.approvalCode ?? "", b.admissionNumber ?? ""]);
  return toBuffer(workbook);
}

const categoryOf = (text: string): EvaluationCategory | null =>
  EVALUATION_CATEGORIES.find((c) => c === text || EVALUATION_CATEGORY_NAMES[c].zh === text || EVALUATION_CATEGORY_NAMES[c].en === text.toLowerCase()) ?? null;

/**
 * The office imports its approved list of a year: each row is an approved item (code, title, category,
 * issuer of the region). Every bad row is reported; nothing is imported unless all are good.
 */
export async function importEvaluationList(db: Db, actor: Actor, year: number, file: Buffer, lang: Lang): Promise<number> {
  const region = await getUnit(db, regionPathOf(actor).split(".").at(-1)!);
  if (!region) throw new AppError("UNIT_NOT_FOUND", { code: actor.scope.code });
  authorize(evaluationPolicy.canKeepList(actor, region));
  if (file.length === 0) throw new AppError("EXCEL_NOT_XLSX");
  const workbook = await loadGuardedWorkbook(file);
  const ws = workbook.worksheets.find((w) => w.state === "visible");
  let header: { row: number; columns: Map<ColumnId, number> } | null = null;
  for (let r = 1; ws && r <= Math.min(10, ws.rowCount) && !header; r++) {
    const columns = new Map<ColumnId, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const found = COLUMNS.find((c) => c.header === String(cell.value ?? "").trim());
      if (found && !columns.has(found.id)) columns.set(found.id, col);
    });
    if (columns.size === COLUMNS.length) header = { row: r, columns };
  }
  if (!ws || !header) throw new AppError("EXCEL_HEADER_MISSING", { columns: "“审批编号”“项目名称”“类别”“主办单位编码”" });
  const listed = new Set((await loadRegisters(db, region.path, year)).approvedEvaluations.map((e) => e.code));
  const issues: Issue[] = [];
  const rows: { code: string; title: string; category: EvaluationCategory; issuer: string }[] = [];
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const cells: Partial<Record<ColumnId, string>> = {};
    const problem = (id: ColumnId, zh: string, en: string) => {
      const title = COLUMNS.find((c) => c.id === id)!.header;
      issues.push({ path: `${ws.name}!${columnLetter(header.columns.get(id)!)}${r}`, zh: `工作表“${ws.name}”第 ${r} 行“${title}”列：${zh}`, en: `sheet “${ws.name}”, row ${r}, column ${title}: ${en}` });
    };
    for (const [id, col] of header.columns) {
      const text = cellText(ws.getRow(r).getCell(col));
      if ("error" in text) problem(id, text.error.zh, text.error.en);
      else if (text.value) cells[id] = text.value;
    }
    if (Object.keys(cells).length === 0) continue;
    const category = categoryOf(cells.category ?? "");
    if (!cells.code || cells.code.length > 60) problem("code", "审批编号须填写且不超过 60 字", "an approval code of at most 60 characters is needed");
    else if (listed.has(cells.code)) problem("code", `“${cells.code}”已在 ${year} 年清单中`, `“${cells.code}” is already on the ${year} list`);
    else if (seen.has(cells.code)) problem("code", `与第 ${seen.get(cells.code)} 行重复`, `repeats row ${seen.get(cells.code)}`);
    else seen.set(cells.code, r);
    if (!cells.title || cells.title.length < 4 || cells.title.length > 200) problem("title", "项目名称须为 4 至 200 字", "a title of 4 to 200 characters is needed");
    if (!category) problem("category", `取值“${cells.category ?? ""}”不符合要求（可填：评比表彰、创建示范、节庆展会论坛）`, `“${cells.category ?? ""}” is not a category (commendation, demonstration, festival_forum)`);
    if (!cells.issuer || !UNIT_CODE_PATTERN.test(cells.issuer)) problem("issuer", `单位编码“${cells.issuer ?? ""}”格式不正确`, `the unit code “${cells.issuer ?? ""}” is malformed`);
    if (cells.code && cells.title && category && cells.issuer) rows.push({ code: cells.code, title: cells.title, category, issuer: cells.issuer });
  }
  const issuers = new Map((await getUnits(db, [...new Set(rows.map((r) => r.issuer))])).map((u) => [u.code, u]));
  rows.forEach((row) => {
    const u = issuers.get(row.issuer);
    if (!u || !pathIsInside(u.path, region.path)) {
      const r = [...seen.entries()].find(([code]) => code === row.code)?.[1] ?? 0;
      issues.push({ path: `${ws.name}!${columnLetter(header.columns.get("issuer")!)}${r}`, zh: `工作表“${ws.name}”第 ${r} 行“主办单位编码”列：本地区没有单位 ${row.issuer}`, en: `sheet “${ws.name}”, row ${r}, column 主办单位编码: no unit ${row.issuer} in the region` });
    }
  });
  throwIssues("EXCEL_INVALID", issues, lang);
  if (rows.length === 0) throw new AppError("EXCEL_HEADER_MISSING", { columns: "“审批编号”“项目名称”“类别”“主办单位编码”" });
  await db.transaction(async (tx) => {
    await tx.insert(evaluationRequests).values(
      rows.map((r) => {
        const issuer = issuers.get(r.issuer)!;
        return { regionCode: region.code, regionPath: region.path, year, issuerCode: issuer.code, issuerPath: issuer.path, title: r.title, category: r.category, reason: "由减负办导入的经批准清单", status: "approved", approvalCode: r.code, decisionReason: "清单导入", requestedBy: actor.displayName, decidedBy: actor.displayName, decidedAt: new Date() };
      }),
    );
    await addRegisterEntries(tx, { actor, region, year, register: "evaluation_list", entries: rows.map((r) => ({ code: r.code, title: r.title })) });
    await recordAudit(tx, { actor: { id: actor.id, name: actor.username }, action: "evaluations.import", entityType: "region", entityId: region.code, scopePath: region.path, detail: { year, codes: rows.map((r) => r.code) } });
  });
  return rows.length;
}
