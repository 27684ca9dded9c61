import { CATEGORY_NAMES, type CaseStatistics } from "../../../contracts/cases.js";
import type { Lang } from "../../http/i18n.js";
import { workbookOf } from "../burden-index/excel.js";

/** The data behind the dashboard's case chart as .xlsx. */
export function casesWorkbook(c: CaseStatistics, lang: Lang): Promise<Buffer> {
  const zh = lang === "zh-CN";
  return workbookOf([
    {
      title: zh ? `问题线索统计（${c.from}至${c.to}）` : `Cases (${c.from} to ${c.to})`,
      header: zh ? ["类别", "受理", "办结"] : ["Category", "Received", "Closed"],
      rows: [
        ...c.byCategory.map((x) => [zh ? CATEGORY_NAMES[x.category].zh : CATEGORY_NAMES[x.category].en, x.received, x.closed]),
        [zh ? "合计" : "Total", c.received, c.closed],
      ],
    },
    {
      title: zh ? "办理情况" : "Handling",
      header: zh ? ["查实", "办结用时中位数（天）", "超期未办结"] : ["Substantiated", "Median days to close", "Overdue"],
      rows: [[c.substantiated, c.medianDaysToClose ?? "—", c.overdue]],
    },
  ]);
}
