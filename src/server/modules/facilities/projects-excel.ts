import { PROJECT_KIND_NAMES, PROJECT_KINDS, ZProjectInput, type Project, type ProjectInput, type ProjectKind, type ProjectStatus } from "../../../contracts/projects.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { numberCell, readTable, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { rejectIssues, unitsOfRows, zodProblems } from "./excel.js";
import { investmentOf } from "./project-flags.js";
import { resourcePolicy } from "./policy.js";
import { insertProject } from "./projects.js";

/** The project register 项目台账 in Excel, one project a row; an export reads back as the same projects. */
type Col =
  | "seq" | "name" | "kind" | "unitCode" | "unitName" | "owner" | "status" | "completedOn" | "fiscalFunds" | "debtFunds" | "otherFunds" | "investment"
  | "study" | "feasibilityDocument" | "servedPopulation" | "expectedUsePerYear" | "useMeasure" | "latestUse" | "flags";
export const PROJECT_COLUMNS: readonly TableColumn<Col>[] = [
  { id: "seq", header: "序号", width: 6 },
  { id: "name", header: "项目名称", width: 30, required: true },
  { id: "kind", header: "项目类型", width: 12, required: true },
  { id: "unitCode", header: "建设单位代码", aliases: ["单位代码"], width: 16, required: true },
  { id: "unitName", header: "建设单位", width: 16 },
  { id: "owner", header: "项目业主", width: 18 },
  { id: "status", header: "建设状态", width: 10 },
  { id: "completedOn", header: "竣工日期", width: 12 },
  { id: "fiscalFunds", header: "财政资金（元）", width: 14 },
  { id: "debtFunds", header: "举债资金（元）", aliases: ["债务资金（元）", "贷款（元）"], width: 14 },
  { id: "otherFunds", header: "其他资金（元）", aliases: ["社会资本（元）"], width: 14 },
  { id: "investment", header: "总投资（元）", width: 14 },
  { id: "study", header: "可行性研究", aliases: ["是否可研"], width: 10 },
  { id: "feasibilityDocument", header: "可研文号", aliases: ["可研批复文号"], width: 22 },
  { id: "servedPopulation", header: "受益人口", width: 10 },
  { id: "expectedUsePerYear", header: "设计年使用量", width: 12 },
  { id: "useMeasure", header: "使用量单位", width: 10 },
  { id: "latestUse", header: "最近年度实际使用", width: 14 },
  { id: "flags", header: "问题标记", width: 40 },
];
export const MAX_PROJECT_ROWS = 2000;
const STATUS_TEXT: Record<ProjectStatus, string> = { planned: "计划", building: "在建", completed: "已竣工" };
const STATUS_BY_TEXT = new Map<string, ProjectStatus>([...Object.entries(STATUS_TEXT).map(([k, v]) => [v, k as ProjectStatus] as const), ["竣工", "completed"], ["已建成", "completed"]]);
const KIND_BY_TEXT = new Map<string, ProjectKind>(PROJECT_KINDS.flatMap((k) => [[PROJECT_KIND_NAMES[k].zh, k] as const, [k, k] as const]));
const YES = new Set(["有", "是", "已做", "yes", "y"]);
const NO = new Set(["无", "否", "未做", "no", "n"]);
const FIELDS = new Set<string>(PROJECT_COLUMNS.map((c) => c.id));

export async function importProjects(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<number> {
  const { rows, issues } = await readTable(file, PROJECT_COLUMNS, { maxRows: MAX_PROJECT_ROWS });
  const units = await unitsOfRows(db, rows, "unitCode", (u) =>
    resourcePolicy.canKeepProject(actor, u) ? null : { zh: `单位 ${u.code} 不在您的管辖范围内`, en: `unit ${u.code} is outside your scope` },
  );
  const inputs: { unit: ScopeUnit; input: ProjectInput }[] = [];
  for (const r of rows) {
    if (r.bad) continue;
    const before = issues.length;
    const kind = r.cells.kind ? KIND_BY_TEXT.get(r.cells.kind) : undefined;
    if (r.cells.kind && !kind) r.problem("kind", `类型“${r.cells.kind}”无法识别，应为${PROJECT_KINDS.map((k) => PROJECT_KIND_NAMES[k].zh).join("、")}之一`, `unknown kind “${r.cells.kind}”`);
    const status = STATUS_BY_TEXT.get(r.cells.status ?? "");
    if (!status) r.problem("status", `建设状态应为计划、在建或已竣工，实为“${r.cells.status ?? ""}”`, `status must be 计划, 在建 or 已竣工`);
    const study = (r.cells.study ?? "").toLowerCase();
    if (!YES.has(study) && !NO.has(study)) r.problem("study", `可行性研究应填“有”或“无”，实为“${r.cells.study ?? ""}”`, `feasibility study must be 有 or 无`);
    const money = (id: "fiscalFunds" | "debtFunds" | "otherFunds") => numberCell(r, id, { min: 0, max: 1e10 }) ?? 0;
    const funds = { fiscalFunds: money("fiscalFunds"), debtFunds: money("debtFunds"), otherFunds: money("otherFunds") };
    const servedPopulation = numberCell(r, "servedPopulation", { min: 0, max: 1e8, integer: true }) ?? 0;
    const expectedUsePerYear = numberCell(r, "expectedUsePerYear", { min: 0, max: 1e9, integer: true }) ?? 0;
    if (issues.length > before) continue;
    if (investmentOf(funds) <= 0) {
      r.problem("fiscalFunds", "总投资为零：请填写财政资金、举债资金或其他资金", "no investment: give fiscal, debt or other funds");
      continue;
    }
    const parsed = ZProjectInput.safeParse({
      name: r.cells.name,
      kind,
      unitCode: r.cells.unitCode,
      owner: r.cells.owner ?? "",
      status,
      completedOn: r.cells.completedOn ?? null,
      ...funds,
      hasFeasibilityStudy: YES.has(study),
      feasibilityDocument: r.cells.feasibilityDocument ?? null,
      servedPopulation,
      expectedUsePerYear,
      useMeasure: r.cells.useMeasure ?? "人次",
    });
    if (!parsed.success) zodProblems(r, parsed.error, (f) => (FIELDS.has(f) ? (f as Col) : f === "hasFeasibilityStudy" ? "study" : "name"));
    else if (units.has(parsed.data.unitCode)) inputs.push({ unit: units.get(parsed.data.unitCode)!, input: parsed.data });
  }
  rejectIssues(issues, lang);
  await db.transaction(async (tx) => {
    for (const { unit, input } of inputs) await insertProject(tx, actor, unit, input, "excel");
  });
  return inputs.length;
}

export async function exportProjects(items: readonly Project[], title: string): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "项目台账",
    columns: PROJECT_COLUMNS,
    rows: items.map((p, i) => {
      const latest = [...p.uses].sort((a, b) => b.year - a.year)[0];
      return {
        seq: i + 1,
        name: p.name,
        kind: PROJECT_KIND_NAMES[p.kind].zh,
        unitCode: p.unit.code,
        unitName: p.unit.name,
        owner: p.owner,
        status: STATUS_TEXT[p.status],
        completedOn: p.completedOn ?? "",
        fiscalFunds: p.fiscalFunds,
        debtFunds: p.debtFunds,
        otherFunds: p.otherFunds,
        investment: p.investment,
        study: p.hasFeasibilityStudy ? "有" : "无",
        feasibilityDocument: p.feasibilityDocument ?? "",
        servedPopulation: p.servedPopulation,
        expectedUsePerYear: p.expectedUsePerYear,
        useMeasure: p.useMeasure,
        latestUse: latest ? `${latest.year}年 ${latest.actualUse}` : "",
        flags: p.flags.map((f) => f.message).join("；"),
      };
    }),
  });
}
