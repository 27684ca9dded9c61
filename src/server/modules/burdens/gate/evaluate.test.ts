import { describe, expect, it } from "vitest";
import { evaluateGate } from "./evaluate.js";
import { DEFAULT_GATE_SETTINGS } from "./rules/defaults.js";
import { ALL_RULES, FINDING_CODES } from "./rules/index.js";
import { buildGateBurden, buildGateContext, listedDuty, RAOHE_TOWN, villagesOf } from "./rules/test-factories.js";
import type { GateBurden, GateContext, Rule } from "./types.js";

const codes = (r: ReturnType<typeof evaluateGate>) => r.findings.map((f) => f.code);

describe("the cases from the reports", () => {
  it("(1) a township orders 15 villages to grow an official account by 100 followers a day → returned: TRAFFIC_TARGET, DUTY_NOT_LISTED", () => {
    const villages = villagesOf(15);
    const burden = buildGateBurden({
      issuer: RAOHE_TOWN.code,
      targets: villages.map((v) => v.code),
      title: "关于推广镇政务公众号的通知",
      text: "各村要高度重视，每天新增粉丝100人，每周五前报送完成情况；未完成任务的村，村党支部书记须作出书面检讨。",
      issuedOn: "2025-09-01",
      deadline: "2025-12-31",
      frequency: "daily",
      minutesPerTarget: 30,
      quantity: { value: 100, unit: "人", per: "day" },
    });
    const ctx = buildGateContext({
      issuer: { code: RAOHE_TOWN.code, name: RAOHE_TOWN.name, level: "township", path: `100000.230000.230500.230524.${RAOHE_TOWN.code}`, orgType: null },
      targets: villages,
      duty: [listedDuty({ best: { key: "B-041", name: "宣传贯彻党的路线方针政策", part: "basic", score: 0.18, leadDepartment: null } })],
    });
    const result = evaluateGate(burden, ctx);
    expect(result.outcome).toBe("returned");
    expect(codes(result)).toEqual(["TRAFFIC_TARGET", "DUTY_NOT_LISTED"]);
    const [traffic, duty] = result.findings;
    expect(traffic?.messages["zh-CN"]).toBe(
      "下达流量指标：“每天新增粉丝100人”（含“粉丝”）。以粉丝、点赞、下载、积分、排名等数量考核基层属于“指尖上的形式主义”，不得下达",
    );
    expect(traffic?.messages.en).toMatch(/^Imposes traffic targets: “每天新增粉丝100人” \(words: 粉丝\)\./);
    expect(duty?.messages["zh-CN"]).toBe(
      "该事项不在饶河镇的履职事项清单内：最接近的清单事项“宣传贯彻党的路线方针政策”相似度仅 18%，低于 45%。清单外事项须经减负办准入审核后方可交由基层承担",
    );
  });

  it("(2) two county departments ask the same villages for similar tables within 2 days → the second: DUPLICATE_REQUEST pointing at the first, SHORT_DEADLINE", () => {
    const villages = villagesOf(8);
    const table = (issuer: string, title: string) =>
      buildGateBurden({
        kind: "form",
        issuer,
        targets: villages.map((v) => v.code),
        title,
        text: "请各村填报户籍人口、常住人口、脱贫户数、低保户数、留守老人和儿童数，11月7日前报送。",
        issuedOn: "2025-11-05",
        deadline: "2025-11-07",
        minutesPerTarget: 90,
        details: { fieldCount: 24 },
      });
    const first = table("230524D02", "2025年村级人口基本情况统计表");
    const firstResult = evaluateGate(first, buildGateContext({ targets: villages }));
    expect(codes(firstResult)).toEqual(["SHORT_DEADLINE"]);

    // Admitted as 230524-2025-000031-X, the first is what the context loader finds for the second.
    const second = table("230524D03", "村级人口及民政对象情况统计表");
    const ctx = buildGateContext({
      issuer: { code: "230524D03", name: "饶河县民政局", level: "department", path: "100000.230000.230500.230524.230524D03", orgType: "bureau" },
      targets: villages,
      similar: [
        {
          id: "0b7e9d52-5a7c-4c55-9a38-6d2b0c1f0031",
          admissionNumber: "230524-2025-000031-X",
          title: first.title,
          issuerName: "饶河县统计局",
          deadline: first.deadline,
          similarity: 0.78,
          sharedTargets: 8,
          kind: "form",
        },
      ],
    });
    const result = evaluateGate(second, ctx);
    expect(result.outcome).toBe("in_review");
    expect(codes(result)).toEqual(["SHORT_DEADLINE", "DUPLICATE_REQUEST"]);
    const duplicate = result.findings[1];
    expect(duplicate?.evidence.duplicateOf).toMatchObject({
      id: "0b7e9d52-5a7c-4c55-9a38-6d2b0c1f0031",
      admissionNumber: "230524-2025-000031-X",
      title: "2025年村级人口基本情况统计表",
      issuerName: "饶河县统计局",
    });
    expect(duplicate?.messages["zh-CN"]).toMatch(/^与已准入的“2025年村级人口基本情况统计表”（饶河县统计局，准入编号 230524-2025-000031-X，2025-11-07 截止）相似度 78%/);
    expect(result.findings[0]?.messages).toEqual({
      "zh-CN": "截止期限仅 2 个工作日，少于规定的 5 个工作日：2025-11-05 下发，2025-11-07 截止",
      en: "The deadline leaves only 2 working days, fewer than the required 5: issued 2025-11-05, due 2025-11-07",
    });
  });

  it("(3) a provincial unit schedules an inspection of townships in no approved plan → returned: UNPLANNED_INSPECTION", () => {
    const townships = ["230524100000", "230524101000", "230524102000"].map((code, i) => ({
      code,
      name: ["饶河镇", "小佳河镇", "西丰镇"][i] ?? code,
      level: "township" as const,
      path: `100000.230000.230500.230524.${code}`,
      orgType: null,
      townshipCode: code,
    }));
    const burden = buildGateBurden({
      kind: "inspection",
      issuer: "230000D07",
      targets: townships.map((t) => t.code),
      title: "全省乡镇安全生产工作实地督查",
      text: "省督查组将于10月下旬赴各乡镇实地督查，请各乡镇做好迎检准备。",
      issuedOn: "2025-09-15",
      deadline: "2025-10-31",
      minutesPerTarget: 480,
      details: { planItemCode: "HLJ-DJK-2025-117", comprehensive: false, onSite: true },
    });
    const ctx = buildGateContext({
      issuer: { code: "230000D07", name: "黑龙江省应急管理厅", level: "department", path: "100000.230000.230000D07", orgType: "bureau" },
      targets: townships,
      duty: townships.map((t) => listedDuty({ townshipCode: t.code, townshipName: t.name })),
      registers: { inspectionPlan: [{ code: "HLJ-DJK-2025-001", title: "乡村振兴重点任务督查" }], approvedEvaluations: [], secondmentApprovals: [], allowedProofs: [] },
    });
    const result = evaluateGate(burden, ctx);
    expect(result.outcome).toBe("returned");
    expect(codes(result)).toEqual(["UNPLANNED_INSPECTION"]);
    expect(result.findings[0]?.messages).toEqual({
      "zh-CN": "督查检查考核未列入年度计划：计划编号“HLJ-DJK-2025-117”不在 2025 年经批准的计划（共 1 项）中。计划外的督查检查考核不得开展，确需开展的须按程序报批",
      en: "This inspection is in no approved annual plan: the plan item “HLJ-DJK-2025-117” is not in the approved plan for 2025 (1 item). An inspection outside the plan may not be held unless approved through the procedure",
    });
  });
});

describe("evaluateGate", () => {
  it("admits a plain burden with nothing to say", () => {
    expect(evaluateGate(buildGateBurden(), buildGateContext())).toEqual({ findings: [], outcome: "admitted" });
  });

  it("admits a burden with notes only, and orders findings blocks first, then reviews, then notes", () => {
    const meeting = buildGateBurden({ kind: "meeting", title: "视频调度会", details: { lengthMinutes: 30, attendeesPerTarget: 1, mode: "video" } });
    expect(evaluateGate(meeting, buildGateContext()).outcome).toBe("admitted");
    const noisy = buildGateBurden({
      kind: "meeting",
      title: "全体会议",
      text: "参会人员须拍照签到。",
      issuedOn: "2025-09-01",
      deadline: "2025-09-02",
      details: { lengthMinutes: 180, attendeesPerTarget: 2, mode: "in_person", general: true, speechMinutes: 90 },
    });
    const result = evaluateGate(noisy, buildGateContext({ issuerUsage: { ...buildGateContext().issuerUsage, generalMeetingsThisYear: 1 } }));
    expect(result.outcome).toBe("returned");
    expect(result.findings.map((f) => `${f.severity} ${f.code}`)).toEqual([
      "block GENERAL_MEETING_LIMIT",
      "review SHORT_DEADLINE",
      "review TRACE_REQUIREMENT",
      "review SPEECH_TOO_LONG",
      "info MEETING_ATTENDANCE",
    ]);
  });

  it("turns a rule that throws into a RULE_FAILED review finding and runs the others", () => {
    const broken: Rule = {
      code: "BROKEN",
      description: { "zh-CN": "测试用的坏规则", en: "a broken rule for the test" },
      run: () => {
        throw new Error("boom");
      },
    };
    const calendar = { workingDaysBetween: () => Number.NaN, covers: () => true };
    const throwingCalendar = {
      workingDaysBetween: () => {
        throw new RangeError("not an ISO date: 2025-9-1");
      },
      covers: () => true,
    };
    const result = evaluateGate(buildGateBurden(), buildGateContext(), [broken, ...ALL_RULES]);
    expect(result.outcome).toBe("in_review");
    expect(result.findings).toEqual([
      {
        code: "RULE_FAILED",
        severity: "review",
        messages: {
          "zh-CN": "准入规则 BROKEN（测试用的坏规则）运行出错，未能完成检查，需人工审核",
          en: "The admission rule BROKEN (a broken rule for the test) failed and could not check this burden; it needs a human review",
        },
        evidence: { rule: "BROKEN", error: "boom" },
      },
    ]);
    expect(evaluateGate(buildGateBurden(), buildGateContext({ calendar })).outcome).toBe("admitted");
    const failed = evaluateGate(buildGateBurden(), buildGateContext({ calendar: throwingCalendar }));
    expect(failed.findings.map((f) => f.code)).toEqual(["RULE_FAILED"]);
    expect(failed.findings[0]?.evidence).toEqual({ rule: "SHORT_DEADLINE", error: "not an ISO date: 2025-9-1" });
  });
});

describe("the rule set", () => {
  it("holds every rule the issue asks for, each code once", () => {
    const ruleCodes = ALL_RULES.map((r) => r.code);
    expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
    expect(ruleCodes).toEqual(
      expect.arrayContaining([
        "DUTY_NOT_LISTED",
        "DUTY_RETURNED",
        "QUOTA_EXCEEDED",
        "SHORT_DEADLINE",
        "DUPLICATE_REQUEST",
        "TRACE_REQUIREMENT",
        "TRAFFIC_TARGET",
        "LAYERED_INCREASE",
        "UNPLANNED_INSPECTION",
        "UNAPPROVED_EVALUATION",
        "SECONDMENT_UNAPPROVED",
        "PROOF_NOT_LISTED",
        "DOCUMENT_TOO_LONG",
        "DOCUMENT_COUNT_INCREASE",
        "DOCUMENT_REISSUE",
        "GENERAL_MEETING_LIMIT",
        "SPEECH_TOO_LONG",
        "MEETING_ATTENDANCE",
        "COMPREHENSIVE_INSPECTION_LIMIT",
        "APP_BANNED_DEMAND",
      ]),
    );
    for (const rule of ALL_RULES) {
      expect(rule.description["zh-CN"]).toMatch(/\p{Script=Han}/u);
      expect(rule.description.en).toMatch(/^[A-Z]/);
    }
  });

  /** One burden of every kind, each made to trip as many rules as it can. */
  const heavy: [GateBurden, Partial<GateContext>][] = [
    [buildGateBurden({ kind: "task", text: "每天新增粉丝100人，拍照留痕。", issuedOn: "2030-09-30", deadline: "2030-10-01", minutesPerTarget: 5000, dutyItem: "某事项", quantity: { value: 9, unit: "人", per: "day" } }), {}],
    [buildGateBurden({ kind: "form", details: { fieldCount: 3 } }), {}],
    [buildGateBurden({ kind: "meeting", details: { lengthMinutes: 600, attendeesPerTarget: 9, mode: "video", general: true, speechMinutes: 300 } }), {}],
    [buildGateBurden({ kind: "document", text: "字".repeat(6000), details: { head: "memo", scope: "general" } }), {}],
    [buildGateBurden({ kind: "inspection", details: { comprehensive: true } }), {}],
    [buildGateBurden({ kind: "evaluation", details: { category: "festival_forum", approvalCode: "X" } }), {}],
    [buildGateBurden({ kind: "secondment", details: { persons: 3, months: 0.5 } }), {}],
    [buildGateBurden({ kind: "app", details: { appName: "某通", demands: ["points", "photo_upload"] } }), {}],
    [buildGateBurden({ kind: "workgroup", details: { groupName: "某群", demands: ["ranking"] } }), {}],
    [buildGateBurden({ kind: "plaque", details: { plaqueName: "某某工作站" } }), {}],
    [buildGateBurden({ kind: "proof", details: { proofName: "健在证明" } }), {}],
  ];
  const loaded: Partial<GateContext> = {
    settings: { ...DEFAULT_GATE_SETTINGS, issuerYearlyCap: { task: 0, form: 0, meeting: 0, document: 0 } },
    issuerUsage: { sameKindThisYear: 9, documentsThisYear: 30, documentsLastYear: 20, generalMeetingsThisYear: 4, comprehensiveInspectionsThisYear: 4 },
    duty: [listedDuty({ best: { key: "R-1", name: "某收回事项", part: "returned", score: 0.9, leadDepartment: null } }), listedDuty({ townshipCode: "230524101000", townshipName: "小佳河镇", hasList: false, best: null })],
    similar: [{ id: "x", admissionNumber: null, title: "某事项", issuerName: "某局", deadline: "2025-09-30", similarity: 0.99, sharedTargets: 2 }],
    parent: { id: "p", kind: "meeting", title: "上级事项", issuedOn: "2025-08-01", deadline: "2025-12-31", quantity: { value: 1, unit: "人", per: "day" }, minutesPerTarget: 1, frequency: "yearly" },
  };

  it.each(heavy.map(([burden, extra]) => ({ kind: burden.kind, burden, extra })))(
    "writes every message of a $kind burden in full, in both languages",
    ({ burden, extra }) => {
      const { findings } = evaluateGate(burden, buildGateContext({ ...loaded, ...extra }));
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(FINDING_CODES).toContain(f.code);
        expect(f.messages["zh-CN"], f.code).toMatch(/\p{Script=Han}/u);
        expect(f.messages.en, f.code).toMatch(/^[A-Z"“(\p{Script=Han}]/u);
        expect(f.messages.en, f.code).toMatch(/[a-z]{3,}/);
        for (const m of Object.values(f.messages)) expect(m, f.code).not.toMatch(/undefined|NaN|\[object|null|, ,|。。|，，/);
        expect(f.code).not.toBe("RULE_FAILED");
      }
    },
  );
});
