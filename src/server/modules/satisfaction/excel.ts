import type { SatisfactionResults } from "../../../contracts/satisfaction.js";
import type { Lang } from "../../http/i18n.js";
import { workbookOf } from "../burden-index/excel.js";

/** The satisfaction chart's data as .xlsx: by month, then by child unit. */
export function satisfactionWorkbook(r: SatisfactionResults, lang: Lang): Promise<Buffer> {
  const zh = lang === "zh-CN";
  const header = zh ? ["份数", "有意见", "办事便利", "干部实干时间", "留痕减少", "总体满意", "综合"] : ["Answers", "Comments", "Ease", "Cadres' time", "Less for the record", "Overall", "Mean"];
  const cells = (f: SatisfactionResults["totals"]) => [f.responses, f.comments, f.q1, f.q2, f.q3, f.q4, f.overall];
  return workbookOf([
    { title: zh ? `${r.unit.name}群众满意度（${r.from}至${r.to}，1—5分）` : `Satisfaction with ${r.unit.name} (${r.from} to ${r.to}, 1–5)`, header: [zh ? "月份" : "Month", ...header], rows: r.months.map((m) => [m.month, ...cells(m)]) },
    { title: zh ? "下级单位" : "Units below", header: [zh ? "单位" : "Unit", ...header], rows: r.children.map((c) => [c.name, ...cells(c)]) },
  ]);
}
