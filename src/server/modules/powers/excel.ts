import { MAX_POWER_ITEMS, POWER_CATEGORIES, POWER_CATEGORY_NAMES, ZPowerItemInput, type PowerCategory, type PowerItem, type PowerItemInput } from "../../../contracts/powers.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { normalizeName } from "../duties/effective.js";
import { inSheetOrder, readTable, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { AppError } from "../../http/errors.js";
import { authorize } from "../../kernel/actor.js";
import { loadCounty, powerPolicy, writePowerList, type VersionRow } from "./versions.js";

/**
 * The delegated-power list 赋权事项清单 in the shape counties publish it: 序号, 事项编码, 事项名称,
 * 权力类别, 实施依据, 原实施部门, 备注. A file is the whole list of a new version.
 */
type Col = "seq" | "key" | "name" | "category" | "legalBasis" | "fromDepartment" | "note";
export const POWER_COLUMNS: readonly TableColumn<Col>[] = [
  { id: "seq", header: "序号", width: 6 },
  { id: "key", header: "事项编码", aliases: ["编码"], width: 12 },
  { id: "name", header: "事项名称", aliases: ["赋权事项", "权力事项名称"], width: 44, required: true },
  { id: "category", header: "权力类别", aliases: ["事项类别", "类别", "权力类型"], width: 14, required: true },
  { id: "legalBasis", header: "实施依据", aliases: ["法律依据", "设定依据", "依据"], width: 44 },
  { id: "fromDepartment", header: "原实施部门", aliases: ["赋权部门", "原实施主体", "县级主管部门"], width: 20, required: true },
  { id: "note", header: "备注", width: 16 },
];
const CATEGORY_BY_TEXT = new Map<string, PowerCategory>(POWER_CATEGORIES.flatMap((c) => [[POWER_CATEGORY_NAMES[c].zh, c] as const, [c, c] as const]));

export async function importPowerList(db: Db, args: { actor: Actor; countyCode: string; file: Buffer; effectiveFrom: string; reason: string; lang: Lang }): Promise<VersionRow> {
  const county = await loadCounty(db, args.countyCode);
  authorize(powerPolicy.canEdit(args.actor, county), "OUT_OF_SCOPE", { code: county.code });
  const { rows, issues } = await readTable(args.file, POWER_COLUMNS, { maxRows: MAX_POWER_ITEMS });
  const items: PowerItemInput[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.bad) continue;
    const before = issues.length;
    const category = r.cells.category ? CATEGORY_BY_TEXT.get(r.cells.category) : undefined;
    if (r.cells.category && !category) r.problem("category", `权力类别“${r.cells.category}”无法识别，应为${POWER_CATEGORIES.map((c) => POWER_CATEGORY_NAMES[c].zh).join("、")}之一`, `unknown category “${r.cells.category}”`);
    const name = r.cells.name ?? "";
    const earlier = seen.get(normalizeName(name));
    if (name && earlier) r.problem("name", `与第 ${earlier} 行重复`, `duplicates row ${earlier}`);
    else if (name) seen.set(normalizeName(name), r.row);
    if (issues.length > before) continue;
    const parsed = ZPowerItemInput.safeParse({ key: r.cells.key, name, category, legalBasis: r.cells.legalBasis ?? null, fromDepartment: r.cells.fromDepartment, note: r.cells.note ?? null });
    if (!parsed.success) for (const i of parsed.error.issues) r.problem((String(i.path[0]) as Col) in { key: 1, name: 1, category: 1, legalBasis: 1, fromDepartment: 1, note: 1 } ? (String(i.path[0]) as Col) : "name", i.message, i.message);
    else items.push(parsed.data);
  }
  if (issues.length > 0) {
    throw new AppError("POWER_LIST_INVALID", { count: issues.length }, inSheetOrder(issues).map((i) => ({ path: i.path, message: args.lang === "en" ? i.en : i.zh })));
  }
  return writePowerList(db, { actor: args.actor, countyCode: county.code, input: { effectiveFrom: args.effectiveFrom, reason: args.reason, items }, source: "excel" });
}

export async function exportPowerList(title: string, items: readonly PowerItem[]): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "赋权事项清单",
    columns: POWER_COLUMNS,
    rows: items.map((i, n) => ({ seq: n + 1, key: i.key, name: i.name, category: POWER_CATEGORY_NAMES[i.category].zh, legalBasis: i.legalBasis ?? "", fromDepartment: i.fromDepartment, note: i.note ?? "" })),
  });
}
