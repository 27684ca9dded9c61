import type { z } from "zod";
import { FACILITY_KIND_NAMES, FACILITY_KINDS, ZFacilityInput, type Facility, type FacilityInput, type FacilityKind } from "../../../contracts/facilities.js";
import type { Db, Queryable } from "../../db/client.js";
import { AppError } from "../../http/errors.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor, ScopeUnit } from "../../kernel/actor.js";
import { inSheetOrder, numberCell, readTable, writeTable, type TableColumn, type TableIssue, type TableRow } from "../../kernel/excel/table.js";
import { getUnits } from "../org/units.js";
import { resourcePolicy } from "./policy.js";
import { insertFacility } from "./registry.js";

/**
 * The facility register 公共服务设施台账 in Excel: what a county keeps today, one facility a row.
 * An export reads back as the same facilities (the trend columns are ignored on import).
 */
type Col = "seq" | "name" | "kind" | "unitCode" | "unitName" | "owner" | "cost" | "staffHoursPerWeek" | "openingHours" | "avgVisits" | "flag";
export const FACILITY_COLUMNS: readonly TableColumn<Col>[] = [
  { id: "seq", header: "序号", width: 6 },
  { id: "name", header: "设施名称", aliases: ["名称"], width: 30, required: true },
  { id: "kind", header: "设施类型", aliases: ["类型"], width: 18, required: true },
  { id: "unitCode", header: "所在单位代码", aliases: ["单位代码", "区划代码"], width: 16, required: true },
  { id: "unitName", header: "所在单位", width: 16 },
  { id: "owner", header: "产权/管理单位", aliases: ["管理单位", "产权单位"], width: 20 },
  { id: "cost", header: "建设投入（元）", aliases: ["建设投入", "投资（元）", "造价（元）"], width: 14 },
  { id: "staffHoursPerWeek", header: "每周值守工时", aliases: ["值守工时（小时/周）", "每周值守小时"], width: 12 },
  { id: "openingHours", header: "开放时间", width: 22 },
  { id: "avgVisits", header: "近12个月月均到访（人次）", width: 14 },
  { id: "flag", header: "问题标记", width: 40 },
];
const IMPORTED: readonly Col[] = ["name", "kind", "unitCode", "owner", "cost", "staffHoursPerWeek", "openingHours"];
export const MAX_FACILITY_ROWS = 5000;

const KIND_BY_TEXT = new Map<string, FacilityKind>(FACILITY_KINDS.flatMap((k) => [[FACILITY_KIND_NAMES[k].zh, k] as const, [k, k] as const]));

/** Maps zod's complaints about a row to its cells. */
export function zodProblems<Id extends string>(row: TableRow<Id>, error: z.ZodError, columnOf: (field: string) => Id) {
  for (const issue of error.issues) row.problem(columnOf(String(issue.path[0] ?? "")), issue.message, issue.message);
}

/** Rows whose unit is unknown, out of the actor's reach or of the wrong kind are named by row. */
export async function unitsOfRows<Id extends string>(
  db: Queryable,
  rows: readonly TableRow<Id>[],
  id: Id,
  check: (unit: ScopeUnit) => { zh: string; en: string } | null,
): Promise<Map<string, ScopeUnit>> {
  const codes = [...new Set(rows.flatMap((r) => (r.cells[id] ? [r.cells[id]!] : [])))];
  const units = new Map((await getUnits(db, codes)).map((u) => [u.code, u]));
  for (const r of rows) {
    const code = r.cells[id];
    if (!code) continue;
    const unit = units.get(code);
    if (!unit) r.problem(id, `未找到单位 ${code}`, `no unit with code ${code}`);
    else {
      const wrong = check(unit);
      if (wrong) r.problem(id, wrong.zh, wrong.en);
    }
  }
  return units;
}

export function rejectIssues(issues: readonly TableIssue[], lang: Lang): void {
  if (issues.length === 0) return;
  throw new AppError("EXCEL_INVALID", { count: issues.length }, inSheetOrder(issues).map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })));
}

export async function importFacilities(db: Db, actor: Actor, file: Buffer, lang: Lang): Promise<number> {
  const { rows, issues } = await readTable(file, FACILITY_COLUMNS, { maxRows: MAX_FACILITY_ROWS });
  const units = await unitsOfRows(db, rows, "unitCode", (u) =>
    !resourcePolicy.canKeepFacility(actor, u)
      ? { zh: `单位 ${u.code} 不在您的管辖范围内`, en: `unit ${u.code} is outside your scope` }
      : u.level !== "township" && u.level !== "village"
        ? { zh: `${u.name}（${u.code}）不是乡镇或村（社区）`, en: `${u.code} is not a township or village` }
        : null,
  );
  const inputs: { unit: ScopeUnit; input: FacilityInput }[] = [];
  for (const r of rows) {
    if (r.bad) continue;
    const before = issues.length;
    const kindText = r.cells.kind;
    const kind = kindText ? KIND_BY_TEXT.get(kindText) : undefined;
    if (kindText && !kind) r.problem("kind", `类型“${kindText}”无法识别，应为${FACILITY_KINDS.map((k) => FACILITY_KIND_NAMES[k].zh).join("、")}之一`, `unknown kind “${kindText}”`);
    const cost = numberCell(r, "cost", { min: 0, max: 1e10 });
    const hours = numberCell(r, "staffHoursPerWeek", { min: 0, max: 168 });
    for (const c of ["owner", "cost", "staffHoursPerWeek", "openingHours"] as const) if (!r.cells[c]) r.problem(c, "不能为空", "must not be empty");
    if (issues.length > before) continue;
    const parsed = ZFacilityInput.safeParse({ name: r.cells.name, kind, unitCode: r.cells.unitCode, owner: r.cells.owner, cost, staffHoursPerWeek: hours, openingHours: r.cells.openingHours });
    if (!parsed.success) zodProblems(r, parsed.error, (f) => (IMPORTED.includes(f as Col) ? (f as Col) : "name"));
    else if (units.has(parsed.data.unitCode)) inputs.push({ unit: units.get(parsed.data.unitCode)!, input: parsed.data });
  }
  rejectIssues(issues, lang);
  await db.transaction(async (tx) => {
    for (const { unit, input } of inputs) await insertFacility(tx, actor, unit, input, "excel");
  });
  return inputs.length;
}

export async function exportFacilities(items: readonly Facility[], title: string): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "设施台账",
    columns: FACILITY_COLUMNS,
    rows: items.map((f, i) => {
      const reported = f.trend.flatMap((p) => (p.visits === null ? [] : [p.visits]));
      return {
        seq: i + 1,
        name: f.name,
        kind: FACILITY_KIND_NAMES[f.kind].zh,
        unitCode: f.unit.code,
        unitName: f.unit.name,
        owner: f.owner,
        cost: f.cost,
        staffHoursPerWeek: f.staffHoursPerWeek,
        openingHours: f.openingHours,
        avgVisits: reported.length ? Math.round(reported.reduce((a, b) => a + b, 0) / reported.length) : "",
        flag: f.flags.map((x) => x.message).join("；"),
      };
    }),
  });
}
