import { prepare, preparedSimilarity } from "../../kernel/text-similarity.js";

/** Names at least this alike are taken for the same plaque. */
export const PLAQUE_MATCH_SIMILARITY = 0.6;

const normalize = (s: string) => s.replace(/[\s·•（）()“”"]/g, "").toLowerCase();

/** The village's own name at the head of a plaque (“饶河村党群服务中心”) says nothing about which plaque it is. */
export function withoutVillage(name: string, villageName: string): string {
  const short = villageName.replace(/(村民委员会|村委会|居民委员会|居委会|社区村委会)$/, "");
  for (const head of [villageName, `${short}村`, `${short}社区`, short]) if (head && name.startsWith(head) && name.length > head.length + 1) return name.slice(head.length);
  return name;
}

export type PlaqueMatch = { name: string; score: number } | null;

/**
 * The allowed plaque a hung one is taken for: the same name, an allowed name found whole inside it, or
 * the most alike name above the threshold (words and bigrams, kernel/text-similarity).
 */
export function matchPlaque(name: string, villageName: string, allowed: readonly string[]): { match: PlaqueMatch; allowed: boolean } {
  const own = withoutVillage(name, villageName);
  const key = normalize(own);
  let best: PlaqueMatch = null;
  const q = prepare(own);
  for (const a of allowed) {
    const k = normalize(a);
    const score = k === key ? 1 : key.includes(k) && k.length >= 4 ? 0.95 : preparedSimilarity(q, prepare(a));
    if (!best || score > best.score) best = { name: a, score: Math.round(score * 100) / 100 };
  }
  return { match: best && best.score > 0 ? best : null, allowed: !!best && best.score >= PLAQUE_MATCH_SIMILARITY };
}
