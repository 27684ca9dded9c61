import { ZPlanItemInput, type PlanItemInput } from "../../../contracts/inspection-plans.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { burdenPolicy, issuerRegionPath } from "../burdens/policy.js";
import { codeList, readRegisterSheet, throwIfIssues, writeRegisterSheet, yesNo, type SheetColumn, type SheetIssue } from "../meetings/sheet.js";
import { getUnits, unitsUnder } from "../org/units.js";
import { checkPlanYear, insertPlanItems, listPlanItems, planDepartment } from "./registry.js";

/** 督检考计划 in Excel: a department's items in (all or nothing), the region's plan out with decisions. */

export const PLAN_COLUMNS: SheetColumn[] = [
  { key: "title", header: "项目名称", aliases: ["督查检查考核事项"], required: true, width: 36 },
  { key: "targets", header: "检查对象", aliases: ["对象"], required: true, width: 30 },
  { key: "month", header: "计划月份", aliases: ["月份"], required: true, width: 10 },
  { key: "comprehensive", header: "综合性", aliases: ["是否综合性"], width: 8 },
];
export const MAX_PLAN_ROWS = 200;

export async function importPlan(db: Db, args: { actor: Actor; departmentCode: string; year: number; file: Buffer; lang: Lang }) {
  const { actor, year, lang } = args;
  checkPlanYear(year);
  const department = await planDepartment(db, actor, args.departmentCode);
  const { rows, issues } = await readRegisterSheet(args.file, PLAN_COLUMNS, MAX_PLAN_ROWS);
  const regionPath = issuerRegionPath(department);
  const allCodes = [...new Set(rows.flatMap((r) => codeList(r.cells.targets ?? "")))];
  const known = new Map((await getUnits(db, allCodes)).map((u) => [u.code, u]));
  const items: PlanItemInput[] = [];
  for (const r of rows) {
    const bad = (key: string, zh: string, en: string) => issues.push({ path: r.at(key), zh: `第 ${r.row} 行：${zh}`, en: `row ${r.row}: ${en}` } satisfies SheetIssue);
    const cell = r.cells.targets ?? "";
    const all = /^全部(乡镇|街道)/.test(cell) ? "township" : /^全部(村|社区)/.test(cell) ? "village" : null;
    const targets = all ? (await unitsUnder(db, regionPath, all)).map((u) => u.code) : codeList(cell);
    const wrong = all ? [] : targets.filter((c) => !known.has(c) || !burdenPolicy.canTarget(department, known.get(c)!));
    if (wrong.length > 0) bad("targets", messageFor("TARGETS_NOT_GRASSROOTS", "zh-CN", { units: wrong.slice(0, 10).join("、") }), messageFor("TARGETS_NOT_GRASSROOTS", "en", { units: wrong.slice(0, 10).join(", ") }));
    const comprehensive = yesNo(r.cells.comprehensive ?? "");
    if (comprehensive === null) bad("comprehensive", "综合性一栏应填“是”或“否”", "综合性 takes 是 or 否");
    const parsed = ZPlanItemInput.safeParse({ department: department.code, year, title: r.cells.title, targets, month: Number(String(r.cells.month).replace(/月$/, "")), comprehensive: !!comprehensive });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const key = i.path[0] === "month" ? "month" : i.path[0] === "targets" ? "targets" : "title";
        bad(key, `“${r.cells[key] ?? ""}”不符合要求（${i.message}）`, `“${r.cells[key] ?? ""}” is not valid (${i.message})`);
      }
      continue;
    }
    if (wrong.length === 0 && comprehensive !== null) items.push(parsed.data);
  }
  throwIfIssues(issues, lang);
  if (items.length === 0) throw new AppError("EXCEL_NO_ROWS");
  const codes = await db.transaction((tx) => insertPlanItems(tx, actor, department, items));
  return { imported: codes.length, codes };
}

const STATUS = { submitted: "待审批", approved: "已批准", rejected: "已退回", withdrawn: "已撤回" } as const;

/** The year's plan; with `template`, the header alone (项目名称, 检查对象, 计划月份, 综合性 are what the import reads). */
export async function exportPlan(db: Db, actor: Actor, year: number, template = false): Promise<Buffer> {
  const list = template ? { items: [] } : await listPlanItems(db, actor, { year });
  return writeRegisterSheet({
    sheet: "督检考计划",
    title: `${actor.scope.name} ${year} 年度督查检查考核计划`,
    columns: [
      { key: "code", header: "计划编号", width: 22 },
      { key: "department", header: "实施单位", width: 22 },
      ...PLAN_COLUMNS,
      { key: "status", header: "审批状态", width: 10 },
      { key: "reason", header: "审批意见", width: 36 },
    ],
    rows: list.items.map((i) => ({
      code: i.code,
      department: i.department.name,
      title: i.title,
      targets: i.targets.map((t) => t.name).join("、"),
      month: i.month,
      comprehensive: i.comprehensive ? "是" : "否",
      status: STATUS[i.status],
      reason: i.decisionReason ?? "",
    })),
  });
}
