import { describe, expect, it } from "vitest";
import type { IndicatorRow } from "./catalog.js";
import { DEMO_INDICATORS } from "./demo-catalog.js";
import type { ColumnInfo } from "./excel/read-form.js";
import { prepareCatalog, proposeFor } from "./mapping.js";

/**
 * Proposals for a 60-column form against a catalog of 20,000 indicators still find the exact names. How
 * long it takes is a figure for bench/, never a limit in a test (these machines are noisy).
 */
const WORDS = ["耕地", "人口", "户数", "面积", "收入", "养殖", "存栏", "播种", "产量", "补贴", "救助", "学校", "道路", "饮水", "卫生", "合作社", "劳动力", "外出", "危房", "光伏", "林地", "草地", "渔业", "电商", "旅游", "垃圾", "污水", "厕所", "党员", "网格"];
const w = (i: number) => WORDS[i % WORDS.length]!;

function syntheticCatalog(): IndicatorRow[] {
  const rows = Array.from({ length: 20_000 - DEMO_INDICATORS.length }, (_, i) => ({
    code: `X${i}`, name: `${w(i)}${w(i * 7 + 3)}${w(i * 13 + 5)}${i % 97}`, aliases: [`${w(i * 7 + 3)}${w(i)}`], unit: ["人", "户", "亩", "万元"][i % 4]!, type: "number",
  }));
  return [...rows, ...DEMO_INDICATORS].map((r, i) => ({ ...r, id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}` }) as unknown as IndicatorRow);
}

describe("mapping proposals at catalog scale", () => {
  it("proposes for 60 columns against 20,000 indicators, still finding exact names", () => {
    const catalog = prepareCatalog(syntheticCatalog());
    const columns: ColumnInfo[] = Array.from({ length: 60 }, (_, i) => ({
      sheet: "表", col: i + 1, header: "", unit: "", role: "indicator", name: i % 2 ? DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.name : `${w(i)}${w(i + 4)}情况`,
    }));
    const proposals = columns.map((c) => proposeFor(c, catalog));
    proposals.forEach((p, i) => {
      if (i % 2) expect(p.code).toBe(DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.code);
    });
  });
});
