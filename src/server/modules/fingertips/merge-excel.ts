import type { Db } from "../../db/client.js";
import type { Actor } from "../../kernel/actor.js";
import { writeTable } from "../../kernel/excel/table.js";
import { mergeProposals } from "./merge.js";

/**
 * 整合建议 as a sheet, for the office's meeting with the units that run them: one proposal a row, the
 * channel kept and the one merged into it, and why. Computed from the ledger each time, so out only: the
 * decision itself is taken on the page (close or merge, audited).
 */
const COLUMNS = [
  { id: "keep", header: "保留", width: 30 },
  { id: "keepOwner", header: "保留方主办单位", width: 24 },
  { id: "keepPosts", header: "保留方覆盖岗位数", width: 12 },
  { id: "merge", header: "并入", width: 30 },
  { id: "mergeOwner", header: "并入方主办单位", width: 24 },
  { id: "mergePosts", header: "并入方覆盖岗位数", width: 12 },
  { id: "score", header: "建议强度", width: 10 },
  { id: "nameSimilarity", header: "名称相似度", width: 10 },
  { id: "overlap", header: "成员重合比例", width: 10 },
  { id: "reasons", header: "理由", width: 50 },
] as const;

const percent = (x: number) => `${Math.round(x * 100)}%`;

export async function exportMergeProposals(db: Db, actor: Actor): Promise<Buffer> {
  const items = await mergeProposals(db, actor, "zh-CN");
  return writeTable({
    title: `${actor.scope.name}政务应用、公众号、工作群整合建议`,
    sheet: "整合建议",
    columns: COLUMNS,
    rows: items.map((p) => ({
      keep: p.keep.name,
      keepOwner: p.keep.owner,
      keepPosts: p.keep.posts,
      merge: p.merge.name,
      mergeOwner: p.merge.owner,
      mergePosts: p.merge.posts,
      score: p.score,
      nameSimilarity: percent(p.nameSimilarity),
      overlap: percent(p.overlap),
      reasons: p.reasons.join("；"),
    })),
  });
}
