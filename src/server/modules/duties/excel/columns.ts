import type { DutyPart } from "../../../../contracts/duties.js";
import { normalizeName } from "../effective.js";

/** The columns of a published 履职事项清单, with the other headers found in the wild for each. */
export const COLUMNS = [
  { id: "seq", header: "序号", aliases: ["序号", "编号"], width: 7 },
  { id: "name", header: "事项名称", aliases: ["事项名称", "履职事项", "履职事项名称", "事项", "名称", "事项内容"], width: 46 },
  { id: "part", header: "类别", aliases: ["类别", "事项类别", "清单类别", "类型", "事项类型"], width: 17 },
  { id: "legalBasis", header: "履职依据", aliases: ["履职依据", "法律依据", "依据", "政策依据", "设定依据", "法规依据"], width: 44 },
  { id: "leadDepartment", header: "牵头部门", aliases: ["牵头部门", "牵头单位", "责任部门", "主管部门"], width: 22 },
  { id: "note", header: "备注", aliases: ["备注", "说明"], width: 16 },
] as const;
export type ColumnId = (typeof COLUMNS)[number]["id"];

export const PART_LABELS: Record<DutyPart, string> = { basic: "基本履职事项", cooperative: "配合履职事项", returned: "上级部门收回事项" };

const ALIASES = new Map<string, ColumnId>(COLUMNS.flatMap((c) => c.aliases.map((a) => [normalizeName(a), c.id] as const)));
export const columnOf = (header: string): ColumnId | undefined => ALIASES.get(normalizeName(header));

const PART_WORDS: [string, DutyPart][] = [
  ["基本", "basic"],
  ["配合", "cooperative"],
  ["收回", "returned"],
];

/**
 * The part a category cell, a section heading ("一、基本履职事项（42项）") or a sheet name names: the
 * one of 基本 / 配合 / 收回 it contains, when it contains exactly one.
 */
export function partFromText(text: string): DutyPart | null {
  const found = PART_WORDS.filter(([word]) => text.includes(word));
  return found.length === 1 ? found[0]![1] : null;
}

