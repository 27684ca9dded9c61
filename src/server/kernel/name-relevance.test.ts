import { describe, expect, it } from "vitest";
import { coverage, prepareName, relevance, relevanceTo } from "./name-relevance.js";
import { prepare } from "./text-similarity.js";

describe("relevance of a duty name to a request", () => {
  const score = (name: string, title: string, body = "") => relevance(prepareName(name), prepare(title), body ? prepare(`${title}\n${body}`) : null);

  it("finds a request under one clause of a duty named by several (A和B)", () => {
    expect(score("统计调查和统计报表报送", "关于报送各村耕地面积及种植结构统计表的通知")).toBeGreaterThanOrEqual(0.8);
    expect(score("安全生产执法检查和行政处罚", "组织开展安全生产执法检查")).toBeGreaterThanOrEqual(0.9);
  });

  it("reads the body too, at a discount", () => {
    const title = "2026年第四季度农村住户样本轮换登记";
    expect(score("统计调查和统计报表报送", title, "按国家统计调查制度，请样本村配合完成住户调查样本轮换登记。")).toBeGreaterThan(score("统计调查和统计报表报送", title));
  });

  it("gives little to a name that shares one common word, and nothing to an unrelated one", () => {
    expect(score("普法宣传和法治乡镇建设", "组织开展扫黑除恶宣传")).toBeLessThan(0.45);
    expect(score("新时代文明实践和移风易俗", "公众号涨粉")).toBe(0);
  });

  it("weighs words by what they tell: the rare word found counts more than the common one", () => {
    const name = prepare("粮食生产");
    expect(coverage(name, prepare("粮食"))).toBeGreaterThan(coverage(name, prepare("生产")));
  });
});

describe("relevance with the request fixed (relevanceTo, the gate's path)", () => {
  it("scores every name as relevance does, names and titles with words of one character beyond the basic plane included", () => {
    const words = ["统计", "报表", "耕地面积", "种植结构", "安全生产", "执法检查", "𠮷", "𠮷林", "水库", "巡查", "记录", "和", "及", "村", "公众号", "粉丝", "涨粉", "统计表", "调查", "、", "农村", "人居环境", "整治"];
    let seed = 11;
    const pick = () => words[(seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % words.length]!;
    const phrase = (n: number) => Array.from({ length: n }, pick).join("");
    const names = Array.from({ length: 120 }, (_, i) => prepareName(phrase(1 + (i % 6))));
    for (let t = 0; t < 25; t++) {
      const title = prepare(phrase(1 + (t % 7)));
      const body = t % 3 === 0 ? null : prepare(`${phrase(8)}\n${phrase(20)}`);
      const fixed = relevanceTo(title, body);
      for (const name of names) expect(fixed(name)).toBeCloseTo(relevance(name, title, body), 12);
    }
    // Requests scored side by side (two checks at once) answer as each does alone: each keeps its own memo.
    const [a, b] = [prepare(phrase(4)), prepare(phrase(5))];
    const [body1, body2] = [prepare(phrase(12)), prepare(phrase(9))];
    const [first, second] = [relevanceTo(a, body1), relevanceTo(b, body2)];
    for (const name of names) {
      expect(first(name)).toBeCloseTo(relevance(name, a, body1), 12);
      expect(second(name)).toBeCloseTo(relevance(name, b, body2), 12);
    }
    // Not all nothing: the comparison above saw scores of every size.
    const spread = names.map((n) => relevance(n, prepare("𠮷林水库巡查统计报表"), null));
    expect(Math.max(...spread)).toBeGreaterThan(0.5);
    expect(spread.filter((x) => x > 0 && x < 0.5).length).toBeGreaterThan(0);
  });
});
