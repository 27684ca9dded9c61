import { describe, expect, it } from "vitest";
import { bigramsOf, gramText, runHas } from "./bigrams.js";

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
});
