import ExcelJS from "exceljs";
import type { IndicatorType } from "../../../../contracts/forms.js";
import { cellText, toBuffer, type Issue } from "./workbook.js";

/**
 * An XLSForm (survey / choices / settings sheets, as ODK and KoBoToolbox use) becomes the table it
 * describes: a title, group headers over their questions, one column per question after the columns
 * naming the village. That table is what is kept, mapped and later exported, so an XLSForm goes the
 * same way as any other form; each question's type and choices inform the proposals.
 */

export type QuestionType = { type: IndicatorType; options: string[] };
type Question = { name: string; label: string; group: string; type: QuestionType };

const TYPES: Record<string, IndicatorType> = { integer: "integer", decimal: "number", range: "number", text: "text", date: "date", select_one: "choice" };
const SKIPPED = new Set(["note", "calculate", "start", "end", "today", "deviceid", "username", "phonenumber", "hidden", "acknowledge"]);

export const isXlsForm = (wb: ExcelJS.Workbook): boolean => wb.worksheets.some((ws) => ws.name.trim().toLowerCase() === "survey");

/** Rows of a sheet as objects keyed by the header of row 1 ("label::中文" and "label::Chinese (zh)" read as label). */
function records(ws: ExcelJS.Worksheet | undefined): { row: number; get: (key: string) => string }[] {
  if (!ws) return [];
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const t = cellText(cell);
    const key = ("value" in t ? t.value : "").toLowerCase().replace(/^label::.*$/, (m) => (/中文|chinese|zh/i.test(m) ? "label" : m));
    if (key && !header.has(key)) header.set(key, col);
  });
  const out: { row: number; get: (key: string) => string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const get = (key: string) => {
      const col = header.get(key) ?? (key === "label" ? [...header.entries()].find(([k]) => k.startsWith("label"))?.[1] : undefined);
      const t = col ? cellText(ws.getCell(r, col)) : { value: "" };
      return "value" in t ? t.value : "";
    };
    if (get("type") || get("name")) out.push({ row: r, get });
  }
  return out;
}

function readQuestions(wb: ExcelJS.Workbook, issues: Issue[]): { title: string; questions: Question[] } {
  const sheet = (name: string) => wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);
  const choices = new Map<string, string[]>();
  for (const c of records(sheet("choices"))) choices.set(c.get("list_name"), [...(choices.get(c.get("list_name")) ?? []), c.get("label") || c.get("name")]);
  const title = records(sheet("settings"))[0]?.get("form_title") ?? "";
  const questions: Question[] = [];
  const groups: string[] = [];
  const issue = (row: number, zh: string, en: string) => issues.push({ path: `survey!A${row}`, zh: `工作表“survey”第 ${row} 行：${zh}`, en: `sheet “survey”, row ${row}: ${en}` });
  for (const q of records(sheet("survey"))) {
    const [kind = "", list = ""] = q.get("type").split(/\s+/);
    if (kind === "begin_group" || q.get("type") === "begin group") groups.push(q.get("label") || q.get("name"));
    else if (kind === "end_group" || q.get("type") === "end group") groups.pop();
    else if (kind.includes("repeat")) issue(q.row, "重复组（按户、按人的名单）暂不能在村级一表中采集", "repeat groups (lists of households or persons) cannot be collected in a village's one form yet");
    else if (SKIPPED.has(kind)) continue;
    else if (!TYPES[kind]) issue(q.row, `题型“${q.get("type")}”暂不支持`, `the question type “${q.get("type")}” is not supported`);
    else if (kind === "select_one" && !choices.has(list)) issue(q.row, `选项列表“${list}”在 choices 工作表中不存在`, `the choice list “${list}” is not in the choices sheet`);
    else questions.push({ name: q.get("name"), label: q.get("label") || q.get("name"), group: groups.join("/"), type: { type: TYPES[kind]!, options: kind === "select_one" ? choices.get(list)! : [] } });
  }
  return { title, questions };
}

/** The table an XLSForm describes, as .xlsx, with each question's type by its header. */
export async function xlsFormToTable(wb: ExcelJS.Workbook): Promise<{ file: Buffer; types: Map<string, QuestionType>; issues: Issue[] }> {
  const issues: Issue[] = [];
  const { title, questions } = readQuestions(wb, issues);
  const out = new ExcelJS.Workbook();
  const ws = out.addWorksheet("数据");
  const ids = ["序号", "乡镇", "村名"];
  const last = ids.length + questions.length;
  ws.getCell(1, 1).value = title || "数据采集表";
  if (last > 1) ws.mergeCells(1, 1, 1, last);
  ids.forEach((h, i) => {
    ws.getCell(2, i + 1).value = h;
    ws.mergeCells(2, i + 1, 3, i + 1);
  });
  const types = new Map<string, QuestionType>();
  questions.forEach((q, i) => {
    const col = ids.length + 1 + i;
    ws.getCell(2, col).value = q.group || q.label;
    ws.getCell(3, col).value = q.group ? q.label : null;
    if (!q.group) ws.mergeCells(2, col, 3, col);
    types.set(q.group ? `${q.group}/${q.label}` : q.label, q.type);
  });
  // A group's header spans its questions.
  for (let c = ids.length + 1; c <= last; ) {
    const group = questions[c - ids.length - 1]!.group;
    let end = c;
    while (group && end < last && questions[end - ids.length]!.group === group) end++;
    if (group && end > c) ws.mergeCells(2, c, 2, end);
    c = end + 1;
  }
  return { file: await toBuffer(out), types, issues };
}
