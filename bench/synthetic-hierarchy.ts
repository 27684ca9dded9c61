import { NATION_CODE } from "../src/contracts/roles.js";
import type { DivisionRow } from "../src/server/modules/org/divisions/source.js";

/**
 * A synthetic national hierarchy in the real code shapes, deterministic for a seed:
 *   province PP0000, city PPCC00, county PPCCXX (6 digits, GB/T 2260),
 *   township = county + TTT + "000", village = township's first 9 digits + VVV (12 digits).
 * The nation root (NATION_CODE) is not yielded: the importer's NATION_ROW goes first.
 */
export type HierarchySize = { provinces: number; cities: number; counties: number; townships: number; villages: number };

/** The scale of DESIGN.md §4. */
export const NATIONAL: HierarchySize = { provinces: 31, cities: 333, counties: 2850, townships: 38000, villages: 600000 };

/** The 31 province-level codes of the mainland. */
const PROVINCE_PREFIXES = [
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
  "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
];

/** Small, fast, seedable PRNG (mulberry32); returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` children over `parents`: at least one each, the rest at random, never above `max`. */
export function spread(total: number, parents: number, max: number, rand: () => number): number[] {
  if (total < parents || total > parents * max) throw new Error(`cannot spread ${total} over ${parents} parents (1..${max} each)`);
  const counts = new Array<number>(parents).fill(1);
  for (let left = total - parents; left > 0; ) {
    const i = Math.floor(rand() * parents);
    if ((counts[i] ?? 0) < max) {
      counts[i] = (counts[i] ?? 0) + 1;
      left--;
    }
  }
  return counts;
}

const NAME_CHARS = "东南西北安平宁和兴华新丰永昌广福长清河山阳明泰康德隆盛源利民乐红星光荣胜利团结建设";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Total number of rows the importer receives, nation included. */
export const rowCount = (size: HierarchySize) => 1 + size.provinces + size.cities + size.counties + size.townships + size.villages;

/** Yields the hierarchy top-down: provinces, cities, counties, townships, villages. */
export function* syntheticHierarchy(size: HierarchySize = NATIONAL, seed = 2026): Generator<DivisionRow> {
  if (size.provinces > PROVINCE_PREFIXES.length) throw new Error(`at most ${PROVINCE_PREFIXES.length} provinces`);
  const rand = seededRandom(seed);
  const name = (n: number, suffix: string) => {
    const a = NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)] ?? "";
    const b = NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)] ?? "";
    return `${a}${b}第${n}${suffix}`;
  };

  const provinces = PROVINCE_PREFIXES.slice(0, size.provinces).map((p) => `${p}0000`);
  for (const [i, code] of provinces.entries()) yield { code, name: name(i + 1, "省"), level: "province", parentCode: NATION_CODE, provinceCode: code };

  const cities: { code: string; provinceCode: string }[] = [];
  const citiesPer = spread(size.cities, provinces.length, 99, rand);
  for (const [pi, provinceCode] of provinces.entries()) {
    for (let c = 1; c <= (citiesPer[pi] ?? 0); c++) {
      const code = `${provinceCode.slice(0, 2)}${pad(c, 2)}00`;
      cities.push({ code, provinceCode });
      yield { code, name: name(cities.length, "市"), level: "city", parentCode: provinceCode, provinceCode };
    }
  }

  const counties: { code: string; provinceCode: string }[] = [];
  const countiesPer = spread(size.counties, cities.length, 99, rand);
  for (const [ci, city] of cities.entries()) {
    for (let k = 1; k <= (countiesPer[ci] ?? 0); k++) {
      const code = `${city.code.slice(0, 4)}${pad(k, 2)}`;
      counties.push({ code, provinceCode: city.provinceCode });
      yield { code, name: name(counties.length, "县"), level: "county", parentCode: city.code, provinceCode: city.provinceCode };
    }
  }

  const townships: { code: string; provinceCode: string }[] = [];
  const townshipsPer = spread(size.townships, counties.length, 999, rand);
  for (const [ki, county] of counties.entries()) {
    for (let t = 1; t <= (townshipsPer[ki] ?? 0); t++) {
      const code = `${county.code}${pad(t, 3)}000`;
      townships.push({ code, provinceCode: county.provinceCode });
      const suffix = t % 4 === 0 ? "街道" : t % 2 === 0 ? "乡" : "镇";
      yield { code, name: name(townships.length, suffix), level: "township", parentCode: county.code, provinceCode: county.provinceCode };
    }
  }

  const villagesPer = spread(size.villages, townships.length, 999, rand);
  let villageNo = 0;
  for (const [ti, township] of townships.entries()) {
    for (let v = 1; v <= (villagesPer[ti] ?? 0); v++) {
      const code = `${township.code.slice(0, 9)}${pad(v, 3)}`;
      yield { code, name: name(++villageNo, v % 5 === 0 ? "社区" : "村"), level: "village", parentCode: township.code, provinceCode: township.provinceCode };
    }
  }
}
