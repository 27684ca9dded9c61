import { finding, type GateBurden, type GateContext, type Rule, type SimilarBurden } from "../types.js";
import { count, pct } from "./text.js";

/**
 * Ask once 一次采集: an admitted burden to the same targets that asks the same thing makes a second one
 * redundant. The context brings the admitted burdens that share targets, scored by text similarity.
 */

/** Admitted burdens at or above the duplicate threshold, the most similar first (then the most shared targets). */
export function duplicatesOf(burden: GateBurden, ctx: GateContext): SimilarBurden[] {
  return ctx.similar
    .filter((s) => s.similarity >= ctx.settings.duplicateSimilarity && s.id !== burden.id)
    .sort((a, b) => b.similarity - a.similarity || b.sharedTargets - a.sharedTargets);
}

export const evidenceOf = (s: SimilarBurden) => ({
  id: s.id,
  admissionNumber: s.admissionNumber,
  title: s.title,
  issuerName: s.issuerName,
  deadline: s.deadline,
  similarity: s.similarity,
  sharedTargets: s.sharedTargets,
});

const numberZh = (s: SimilarBurden) => (s.admissionNumber ? `，准入编号 ${s.admissionNumber}` : "");
const numberEn = (s: SimilarBurden) => (s.admissionNumber ? `, admission number ${s.admissionNumber}` : "");

export const duplicateRequest: Rule = {
  code: "DUPLICATE_REQUEST",
  description: { "zh-CN": "与已准入事项重复索要", en: "Asks again what an admitted burden already asks" },
  run: (burden, ctx) => {
    const matches = duplicatesOf(burden, ctx);
    const first = matches[0];
    if (!first) return [];
    const more = matches.length - 1;
    const moreZh = more ? `；另有 ${more} 项相似事项` : "";
    const moreEn = more ? `; ${count(more, "more similar burden")}` : "";
    return [
      finding(
        "DUPLICATE_REQUEST",
        "review",
        `与已准入的“${first.title}”（${first.issuerName}${numberZh(first)}，${first.deadline} 截止）相似度 ${pct(first.similarity)}，` +
          `涉及相同的 ${first.sharedTargets} 个下达对象${moreZh}。请复用其已采集的数据或与其合并，不得重复索要`,
        `Resembles the admitted “${first.title}” (${first.issuerName}${numberEn(first)}, due ${first.deadline}) at ${pct(first.similarity)}, ` +
          `with ${count(first.sharedTargets, "target")} in common${moreEn}. Reuse the data it collects or merge with it; do not ask twice`,
        { threshold: ctx.settings.duplicateSimilarity, duplicateOf: evidenceOf(first), others: matches.slice(1, 10).map(evidenceOf) },
      ),
    ];
  },
};
