import type { Queryable } from "../../../db/client.js";
import { AppError } from "../../../http/errors.js";
import { effectiveDutyList } from "../lists.js";
import { writeDutyWorkbook } from "./write.js";

/** The list in force on a date as an .xlsx file to print, with a file name that says what it is. */
export async function exportDutyList(db: Queryable, unit: { code: string; name: string }, on: string): Promise<{ fileName: string; file: Buffer }> {
  const list = await effectiveDutyList(db, unit.code, on);
  if (!list) throw new AppError("DUTY_LIST_NOT_FOUND", { unit: unit.name, on });
  const edition = [list.template?.effectiveFrom, list.differences?.effectiveFrom].filter((d): d is string => !!d).sort().at(-1)!.slice(0, 4);
  const name = list.kind === "template" ? `${list.unit.name}乡镇（街道）履职事项清单` : `${list.unit.name}履职事项清单`;
  const versions = [
    list.template ? `${list.kind === "template" ? "" : "县级"}模板第 ${list.template.version} 版（${list.template.effectiveFrom} 起施行）` : null,
    list.differences ? `本乡镇调整第 ${list.differences.version} 版（${list.differences.effectiveFrom} 起施行）` : null,
  ].filter(Boolean);
  const file = await writeDutyWorkbook({
    title: `${name}（${edition}年版）`,
    subtitle: `注：本表为 ${on} 施行的清单，依据${versions.join("、")}。`,
    items: list.items,
  });
  return { fileName: `${name}（${edition}年版）.xlsx`, file };
}
