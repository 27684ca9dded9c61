import { ZPlanItemInput, type PlanItemInput } from "../../../contracts/inspection-plans.js";
import type { Db } from "../../db/client.js";
import { AppError, messageFor } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import { regionPathOf, type Actor, type ScopeUnit } from "../../kernel/actor.js";
import { burdenPolicy, issuerRegionPath } from "../burdens/policy.js";
import { codeList, readRegisterSheet, throwIfIssues, writeRegisterSheet, yesNo, type SheetColumn, type SheetIssue, type SheetRow } from "../meetings/sheet.js";
import { getUnits, unitsNamedUnder, unitsUnder, type Unit } from "../org/units.js";
import { checkPlanYear, insertPlanItems, listPlanItems, planDepartment } from "./registry.js";

/** 督检考计划 in Excel: a department's items in (all or nothing), the region's plan out with decisions. */

export const PLAN_COLUMNS: SheetColumn[] = [
  { key: "title", header: "项目名称", aliases: ["督查检查考核事项"], required: true, width: 36 },
  { key: "targets", header: "检查对象", aliases: ["对象"], required: true, width: 30 },
  { key: "month", header: "计划月份", aliases: ["月份"], required: true, width: 10 },
  { key: "comprehensive", header: "综合性", aliases: ["是否综合性"], width: 8 },
];
export const MAX_PLAN_ROWS = 200;

/** A unit code is letters and digits (230524100000, 230524D01); any other word in the cell is a unit's name. */
const isCode = (word: string) => /^[0-9A-Za-z]+$/.test(word);
type Bilingual = { zh: string; en: string };
type TargetLookup = { byCode: Map<string, Unit>; byName: Map<string, Unit[]> };

/** The units the target cells name, by code anywhere and by name among the region's townships and villages. */
async function targetLookup(db: Db, regionPath: string, rows: readonly SheetRow[]): Promise<TargetLookup> {
  const words = [...new Set(rows.flatMap((r) => codeList(r.cells.targets ?? "")))];
  const [coded, named] = await Promise.all([getUnits(db, words.filter(isCode)), unitsNamedUnder(db, regionPath, words.filter((w) => !isCode(w)), ["township", "village"])]);
  const byName = new Map<string, Unit[]>();
  for (const u of named) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  return { byCode: new Map(coded.map((u) => [u.code, u])), byName };
}

/**
 * The codes of a 检查对象 cell: "全部乡镇"/"全部村", or unit codes and names (as the export writes them)
 * separated by 、，,; or spaces. A name must be one township or village of the region: none or several is
 * the cell's problem, so a plan is never sent to a unit the department did not mean.
 */
async function targetsOfCell(db: Db, department: ScopeUnit, cell: string, lookup: TargetLookup): Promise<{ codes: string[] } | Bilingual> {
  const all = /^全部(乡镇|街道)/.test(cell) ? "township" : /^全部(村|社区)/.test(cell) ? "village" : null;
  if (all) return { codes: (await unitsUnder(db, issuerRegionPath(department), all)).map((u) => u.code) };
  const words = codeList(cell);
  const unknown = words.filter((w) => !isCode(w) && !lookup.byName.has(w));
  if (unknown.length > 0) return { zh: `本区域没有名为“${unknown.join("、")}”的乡镇或村（社区）`, en: `no township or village of the region is named ${unknown.map((w) => `“${w}”`).join(", ")}` };
  const ambiguous = words.filter((w) => !isCode(w) && lookup.byName.get(w)!.length > 1);
  if (ambiguous.length > 0) {
    const codes = (w: string, sep: string) => lookup.byName.get(w)!.map((u) => u.code).join(sep);
    return {
      zh: `本区域有多个同名单位：${ambiguous.map((w) => `${w}（${codes(w, "、")}）`).join("；")}，请改填单位代码`,
      en: `several units of the region share the name: ${ambiguous.map((w) => `${w} (${codes(w, ", ")})`).join("; ")}; write the unit code instead`,
    };
  }
  const units = words.map((w) => ({ word: w, unit: isCode(w) ? lookup.byCode.get(w) : lookup.byName.get(w)![0] }));
  const wrong = units.filter((u) => !u.unit || !burdenPolicy.canTarget(department, u.unit)).map((u) => u.word);
  if (wrong.length > 0) return { zh: messageFor("TARGETS_NOT_GRASSROOTS", "zh-CN", { units: wrong.slice(0, 10).join("、") }), en: messageFor("TARGETS_NOT_GRASSROOTS", "en", { units: wrong.slice(0, 10).join(", ") }) };
  const codes = [...new Set(units.map((u) => u.unit!.code))];
  return { codes };
}

export async function importPlan(db: Db, args: { actor: Actor; departmentCode: string; year: number; file: Buffer; lang: Lang }) {
  const { actor, year, lang } = args;
  checkPlanYear(year);
  const department = await planDepartment(db, actor, args.departmentCode);
  const { rows, issues } = await readRegisterSheet(args.file, PLAN_COLUMNS, MAX_PLAN_ROWS);
  const lookup = await targetLookup(db, issuerRegionPath(department), rows);
  const items: PlanItemInput[] = [];
  for (const r of rows) {
    const bad = (key: string, zh: string, en: string) => issues.push({ path: r.at(key), zh: `第 ${r.row} 行：${zh}`, en: `row ${r.row}: ${en}` } satisfies SheetIssue);
    const targets = await targetsOfCell(db, department, r.cells.targets ?? "", lookup);
    if (!("codes" in targets)) bad("targets", targets.zh, targets.en);
    const comprehensive = yesNo(r.cells.comprehensive ?? "");
    if (comprehensive === null) bad("comprehensive", "综合性一栏应填“是”或“否”", "综合性 takes 是 or 否");
    const parsed = ZPlanItemInput.safeParse({ department: department.code, year, title: r.cells.title, targets: "codes" in targets ? targets.codes : [], month: Number(String(r.cells.month).replace(/月$/, "")), comprehensive: !!comprehensive });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const key = i.path[0] === "month" ? "month" : i.path[0] === "targets" ? "targets" : "title";
        if (key === "targets" && !("codes" in targets)) continue;
        bad(key, `“${r.cells[key] ?? ""}”不符合要求（${i.message}）`, `“${r.cells[key] ?? ""}” is not valid (${i.message})`);
      }
      continue;
    }
    if ("codes" in targets && comprehensive !== null) items.push(parsed.data);
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
  // Targets are written by name, which people read; a name two units of the region share is written as
  // its code instead, so the sheet still imports back to the same units.
  const names = [...new Set(list.items.flatMap((i) => i.targets.map((t) => t.name)))];
  const seen = new Map<string, number>();
  for (const u of await unitsNamedUnder(db, regionPathOf(actor), names, ["township", "village"])) seen.set(u.name, (seen.get(u.name) ?? 0) + 1);
  const targetWord = (t: { code: string; name: string }) => ((seen.get(t.name) ?? 0) > 1 ? t.code : t.name);
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
      targets: i.targets.map(targetWord).join("、"),
      month: i.month,
      comprehensive: i.comprehensive ? "是" : "否",
      status: STATUS[i.status],
      reason: i.decisionReason ?? "",
    })),
  });
}
