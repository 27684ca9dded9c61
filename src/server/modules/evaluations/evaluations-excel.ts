import { EVALUATION_CATEGORIES, EVALUATION_CATEGORY_NAMES, type EvaluationCategory, type EvaluationYear } from "../../../contracts/evaluations.js";
import { UNIT_CODE_PATTERN } from "../../../contracts/roles.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { authorize, pathIsInside, regionPathOf, type Actor } from "../../kernel/actor.js";
import { recordAudit } from "../audit/audit.js";
import { addRegisterEntries, loadRegisters } from "../burdens/gate/settings.js";
import { readTable, throwTableIssues, writeTable, type TableColumn, type TableRow } from "../../kernel/excel/table.js";
import { getUnit, getUnits } from "../org/units.js";
import { evaluationPolicy } from "./policy.js";
import { evaluationRequests } from "./schema.js";

const COLUMNS = [
  { id: "code", header: "审批编号", width: 24, required: true },
  { id: "title", header: "项目名称", width: 40, required: true },
  { id: "category", header: "类别", width: 14, required: true },
  { id: "issuer", header: "主办单位编码", width: 16, required: true },
] as const satisfies readonly TableColumn<string>[];
const MAX_LIST_ROWS = 2000;
type ColumnId = (typeof COLUMNS)[number]["id"];

/** The year's approved list (主办单位 and 基层年度工时 are not read back), then what is not on it; with `template`, the list's header alone to fill in and import. */
export async function writeEvaluationWorkbook(view: EvaluationYear, template = false): Promise<Buffer> {
  const byCode = new Map(view.requests.filter((r) => r.approvalCode).map((r) => [r.approvalCode!, r]));
  return writeTable({
    title: `${view.region.name}${view.year}年评比表彰、创建示范、节庆展会论坛项目清单`,
    sheet: "评比创建清单",
    columns: [...COLUMNS, { id: "issuerName", header: "主办单位", width: 20 }, { id: "yearlyHours", header: "基层年度工时（小时）", width: 14 }],
    rows: (template ? [] : view.approved).map((e) => {
      const r = byCode.get(e.code);
      return { code: e.code, title: e.title, category: r ? EVALUATION_CATEGORY_NAMES[r.category].zh : "", issuer: r?.issuer.code ?? "", issuerName: r?.issuer.name ?? "", yearlyHours: r?.yearlyHours ?? "" };
    }),
    extra: (workbook) => {
      if (template) return;
      const flagged = workbook.addWorksheet("未列入清单");
      flagged.columns = [{ width: 36 }, { width: 20 }, { width: 12 }, { width: 22 }, { width: 24 }, { width: 14 }];
      flagged.addRow(["事项名称", "下达单位", "下达日期", "填写的审批编号", "准入编号", "基层年度工时（小时）"]).font = { bold: true };
      for (const b of view.burdens.filter((x) => !x.onList)) flagged.addRow([b.title, b.issuer, b.issuedOn, b.approvalCode ?? "", b.admissionNumber ?? "", b.yearlyHours]);
    },
  });
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
  const table = await readTable(file, COLUMNS, { maxRows: MAX_LIST_ROWS });
  const listed = new Set((await loadRegisters(db, region.path, year)).approvedEvaluations.map((e) => e.code));
  const issues = table.issues;
  const rows: { code: string; title: string; category: EvaluationCategory; issuer: string; row: TableRow<ColumnId> }[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows.filter((x) => !x.bad)) {
    const { cells, problem } = row;
    const r = row.row;
    const category = categoryOf(cells.category ?? "");
    if (!cells.code || cells.code.length > 60) problem("code", "审批编号须填写且不超过 60 字", "an approval code of at most 60 characters is needed");
    else if (listed.has(cells.code)) problem("code", `“${cells.code}”已在 ${year} 年清单中`, `“${cells.code}” is already on the ${year} list`);
    else if (seen.has(cells.code)) problem("code", `与第 ${seen.get(cells.code)} 行重复`, `repeats row ${seen.get(cells.code)}`);
    else seen.set(cells.code, r);
    if (!cells.title || cells.title.length < 4 || cells.title.length > 200) problem("title", "项目名称须为 4 至 200 字", "a title of 4 to 200 characters is needed");
    if (!category) problem("category", `取值“${cells.category ?? ""}”不符合要求（可填：评比表彰、创建示范、节庆展会论坛）`, `“${cells.category ?? ""}” is not a category (commendation, demonstration, festival_forum)`);
    if (!cells.issuer || !UNIT_CODE_PATTERN.test(cells.issuer)) problem("issuer", `单位编码“${cells.issuer ?? ""}”格式不正确`, `the unit code “${cells.issuer ?? ""}” is malformed`);
    if (cells.code && cells.title && category && cells.issuer) rows.push({ code: cells.code, title: cells.title, category, issuer: cells.issuer, row });
  }
  const issuers = new Map((await getUnits(db, [...new Set(rows.map((r) => r.issuer))])).map((u) => [u.code, u]));
  for (const row of rows) {
    const u = issuers.get(row.issuer);
    if (!u || !pathIsInside(u.path, region.path)) row.row.problem("issuer", `本地区没有单位 ${row.issuer}`, `no unit ${row.issuer} in the region`);
  }
  throwTableIssues(issues, lang);
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
