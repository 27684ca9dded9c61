import { MAX_POWER_ITEMS, POWER_CATEGORIES, POWER_CATEGORY_NAMES, ZPowerItemInput, type EffectivePowerItem, type PowerCategory, type PowerItem, type PowerItemInput } from "../../../contracts/powers.js";
import type { Db } from "../../db/client.js";
import type { Lang } from "../../http/i18n.js";
import type { Actor } from "../../kernel/actor.js";
import { normalizeName } from "../duties/effective.js";
import { inSheetOrder, readTable, writeTable, type TableColumn } from "../../kernel/excel/table.js";
import { AppError } from "../../http/errors.js";
import { authorize } from "../../kernel/actor.js";
import { loadTownship } from "./effective.js";
import { countyRowsFor, differencesFromList, writeTownshipDifferences } from "./township.js";
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

/** Every row of a power-list file as an item, or POWER_LIST_INVALID naming each bad cell (nothing is written). */
export async function readPowerRows(file: Buffer, lang: Lang): Promise<PowerItemInput[]> {
  const { rows, issues } = await readTable(file, POWER_COLUMNS, { maxRows: MAX_POWER_ITEMS });
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
    throw new AppError("POWER_LIST_INVALID", { count: issues.length }, inSheetOrder(issues).map((i) => ({ path: i.path, message: lang === "en" ? i.en : i.zh })));
  }
  return items;
}

export async function importPowerList(db: Db, args: { actor: Actor; countyCode: string; file: Buffer; effectiveFrom: string; reason: string; lang: Lang }): Promise<VersionRow> {
  const county = await loadCounty(db, args.countyCode);
  authorize(powerPolicy.canEdit(args.actor, county), "OUT_OF_SCOPE", { code: county.code });
  const items = await readPowerRows(args.file, args.lang);
  return writePowerList(db, { actor: args.actor, countyCode: county.code, input: { effectiveFrom: args.effectiveFrom, reason: args.reason, items }, source: "excel" });
}

/**
 * A township's whole list from its Excel file: stored as its differences from the county list in force
 * on the effective date (rows matched by key, else by name), like the duty list's township files.
 */
export async function importTownshipList(db: Db, args: { actor: Actor; townshipCode: string; file: Buffer; effectiveFrom: string; reason: string; lang: Lang }): Promise<VersionRow> {
  const township = await loadTownship(db, args.townshipCode);
  authorize(powerPolicy.canEdit(args.actor, township), "OUT_OF_SCOPE", { code: township.code });
  const items = await readPowerRows(args.file, args.lang);
  const diff = differencesFromList(await countyRowsFor(db, township, args.effectiveFrom), items);
  return writeTownshipDifferences(db, { actor: args.actor, townshipCode: township.code, input: { effectiveFrom: args.effectiveFrom, reason: args.reason, ...diff }, source: "excel", lang: args.lang });
}

const SOURCE_NAMES: Record<EffectivePowerItem["source"], string> = { county: "县级清单", changed: "乡镇调整", township: "乡镇增加" };

/** A township's effective list: the county's columns and where each item comes from (ignored on import). */
export async function exportTownshipList(title: string, items: readonly EffectivePowerItem[]): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "赋权事项清单",
    columns: [...POWER_COLUMNS, { id: "source" as const, header: "来源", width: 12 }],
    rows: items.map((i, n) => ({ seq: n + 1, key: i.key, name: i.name, category: POWER_CATEGORY_NAMES[i.category].zh, legalBasis: i.legalBasis ?? "", fromDepartment: i.fromDepartment, note: i.note ?? "", source: SOURCE_NAMES[i.source] })),
  });
}

export async function exportPowerList(title: string, items: readonly PowerItem[]): Promise<Buffer> {
  return writeTable({
    title,
    sheet: "赋权事项清单",
    columns: POWER_COLUMNS,
    rows: items.map((i, n) => ({ seq: n + 1, key: i.key, name: i.name, category: POWER_CATEGORY_NAMES[i.category].zh, legalBasis: i.legalBasis ?? "", fromDepartment: i.fromDepartment, note: i.note ?? "" })),
  });
}
