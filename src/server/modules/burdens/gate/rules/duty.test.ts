import { describe, expect, it } from "vitest";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { dutyNotListed, dutyReturned } from "./duty.js";
import { buildGateBurden, buildGateContext, listedDuty } from "./test-factories.js";

const far = { key: "B-001", name: "村级组织建设", part: "basic" as const, score: 0.21, leadDepartment: null };
const returned = { key: "R-009", name: "农村土地承包经营权确权登记", part: "returned" as const, score: 0.8, leadDepartment: "县农业农村局" };

describe("DUTY_NOT_LISTED", () => {
  it("is silent when the closest item reaches the threshold", () => {
    expect(dutyNotListed.run(buildGateBurden(), buildGateContext())).toEqual([]);
  });

  it("flags a task no item of the township's list reaches, for review, with the closest item and the numbers", () => {
    const [f, ...rest] = dutyNotListed.run(buildGateBurden(), buildGateContext({ duty: [listedDuty({ best: far })] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "DUTY_NOT_LISTED", severity: "review" });
    expect(f?.messages["zh-CN"]).toBe(
      "该事项不在饶河镇的履职事项清单内：最接近的清单事项“村级组织建设”相似度仅 21%，低于 45%。清单外事项须经减负办准入审核后方可交由基层承担",
    );
    expect(f?.messages.en).toBe(
      "Not on the duty list of 饶河镇: the closest item “村级组织建设” matches only 21%, below 45%. Work outside the list needs the burden-reduction office's review before it is handed down",
    );
    expect(f?.evidence).toMatchObject({ threshold: 0.45, citedItem: null, townships: [{ code: "230524100000", name: "饶河镇", best: far }] });
  });

  it("accepts an item the issuer cited and the list holds, however far the wording", () => {
    const cited = { ...far, score: 0.1 };
    expect(dutyNotListed.run(buildGateBurden({ dutyItem: "村级组织建设" }), buildGateContext({ duty: [listedDuty({ cited, best: far })] }))).toEqual([]);
  });

  it("says so when the cited item is not on the list, and when the list holds nothing similar", () => {
    const [f] = dutyNotListed.run(buildGateBurden({ dutyItem: "政务新媒体运营" }), buildGateContext({ duty: [listedDuty({ best: null })] }));
    expect(f?.messages["zh-CN"]).toContain("所引用的“政务新媒体运营”不在清单中；清单中没有相近的事项");
    expect(f?.messages.en).toContain("the cited item “政务新媒体运营” is not on the list; the list holds nothing similar");
  });

  it("names every township whose list misses it", () => {
    const duty = ["饶河镇", "小佳河镇", "西丰镇"].map((name, i) => listedDuty({ townshipCode: `23052410${i}000`, townshipName: name, best: far }));
    const [f] = dutyNotListed.run(buildGateBurden(), buildGateContext({ duty }));
    expect(f?.messages["zh-CN"]).toMatch(/^该事项不在饶河镇、小佳河镇、西丰镇的履职事项清单内/);
    expect(f?.messages.en).toMatch(/^Not on the duty lists of 饶河镇, 小佳河镇 and 西丰镇:/);
    expect((f?.evidence.townships as unknown[]).length).toBe(3);
  });

  it("says a township has no list rather than guessing", () => {
    const findings = dutyNotListed.run(buildGateBurden(), buildGateContext({ duty: [listedDuty({ hasList: false, best: null })] }));
    expect(findings).toEqual([
      {
        code: "DUTY_LIST_MISSING",
        severity: "info",
        messages: { "zh-CN": "饶河镇尚无生效的履职事项清单，无法核对该事项是否属于其职责", en: "饶河镇 has no duty list in force, so the task could not be checked against one" },
        evidence: { townships: [{ code: "230524100000", name: "饶河镇" }] },
      },
    ]);
  });

  it("takes its threshold from the settings", () => {
    const strict = { ...DEFAULT_GATE_SETTINGS, dutyMatchSimilarity: 0.9 };
    expect(dutyNotListed.run(buildGateBurden(), buildGateContext({ settings: strict }))[0]?.code).toBe("DUTY_NOT_LISTED");
  });

  it("leaves meetings, documents and the other kinds to their own rules", () => {
    const meeting = buildGateBurden({ kind: "meeting", details: { lengthMinutes: 60, attendeesPerTarget: 1, mode: "video" } });
    expect(dutyNotListed.run(meeting, buildGateContext({ duty: [listedDuty({ best: far })] }))).toEqual([]);
  });
});

describe("DUTY_RETURNED", () => {
  it("blocks work whose closest item was returned to the higher level, naming the department that owns it", () => {
    const [f] = dutyReturned.run(buildGateBurden({ title: "开展土地确权登记" }), buildGateContext({ duty: [listedDuty({ best: returned })] }));
    expect(f).toMatchObject({ code: "DUTY_RETURNED", severity: "block" });
    expect(f?.messages["zh-CN"]).toBe(
      "“农村土地承包经营权确权登记”已列入饶河镇的上级部门收回事项（相似度 80%），应由县农业农村局承担，不得再交由乡镇、村承担",
    );
    expect(f?.messages.en).toBe(
      "“农村土地承包经营权确权登记” is on the list of work returned to the higher level for 饶河镇 (match 80%); it is 县农业农村局's to do; it may not be pushed down to townships or villages again",
    );
  });

  it("blocks a cited item that was returned", () => {
    const [f] = dutyReturned.run(buildGateBurden({ dutyItem: "农村土地承包经营权确权登记" }), buildGateContext({ duty: [listedDuty({ cited: { ...returned, score: 1 }, best: far })] }));
    expect(f?.messages["zh-CN"]).toContain("（所引用的清单事项）");
    expect(f?.evidence).toMatchObject({ townships: [{ code: "230524100000", item: { key: "R-009" } }] });
  });

  it("ignores a returned item below the threshold (DUTY_NOT_LISTED speaks then) and a basic one", () => {
    expect(dutyReturned.run(buildGateBurden(), buildGateContext({ duty: [listedDuty({ best: { ...returned, score: 0.3 } })] }))).toEqual([]);
    expect(dutyReturned.run(buildGateBurden(), buildGateContext())).toEqual([]);
    expect(dutyReturned.run(buildGateBurden(), buildGateContext({ duty: [listedDuty({ hasList: false, best: returned })] }))).toEqual([]);
  });
});
