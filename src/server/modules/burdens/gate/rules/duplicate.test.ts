import { describe, expect, it } from "vitest";
import type { SimilarBurden } from "../types.js";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { duplicateRequest } from "./duplicate.js";
import { buildGateBurden, buildGateContext } from "./test-factories.js";

const similar = (overrides: Partial<SimilarBurden>): SimilarBurden => ({
  id: "6f1c2a3b-0000-4000-8000-000000000001",
  admissionNumber: "230524-2025-000012-7",
  title: "村级人口基本情况统计表",
  issuerName: "饶河县民政局",
  deadline: "2025-09-20",
  similarity: 0.82,
  sharedTargets: 15,
  ...overrides,
});

describe("DUPLICATE_REQUEST", () => {
  it("points at the most similar admitted burden with its number, issuer and shared targets", () => {
    const others = [similar({ id: "b", similarity: 0.65, title: "人口台账" }), similar({}), similar({ id: "c", similarity: 0.4 })];
    const [f, ...rest] = duplicateRequest.run(buildGateBurden({ kind: "form" }), buildGateContext({ similar: others }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "DUPLICATE_REQUEST", severity: "review" });
    expect(f?.messages["zh-CN"]).toBe(
      "与已准入的“村级人口基本情况统计表”（饶河县民政局，准入编号 230524-2025-000012-7，2025-09-20 截止）相似度 82%，涉及相同的 15 个下达对象；另有 1 项相似事项。请复用其已采集的数据或与其合并，不得重复索要",
    );
    expect(f?.messages.en).toBe(
      "Resembles the admitted “村级人口基本情况统计表” (饶河县民政局, admission number 230524-2025-000012-7, due 2025-09-20) at 82%, with 15 targets in common; 1 more similar burden. Reuse the data it collects or merge with it; do not ask twice",
    );
    expect(f?.evidence).toMatchObject({
      threshold: 0.6,
      duplicateOf: { id: "6f1c2a3b-0000-4000-8000-000000000001", admissionNumber: "230524-2025-000012-7", title: "村级人口基本情况统计表", issuerName: "饶河县民政局" },
      others: [{ id: "b" }],
    });
  });

  it("is silent below the threshold, which comes from the settings", () => {
    const ctx = buildGateContext({ similar: [similar({ similarity: 0.55 })] });
    expect(duplicateRequest.run(buildGateBurden(), ctx)).toEqual([]);
    expect(duplicateRequest.run(buildGateBurden(), { ...ctx, settings: { ...DEFAULT_GATE_SETTINGS, duplicateSimilarity: 0.5 } })).toHaveLength(1);
  });

  it("never counts the burden itself, and reads well without an admission number", () => {
    const self = similar({ id: "6f1c2a3b-0000-4000-8000-0000000000aa" });
    expect(duplicateRequest.run(buildGateBurden({ id: self.id }), buildGateContext({ similar: [self] }))).toEqual([]);
    const [f] = duplicateRequest.run(buildGateBurden(), buildGateContext({ similar: [similar({ admissionNumber: null, sharedTargets: 1 })] }));
    expect(f?.messages["zh-CN"]).toContain("（饶河县民政局，2025-09-20 截止）");
    expect(f?.messages.en).toContain("(饶河县民政局, due 2025-09-20) at 82%, with 1 target in common. Reuse");
  });
});
