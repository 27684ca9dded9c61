import { describe, expect, it } from "vitest";
import { accompanyingMeeting, layeredMeeting } from "./meetings.js";
import { buildGateBurden, buildGateContext, listedDuty, RAOHE_TOWN } from "./test-factories.js";

const meeting = (overrides: Record<string, unknown> = {}) =>
  buildGateBurden({
    kind: "meeting",
    title: "全镇森林防火工作会议",
    text: "传达全县森林防火工作会议精神，部署本镇秋季森林防火工作。",
    issuedOn: "2025-09-01",
    deadline: "2025-09-10",
    details: { lengthMinutes: 90, attendeesPerTarget: 2, mode: "in_person" },
    ...overrides,
  });

const XIAOJIAHE = { townshipCode: "230524101000", townshipName: "小佳河镇" };

describe("陪会 ACCOMPANYING_MEETING", () => {
  it("names the townships whose duty lists hold nothing like the meeting's topic", () => {
    const ctx = buildGateContext({
      duty: [
        listedDuty({ best: { key: "B-031", name: "森林防火和林区治安", part: "basic", score: 0.81, leadDepartment: null } }),
        listedDuty({ ...XIAOJIAHE, best: { key: "B-002", name: "农村低保审核", part: "basic", score: 0.12, leadDepartment: null } }),
      ],
    });
    const [f] = accompanyingMeeting.run(meeting(), ctx);
    expect(f?.severity).toBe("review");
    expect(f?.messages["zh-CN"]).toContain("小佳河镇");
    expect(f?.messages["zh-CN"]).not.toContain(RAOHE_TOWN.name);
    expect(f?.messages["zh-CN"]).toContain("不应派人陪会");
  });

  it("stays silent when the topic is on every list, for other kinds, and for townships without a list", () => {
    const onList = buildGateContext({ duty: [listedDuty({ best: { key: "B-031", name: "森林防火", part: "basic", score: 0.9, leadDepartment: null } })] });
    expect(accompanyingMeeting.run(meeting(), onList)).toEqual([]);
    const offList = buildGateContext({ duty: [listedDuty({ best: null })] });
    expect(accompanyingMeeting.run(buildGateBurden(), offList)).toEqual([]);
    expect(accompanyingMeeting.run(meeting(), buildGateContext({ duty: [listedDuty({ hasList: false, best: null })] }))).toEqual([]);
  });
});

describe("层层开会 LAYERED_MEETING", () => {
  const parent = { id: "p1", kind: "meeting" as const, title: "全县森林防火工作视频调度会", issuedOn: "2025-09-01", deadline: "2025-09-05", quantity: null, minutesPerTarget: 90, frequency: "once" as const };

  it("flags a meeting that relays a higher meeting within the region's window of days", () => {
    const [f] = layeredMeeting.run(meeting(), buildGateContext({ parent }));
    expect(f?.code).toBe("LAYERED_MEETING");
    expect(f?.messages["zh-CN"]).toContain("全县森林防火工作视频调度会");
    expect(f?.messages.en).toContain("within 7 days");
    // Outside the window (set to 3 days), or relaying a task rather than a meeting: nothing.
    const ctx = buildGateContext({ parent });
    expect(layeredMeeting.run(meeting(), { ...ctx, settings: { ...ctx.settings, layeredMeetingDays: 3 } })).toEqual([]);
    expect(layeredMeeting.run(meeting(), buildGateContext({ parent: { ...parent, kind: "task" } }))).toEqual([]);
  });

  it("finds an unrelayed higher meeting on the same topic among the admitted ones alike", () => {
    const alike = { id: "m2", admissionNumber: "230524-2025-000003-5", title: "全县森林防火工作会议", issuerName: "饶河县应急管理局", deadline: "2025-09-08", similarity: 0.74, sharedTargets: 3, kind: "meeting" as const };
    const [f] = layeredMeeting.run(meeting(), buildGateContext({ similar: [alike] }));
    expect(f?.messages["zh-CN"]).toContain("饶河县应急管理局");
    expect(layeredMeeting.run(meeting(), buildGateContext({ similar: [{ ...alike, kind: "form" }] }))).toEqual([]);
    expect(layeredMeeting.run(meeting(), buildGateContext({ similar: [{ ...alike, deadline: "2025-08-20" }] }))).toEqual([]);
  });

  it("reads the higher meeting named as relayed (details.relaysMeetingId) when no parent is given", () => {
    const relayedMeeting = { id: "m1", title: "全县秋季森林防火视频会", deadline: "2025-09-06", issuerName: "饶河县应急管理局" };
    const [f] = layeredMeeting.run(meeting(), buildGateContext({ relayedMeeting }));
    expect(f?.code).toBe("LAYERED_MEETING");
    expect(f?.messages["zh-CN"]).toContain("饶河县应急管理局已于 2025-09-06 召开“全县秋季森林防火视频会”");
    expect(f?.evidence).toMatchObject({ relays: { title: "全县秋季森林防火视频会", date: "2025-09-06" } });
    // Held long before the window, or after this meeting: no finding.
    expect(layeredMeeting.run(meeting(), buildGateContext({ relayedMeeting: { ...relayedMeeting, deadline: "2025-08-01" } }))).toEqual([]);
    expect(layeredMeeting.run(meeting(), buildGateContext({ relayedMeeting: { ...relayedMeeting, deadline: "2025-09-12" } }))).toEqual([]);
  });
});
