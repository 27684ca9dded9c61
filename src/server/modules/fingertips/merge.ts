import { and, eq } from "drizzle-orm";
import type { MergeProposal } from "../../../contracts/fingertips.js";
import type { Db } from "../../db/client.js";
import { authorize, regionPathOf, type Actor } from "../../kernel/actor.js";
import { prepare, preparedSimilarity } from "../../kernel/text-similarity.js";
import type { Lang } from "../../http/i18n.js";
import { getUnits } from "../org/units.js";
import { pathWithin } from "../../db/sql-helpers.js";
import { fingertipPolicy } from "./policy.js";
import { loadGrassroots, postKey, postsOf } from "./posts.js";
import { fingertipChannels } from "./schema.js";

/** Thresholds of a proposal: names this alike, audiences overlapping this much. */
export const MERGE_NAME_SIMILARITY = 0.45;
export const MERGE_OVERLAP = 0.5;
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * 整合建议: two active apps or groups of the region are proposed for merging when the same unit runs both
 * and either their names are alike or, being of one kind, their audiences overlap; or when alike names
 * reach much the same cadres. The one reaching more posts is kept. Pairwise over a region's ledger (hundreds to a few
 * thousand channels; names are prepared once).
 */
export async function mergeProposals(db: Db, actor: Actor, lang: Lang): Promise<MergeProposal[]> {
  authorize(fingertipPolicy.canOversee(actor));
  const rows = await db.select().from(fingertipChannels).where(and(eq(fingertipChannels.status, "active"), pathWithin(fingertipChannels.regionPath, regionPathOf(actor))));
  const grassroots = await loadGrassroots(db, rows.flatMap((r) => r.audiencePaths));
  const owners = new Map((await getUnits(db, [...new Set(rows.map((r) => r.ownerCode))])).map((u) => [u.code, u.name]));
  const items = rows.map((r) => ({ row: r, name: prepare(r.name), posts: new Set(postsOf(r, grassroots).map(postKey)) }));
  const en = lang === "en";
  const out: MergeProposal[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const sameOwner = a.row.ownerCode === b.row.ownerCode;
      const nameSimilarity = preparedSimilarity(a.name, b.name);
      const [small, large] = a.posts.size <= b.posts.size ? [a.posts, b.posts] : [b.posts, a.posts];
      const overlap = small.size === 0 ? 0 : [...small].filter((k) => large.has(k)).length / small.size;
      const alike = nameSimilarity >= MERGE_NAME_SIMILARITY;
      const shared = overlap >= MERGE_OVERLAP;
      const sameKind = a.row.kind === b.row.kind;
      if (!((sameOwner && (alike || (shared && sameKind))) || (alike && shared))) continue;
      const reasons: string[] = [];
      if (sameOwner) reasons.push(en ? `both run by ${owners.get(a.row.ownerCode)}` : `同为${owners.get(a.row.ownerCode)}主办`);
      if (alike) reasons.push(en ? `names ${Math.round(nameSimilarity * 100)}% alike` : `名称相似度 ${Math.round(nameSimilarity * 100)}%`);
      if (overlap > 0) reasons.push(en ? `${Math.round(overlap * 100)}% of the smaller audience is in both` : `较小一方 ${Math.round(overlap * 100)}% 的成员同时在两者中`);
      const [keep, merge] = a.posts.size > b.posts.size || (a.posts.size === b.posts.size && a.row.createdAt <= b.row.createdAt) ? [a, b] : [b, a];
      const ref = (x: typeof a) => ({ id: x.row.id, name: x.row.name, owner: owners.get(x.row.ownerCode) ?? x.row.ownerCode, posts: x.posts.size });
      out.push({ keep: ref(keep), merge: ref(merge), score: round(0.4 * nameSimilarity + 0.4 * overlap + (sameOwner ? 0.2 : 0)), nameSimilarity: round(nameSimilarity), overlap: round(overlap), sameOwner, reasons });
    }
  }
  return out.sort((x, y) => y.score - x.score);
}
