import type ExcelJS from "exceljs";
import type { IndicatorType, RefreshCycle } from "../../../../contracts/forms.js";
import type { ScopeUnit } from "../../../kernel/actor.js";
import type { IndicatorRow } from "../catalog.js";
import { normalizeValue } from "../numbers.js";
import { periodKey } from "../period.js";
import type { SheetLayout } from "./read-form.js";
import { cellText, columnLetter, type Issue } from "./workbook.js";

/**
 * The figures a department's table already holds, one row per village, taken into shared data on
 * request ("import" provenance). A row names its village by the village column (and township column
 * when there is one); names are matched within the county, "饶河村" finding "饶河村委会".
 */

export type FieldPlace = { sheet: string; col: number; header: string; role: string; indicatorId: string | null };
/** A figure read, with the cell it came from and its indicator's name (to explain a mismatch later). */
export type ImportedValue = { indicatorId: string; indicatorName: string; unit: ScopeUnit; periodKey: string; value: string; path: string };

const stem = (name: string) => name.replace(/\s+/g, "").replace(/(社区居民委员会|村民委员会|居民委员会|村委会|居委会|委会)$/, "").replace(/(村|社区)$/, "");

function villageFinder(villages: readonly ScopeUnit[], townships: Map<string, string>) {
  const byStem = new Map<string, ScopeUnit[]>();
  for (const v of villages) byStem.set(stem(v.name), [...(byStem.get(stem(v.name)) ?? []), v]);
  return (name: string, township: string): ScopeUnit[] => {
    const found = byStem.get(stem(name)) ?? [];
    if (found.length <= 1 || !township) return found;
    return found.filter((v) => stem(townships.get(v.parentCode ?? "") ?? "").startsWith(township.replace(/(镇|乡|街道)$/, "")));
  };
}

type Context = { indicators: Map<string, IndicatorRow>; referenceDate: string; find: ReturnType<typeof villageFinder>; seen: Map<string, string>; out: { values: ImportedValue[]; issues: Issue[]; notes: Issue[] } };

function readRow(ws: ExcelJS.Worksheet, r: number, fields: FieldPlace[], ctx: Context): void {
  const text = (col: number) => {
    const t = cellText(ws.getCell(r, col));
    return "value" in t ? t.value : "";
  };
  const at = (f: FieldPlace) => ({ path: `${ws.name}!${columnLetter(f.col)}${r}`, zh: `工作表“${ws.name}”第 ${r} 行“${f.header}”列`, en: `sheet “${ws.name}”, row ${r}, column ${f.header}` });
  const villageField = fields.find((f) => f.role === "village")!;
  const townshipField = fields.find((f) => f.role === "township");
  const measures = fields.filter((f) => f.role === "indicator" && f.indicatorId && text(f.col) !== "");
  const name = text(villageField.col);
  if (!name || measures.length === 0) return;
  const matches = ctx.find(name, townshipField ? text(townshipField.col) : "");
  if (matches.length !== 1) {
    const w = at(villageField);
    const [zh, en] = matches.length === 0 ? [`本县没有名为“${name}”的村`, `no village named “${name}” in the county`] : [`“${name}”在本县有 ${matches.length} 个同名村，请填写乡镇列`, `“${name}” names ${matches.length} villages of the county; fill in the township column`];
    ctx.out.issues.push({ path: w.path, zh: `${w.zh}：${zh}`, en: `${w.en}: ${en}` });
    return;
  }
  for (const f of measures) {
    const i = ctx.indicators.get(f.indicatorId!)!;
    const r2 = normalizeValue(text(f.col), { type: i.type as IndicatorType, options: i.options, min: i.min, max: i.max, unit: i.unit });
    const w = at(f);
    if (!r2.ok) ctx.out.issues.push({ path: w.path, zh: `${w.zh}：${r2.error.zh}`, en: `${w.en}: ${r2.error.en}` });
    else {
      const value = { indicatorId: i.id, indicatorName: i.name, unit: matches[0]!, periodKey: periodKey(i.refreshCycle as RefreshCycle, ctx.referenceDate), value: r2.value, path: w.path };
      const key = `${value.unit.code}|${value.indicatorId}|${value.periodKey}`;
      const earlier = ctx.seen.get(key);
      if (earlier) ctx.out.issues.push({ path: w.path, zh: `${w.zh}：与${earlier}重复（同一村、同一指标）`, en: `${w.en}: repeats ${earlier} (same village and indicator)` });
      else {
        ctx.seen.set(key, w.path);
        ctx.out.values.push(value);
        if (r2.note) ctx.out.notes.push({ path: w.path, zh: `${w.zh}：${r2.note.zh}`, en: `${w.en}: ${r2.note.en}` });
      }
    }
  }
}

export function readDataRows(
  workbook: ExcelJS.Workbook,
  args: { layout: SheetLayout[]; fields: FieldPlace[]; indicators: Map<string, IndicatorRow>; villages: ScopeUnit[]; townships: Map<string, string>; referenceDate: string },
) {
  const ctx: Context = { indicators: args.indicators, referenceDate: args.referenceDate, find: villageFinder(args.villages, args.townships), seen: new Map(), out: { values: [], issues: [], notes: [] } };
  for (const sheet of args.layout) {
    const ws = workbook.getWorksheet(sheet.name);
    const fields = args.fields.filter((f) => f.sheet === sheet.name);
    if (!ws || !fields.some((f) => f.role === "village")) continue;
    for (let r = sheet.dataStartRow; r <= ws.rowCount; r++) readRow(ws, r, fields, ctx);
  }
  return ctx.out;
}
