import type { DutyPart } from "../../../contracts/duties.js";
import { normalizeName } from "./effective.js";

/**
 * Item keys are stable across versions so that a township's differences keep pointing at the same
 * template item. An item without a key takes the key its name had in the previous version; a new item
 * takes the next unused number of its part: B (basic), C (cooperative), R (returned), prefixed with T
 * for a township's own items (TB001). A key once used is never given to another item.
 */
const LETTER: Record<DutyPart, string> = { basic: "B", cooperative: "C", returned: "R" };

type Named = { key?: string | null; part: DutyPart; name: string };

export function assignKeys<T extends Named>(
  items: readonly T[],
  previous: readonly { key: string; part: DutyPart; name: string }[],
  usedKeys: Iterable<string>,
  prefix: "" | "T",
): (T & { key: string })[] {
  const taken = new Set<string>(items.flatMap((i) => (i.key ? [i.key] : [])));
  const byPartName = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const p of previous) {
    byPartName.set(`${p.part}|${normalizeName(p.name)}`, p.key);
    if (!byName.has(normalizeName(p.name))) byName.set(normalizeName(p.name), p.key);
  }
  const next = new Map<string, number>();
  for (const key of [...usedKeys, ...taken]) {
    const m = /^(T?[BCR])(\d+)$/.exec(key);
    if (m) next.set(m[1]!, Math.max(next.get(m[1]!) ?? 1, Number(m[2]) + 1));
  }
  return items.map((item) => {
    if (item.key) return { ...item, key: item.key };
    const name = normalizeName(item.name);
    const reused = byPartName.get(`${item.part}|${name}`) ?? byName.get(name);
    if (reused && !taken.has(reused)) {
      taken.add(reused);
      return { ...item, key: reused };
    }
    const series = `${prefix}${LETTER[item.part]}`;
    let n = next.get(series) ?? 1;
    while (taken.has(`${series}${String(n).padStart(3, "0")}`)) n++;
    const key = `${series}${String(n).padStart(3, "0")}`;
    next.set(series, n + 1);
    taken.add(key);
    return { ...item, key };
  });
}
