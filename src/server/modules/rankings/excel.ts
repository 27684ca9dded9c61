import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { writeRegisterSheet } from "../meetings/sheet.js";
import { listRankings, rankingCounts } from "./registry.js";

const KIND = { ranking_notice: "排名通报", assessment: "考核" } as const;

/** The register of a year, each one with its status and the reason it was cancelled, then the counts against last year. */
export async function exportRankings(db: Db, actor: Actor, year: number): Promise<Buffer> {
  const [list, counts] = await Promise.all([listRankings(db, actor, { year, limit: 1000 }), rankingCounts(db, actor, year)]);
  const rows: Record<string, string | number>[] = list.items.map((r) => ({
    kind: KIND[r.kind],
    issuer: r.issuer.name,
    title: r.title,
    ranked: r.ranked,
    indicators: r.indicatorCount,
    targets: r.targetCount,
    status: r.status === "cancelled" ? "已取消" : "有效",
    reason: r.cancelReason ?? "",
  }));
  rows.push({}, { kind: "汇总", issuer: "单位", title: `${year} 年有效数（上年）`, ranked: "指标数（上年）", indicators: "指标变化" });
  for (const c of counts.items) {
    rows.push({
      kind: KIND[c.kind],
      issuer: c.issuer.name,
      title: `${c.thisYear.inForce}（${c.lastYear.inForce}），取消 ${c.thisYear.cancelled}`,
      ranked: `${c.thisYear.indicators}（${c.lastYear.indicators}）`,
      indicators: c.indicatorChangePct === null ? String(c.indicatorChange) : `${c.indicatorChange}（${c.indicatorChangePct}%）`,
    });
  }
  return writeRegisterSheet({
    sheet: "排名通报与考核指标",
    title: `${actor.scope.name} ${year} 年排名通报与考核指标`,
    columns: [
      { key: "kind", header: "类别", width: 10 },
      { key: "issuer", header: "发布单位", width: 22 },
      { key: "title", header: "名称", width: 36 },
      { key: "ranked", header: "排名/考核内容", width: 30 },
      { key: "indicators", header: "指标数", width: 10 },
      { key: "targets", header: "对象数", width: 8 },
      { key: "status", header: "状态", width: 8 },
      { key: "reason", header: "取消理由", width: 36 },
    ],
    rows,
  });
}
