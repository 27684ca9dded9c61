import type { Figures } from "../../../contracts/forms.js";
import type { Lang } from "../../http/i18n.js";
import { workbookOf } from "../burden-index/excel.js";

/** The data behind the dashboard's 一表通 chart as .xlsx (owned here: the forms module has no dashboard files). */
export function formsWorkbook(f: Figures, lang: Lang): Promise<Buffer> {
  const zh = lang === "zh-CN";
  return workbookOf([
    {
      title: zh ? `一表通减少重复填报（${f.from}至${f.to}）` : `One form: fields avoided (${f.from} to ${f.to})`,
      header: zh ? ["部门", "报表数", "字段数", "应填", "免填", "合并", "节省工时（小时）"] : ["Department", "Forms", "Fields", "Asked", "Avoided", "Merged", "Hours saved"],
      rows: [
        ...f.departments.map((d) => [d.name, d.forms, d.fields, d.asked, d.avoided, d.merged, d.hoursSaved]),
        [zh ? "合计" : "Total", f.totals.forms, f.totals.fields, f.totals.asked, f.totals.avoided, f.totals.merged, f.totals.hoursSaved],
      ],
    },
  ]);
}
