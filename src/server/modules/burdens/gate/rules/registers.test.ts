import { describe, expect, it } from "vitest";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { comprehensiveInspectionLimit, unplannedInspection } from "./inspections.js";
import { proofNotListed, secondmentUnapproved, unapprovedEvaluation } from "./registers.js";
import { buildGateBurden, buildGateContext } from "./test-factories.js";

const registers = {
  inspectionPlan: [{ code: "DJK-2025-03", title: "乡村振兴重点工作督查" }],
  approvedEvaluations: [{ code: "PB-2025-01", title: "文明村镇评选" }],
  secondmentApprovals: ["饶组借〔2025〕3号"],
  allowedProofs: ["村民身份确认证明（用于申请低保）"],
};
const ctx = buildGateContext({ registers });
const inspection = (details: Record<string, unknown>) => buildGateBurden({ kind: "inspection", title: "乡镇重点工作督查", details });

describe("UNPLANNED_INSPECTION", () => {
  it("admits an inspection of the approved plan", () => {
    expect(unplannedInspection.run(inspection({ planItemCode: "DJK-2025-03" }), ctx)).toEqual([]);
  });

  it("blocks an inspection with no plan item, or one not in the plan", () => {
    const [none] = unplannedInspection.run(inspection({}), ctx);
    expect(none).toMatchObject({ code: "UNPLANNED_INSPECTION", severity: "block", evidence: { planItemCode: null, year: 2025, planSize: 1 } });
    expect(none?.messages["zh-CN"]).toBe("督查检查考核未列入年度计划：未填写年度计划编号。计划外的督查检查考核不得开展，确需开展的须按程序报批");
    expect(none?.messages.en).toBe(
      "This inspection is in no approved annual plan: no plan item is given. An inspection outside the plan may not be held unless approved through the procedure",
    );
    const [wrong] = unplannedInspection.run(inspection({ planItemCode: "DJK-2025-99" }), ctx);
    expect(wrong?.messages["zh-CN"]).toContain("计划编号“DJK-2025-99”不在 2025 年经批准的计划（共 1 项）中");
    expect(wrong?.messages.en).toContain("the plan item “DJK-2025-99” is not in the approved plan for 2025 (1 item)");
  });

  it("says so when the region has no plan at all", () => {
    const [f] = unplannedInspection.run(inspection({ planItemCode: "DJK-2025-03" }), buildGateContext());
    expect(f?.messages["zh-CN"]).toContain("本地区 2025 年尚无经批准的督查检查考核计划");
  });

  it("leaves other kinds alone", () => {
    expect(unplannedInspection.run(buildGateBurden(), ctx)).toEqual([]);
  });
});

describe("COMPREHENSIVE_INSPECTION_LIMIT", () => {
  const usage = (n: number) => ({ ...ctx.issuerUsage, comprehensiveInspectionsThisYear: n });
  it("blocks a second comprehensive inspection in a year", () => {
    const [f] = comprehensiveInspectionLimit.run(inspection({ planItemCode: "DJK-2025-03", comprehensive: true }), { ...ctx, issuerUsage: usage(1) });
    expect(f).toMatchObject({ code: "COMPREHENSIVE_INSPECTION_LIMIT", severity: "block", evidence: { held: 1, cap: 1 } });
    expect(f?.messages["zh-CN"]).toBe("饶河县统计局 2025 年已开展 1 次综合性督查检查，规定每年不超过 1 次；请并入已有的督查检查");
    expect(f?.messages.en).toBe("饶河县统计局 has already held 1 comprehensive inspection in 2025; the limit is 1 a year. Merge it into one already held");
  });
  it("admits the first, and any specific inspection", () => {
    expect(comprehensiveInspectionLimit.run(inspection({ comprehensive: true }), { ...ctx, issuerUsage: usage(0) })).toEqual([]);
    expect(comprehensiveInspectionLimit.run(inspection({ comprehensive: false }), { ...ctx, issuerUsage: usage(5) })).toEqual([]);
    const two = { ...ctx, issuerUsage: usage(1), settings: { ...DEFAULT_GATE_SETTINGS, comprehensiveInspectionsPerYear: 2 } };
    expect(comprehensiveInspectionLimit.run(inspection({ comprehensive: true }), two)).toEqual([]);
  });
});

describe("UNAPPROVED_EVALUATION", () => {
  const evaluation = (details: { category: "commendation" | "demonstration" | "festival_forum"; approvalCode?: string }) => buildGateBurden({ kind: "evaluation", title: "评选最美村庄", details });
  it("admits an evaluation on the approved list", () => {
    expect(unapprovedEvaluation.run(evaluation({ category: "commendation", approvalCode: "PB-2025-01" }), ctx)).toEqual([]);
  });
  it("blocks one without an approval code, or with a code not on the list", () => {
    const [f] = unapprovedEvaluation.run(evaluation({ category: "demonstration" }), ctx);
    expect(f?.messages).toEqual({
      "zh-CN": "创建示范项目未经审批：未填写审批编号。未列入经批准清单的创建示范不得开展",
      en: "This demonstration campaign is not approved: no approval code is given. What is not on the approved list may not be held",
    });
    const [g] = unapprovedEvaluation.run(evaluation({ category: "festival_forum", approvalCode: "X-1" }), ctx);
    expect(g?.messages["zh-CN"]).toBe("节庆展会论坛项目未经审批：审批编号“X-1”不在经批准的年度项目清单中。未列入经批准清单的节庆展会论坛不得开展");
    expect(g?.severity).toBe("block");
  });
});

describe("SECONDMENT_UNAPPROVED and SECONDMENT_TOO_LONG", () => {
  const secondment = (details: { persons: number; months: number; approvalDocument?: string }) => buildGateBurden({ kind: "secondment", title: "借调乡镇干部", details });
  it("admits an approved secondment of up to six months", () => {
    expect(secondmentUnapproved.run(secondment({ persons: 2, months: 6, approvalDocument: "饶组借〔2025〕3号" }), ctx)).toEqual([]);
  });
  it("blocks a secondment without a recorded approval", () => {
    const [f] = secondmentUnapproved.run(secondment({ persons: 2, months: 3 }), ctx);
    expect(f?.messages).toEqual({
      "zh-CN": "借调 2 名基层干部 3 个月未经审批：未提供审批文件。借调乡镇、村干部须按规定履行审批手续",
      en: "Secondment of 2 grassroots cadres for 3 months without approval: no approval document is given. Seconding township or village cadres needs an approval",
    });
    const [g] = secondmentUnapproved.run(secondment({ persons: 1, months: 1, approvalDocument: "口头同意" }), ctx);
    expect(g?.messages.en).toContain("Secondment of 1 grassroots cadre for 1 month without approval: the approval document “口头同意” is not among the recorded approvals");
  });
  it("sends a long secondment to review, by the months of the settings", () => {
    const findings = secondmentUnapproved.run(secondment({ persons: 1, months: 12, approvalDocument: "饶组借〔2025〕3号" }), ctx);
    expect(findings).toEqual([
      {
        code: "SECONDMENT_TOO_LONG",
        severity: "review",
        messages: {
          "zh-CN": "借调期限 12 个月，超过 6 个月，基层长期缺人，请缩短期限或说明理由",
          en: "A secondment of 12 months is longer than 6: the grassroots lose the cadre for long; shorten it or give the reason",
        },
        evidence: { months: 12, maxMonths: 6, persons: 1 },
      },
    ]);
    const longer = { ...ctx, settings: { ...DEFAULT_GATE_SETTINGS, secondmentMaxMonths: 12 } };
    expect(secondmentUnapproved.run(secondment({ persons: 1, months: 12, approvalDocument: "饶组借〔2025〕3号" }), longer)).toEqual([]);
  });
});

describe("PROOF_NOT_LISTED", () => {
  const proof = (proofName: string) => buildGateBurden({ kind: "proof", title: `出具${proofName}`, details: { proofName } });
  it("blocks a proof on the list of those village committees may no longer issue", () => {
    const [f] = proofNotListed.run(proof("无犯罪记录证明"), ctx);
    expect(f).toMatchObject({ code: "PROOF_NOT_LISTED", severity: "block", evidence: { banned: "无犯罪记录证明" } });
    expect(f?.messages["zh-CN"]).toBe(
      "“无犯罪记录证明”属于不应由村（居）民委员会出具的证明事项（“无犯罪记录证明”），应由有关部门通过数据共享或自行核查，不得要求基层出具",
    );
    expect(f?.messages.en).toBe(
      "“无犯罪记录证明” is a proof village and residents' committees may no longer issue (“无犯罪记录证明”); the department must verify it itself or through shared data",
    );
    expect(proofNotListed.run(proof("开具 亲属关系证明（办理继承用）"), ctx)[0]?.evidence).toMatchObject({ banned: "亲属关系证明" });
  });
  it("admits a proof on the region's allowed list, spaces and brackets aside", () => {
    expect(proofNotListed.run(proof("村民身份确认证明(用于申请低保)"), ctx)).toEqual([]);
  });
  it("sends any other proof to review, and says when the region has no list", () => {
    const [f] = proofNotListed.run(proof("房屋使用情况证明"), ctx);
    expect(f).toMatchObject({ severity: "review" });
    expect(f?.messages["zh-CN"]).toBe("“房屋使用情况证明”：不在本地区村级组织可出具证明事项清单（共 1 项）内。清单外的证明事项须经减负办审核");
    const [g] = proofNotListed.run(proof("房屋使用情况证明"), buildGateContext());
    expect(g?.messages.en).toBe(
      "“房屋使用情况证明”: the region has published no list of proofs a village committee may issue, so it could not be checked. A proof outside the list needs the burden-reduction office's review",
    );
  });
});
