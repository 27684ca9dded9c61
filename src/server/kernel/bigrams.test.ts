import { describe, expect, it } from "vitest";
import { bigramsOf, distinctBigramsIn, GramIndex, gramText, runHas } from "./bigrams.js";

describe("bigrams as numbers", () => {
  it("stand for the characters of each pair, characters beyond the basic plane whole", () => {
    expect(bigramsOf("耕地面积").map(gramText)).toEqual(["耕地", "地面", "面积"]);
    expect(bigramsOf("𠮷林村").map(gramText)).toEqual(["𠮷林", "林村"]);
    expect(bigramsOf("村").map(gramText)).toEqual(["村"]);
    expect(bigramsOf("")).toEqual([]);
  });

  it("keep repeats, and a lone character never equals a pair", () => {
    expect(bigramsOf("统计统计")).toHaveLength(3);
    expect(new Set([...bigramsOf("村"), ...bigramsOf("村村")]).size).toBe(2);
  });

  it("are found in a text without building its bigrams, as substrings are", () => {
    const run = "农村𠮷林水库巡查";
    for (const probe of ["农村", "𠮷林", "林水", "巡查", "村", "𠮷", "查农", "水巡", "林", "库巡"]) {
      const [gram] = bigramsOf(probe);
      expect(runHas(run, gram!)).toBe(run.includes(probe));
    }
  });

  it("are counted distinct, and those a text shares, as a set of them counts them", () => {
    const alphabet = [..."统计各村耕地面积报表𠮷林水库巡查ab"];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const mine = new Set(bigramsOf("统计各村耕地面积报表关于水库"));
    // Short texts, a lone character, the empty text, and texts longer than the reused table holds at first.
    const runs = ["", "村", "村村", ...Array.from({ length: 200 }, (_, i) => Array.from({ length: 1 + (next() % (i < 190 ? 60 : 9000)) }, () => alphabet[next() % alphabet.length]).join(""))];
    for (const run of runs) {
      const distinct = new Set(bigramsOf(run));
      const shared = [...distinct].filter((g) => mine.has(g)).length;
      expect(distinctBigramsIn(run, mine)).toEqual({ distinct: distinct.size, shared });
    }
  });
});

describe("GramIndex (a title's bigrams, numbered)", () => {
  const texts = ["各村耕地面积统计表", "𠮷林水库巡查记录", "安全生产执法检查和统计报表报送", "村", "𠮷"];

  it("numbers each distinct bigram once, in order, and knows no other", () => {
    const grams = texts.flatMap(bigramsOf);
    const index = new GramIndex(grams);
    expect(index.grams).toEqual([...new Set(grams)]);
    index.grams.forEach((g, n) => expect(index.indexOf(g)).toBe(n));
    for (const g of bigramsOf("农村人居环境整治")) if (!grams.includes(g)) expect(index.indexOf(g)).toBe(-1);
  });

  it("finds every one of thousands of bigrams past collisions", () => {
    const run = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join("");
    const grams = bigramsOf(run);
    const index = new GramIndex(grams);
    const distinct = [...new Set(grams)];
    expect(index.grams.length).toBe(distinct.length);
    distinct.forEach((g, n) => expect(index.indexOf(g)).toBe(n));
    expect(index.indexOf(bigramsOf("𠮷林")[0]!)).toBe(-1);
  });

  it("marks the pairs a run holds as bigramsOf reads them, and leaves other marks alone", () => {
    const index = new GramIndex(texts.flatMap(bigramsOf));
    const marks = new Float64Array(index.grams.length).fill(1);
    index.markPairsIn("填报耕地面积和𠮷林水库", marks, 2);
    const held = new Set(bigramsOf("填报耕地面积和𠮷林水库"));
    index.grams.forEach((g, n) => expect(marks[n]).toBe(held.has(g) && g >= 0x110000 ? 2 : 1));
    expect(marks.filter((m) => m === 2).length).toBeGreaterThan(3);
  });
});
