import { describe, expect, it } from "vitest";
import type { APP_DEMANDS } from "../../../../../contracts/burdens.js";
import type { SimilarBurden } from "../types.js";
import { appBannedDemand } from "./apps.js";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { documentChars, documentCountIncrease, documentReissue, documentTooLong } from "./documents.js";
import { generalMeetingLimit, meetingAttendance, speechTooLong } from "./meetings.js";
import { buildGateBurden, buildGateContext, villagesOf } from "./test-factories.js";

/** The caps of 《整治形式主义为基层减负若干规定》 (2024) as reported: documents, meetings, apps. */

const ctx = buildGateContext();
const document = (details: Record<string, unknown>, text = "请认真贯彻落实。") =>
  buildGateBurden({ kind: "document", title: "关于加强村级统计工作的通知", text, details: { head: "red", scope: "specific", ...details } });

describe("DOCUMENT_TOO_LONG", () => {
  it("counts characters as a word processor does: no whitespace, a rare character once", () => {
    expect(documentChars("一二 三\n四\t五")).toBe(5);
    expect(documentChars("𠀀𠀁a")).toBe(3);
  });

  it("sends a specific document over 4,000 characters to review, a general one over 5,000", () => {
    const [f] = documentTooLong.run(document({ scope: "specific" }, "字".repeat(4001)), ctx);
    expect(f).toMatchObject({ code: "DOCUMENT_TOO_LONG", severity: "review", evidence: { chars: 4001, cap: 4000, scope: "specific" } });
    expect(f?.messages).toEqual({ "zh-CN": "专项文件正文 4001 字，超过 4000 字的上限，请精简", en: "The specific document runs to 4001 characters, over the cap of 4000; shorten it" });
    expect(documentTooLong.run(document({ scope: "general" }, "字".repeat(4001)), ctx)).toEqual([]);
    expect(documentTooLong.run(document({ scope: "general" }, "字".repeat(5001)), ctx)[0]?.messages["zh-CN"]).toBe("综合性文件正文 5001 字，超过 5000 字的上限，请精简");
    expect(documentTooLong.run(document({ scope: "specific" }, `${"字".repeat(4000)}\n\n   `), ctx)).toEqual([]);
  });
});

describe("DOCUMENT_COUNT_INCREASE", () => {
  const usage = (documentsThisYear: number, documentsLastYear: number) => ({ ...ctx.issuerUsage, documentsThisYear, documentsLastYear });
  it("sends a document past last year's count to review unless a reason is written", () => {
    const [f] = documentCountIncrease.run(document({}), { ...ctx, issuerUsage: usage(12, 12) });
    expect(f?.messages).toEqual({
      "zh-CN": "饶河县统计局 2025 年已发文 12 件，本件为第 13 件，超过 2024 年全年的 12 件；发文数量增加须书面说明理由",
      en: "饶河县统计局 has issued 12 documents in 2025; this one would be number 13, more than the 12 of all 2024. An increase needs a written reason",
    });
    expect(f?.severity).toBe("review");
    expect(documentCountIncrease.run(document({ increaseReason: "新增防汛任务" }), { ...ctx, issuerUsage: usage(12, 12) })).toEqual([]);
    expect(documentCountIncrease.run(document({}), { ...ctx, issuerUsage: usage(11, 12) })).toEqual([]);
  });
  it("has nothing to compare with when last year counts nothing", () => {
    expect(documentCountIncrease.run(document({}), { ...ctx, issuerUsage: usage(3, 0) })).toEqual([]);
  });
});

describe("DOCUMENT_REISSUE", () => {
  const admitted = (overrides: Partial<SimilarBurden> = {}): SimilarBurden => ({
    id: "6f1c2a3b-0000-4000-8000-0000000000d1",
    admissionNumber: "230524-2025-000020-3",
    title: "关于加强村级统计工作的通知",
    issuerName: "饶河县统计局",
    deadline: "2025-09-30",
    similarity: 0.9,
    sharedTargets: 3,
    kind: "document",
    documentHead: "red",
    ...overrides,
  });

  it("flags a white-head document that repeats an admitted red-head one", () => {
    const [f] = documentReissue.run(document({ head: "white" }), buildGateContext({ similar: [admitted({ id: "x", documentHead: "memo", similarity: 0.95 }), admitted()] }));
    expect(f).toMatchObject({ code: "DOCUMENT_REISSUE", severity: "review", evidence: { head: "white", reissueOf: { id: "6f1c2a3b-0000-4000-8000-0000000000d1", head: "red" } } });
    expect(f?.messages["zh-CN"]).toBe(
      "以白头文件下发，与已准入的红头文件“关于加强村级统计工作的通知”（饶河县统计局）相似度 90%；以白头文件、便函等形式变相发文不得规避发文数量控制",
    );
    expect(f?.messages.en).toBe(
      "Issued as a white-head document, it resembles the admitted red-head document “关于加强村级统计工作的通知” (饶河县统计局) at 90%; reissuing as a white-head document or memo may not dodge the document count",
    );
  });

  it("ignores red-head documents, other kinds among the similar ones, and weak similarity", () => {
    expect(documentReissue.run(document({ head: "red" }), buildGateContext({ similar: [admitted()] }))).toEqual([]);
    expect(documentReissue.run(document({ head: "memo" }), buildGateContext({ similar: [admitted({ kind: "form", documentHead: undefined })] }))).toEqual([]);
    expect(documentReissue.run(document({ head: "memo" }), buildGateContext({ similar: [admitted({ similarity: 0.5 })] }))).toEqual([]);
    const [memo] = documentReissue.run(document({ head: "memo" }), buildGateContext({ similar: [admitted({ kind: undefined, documentHead: undefined })] }));
    expect(memo?.messages["zh-CN"]).toMatch(/^以便函下发，与已准入的文件“/);
  });
});

const meeting = (details: Record<string, unknown>) =>
  buildGateBurden({ kind: "meeting", title: "全县统计工作会议", details: { lengthMinutes: 120, attendeesPerTarget: 2, mode: "in_person", ...details } });

describe("GENERAL_MEETING_LIMIT", () => {
  it("blocks a second general work meeting in a year", () => {
    const [f] = generalMeetingLimit.run(meeting({ general: true }), { ...ctx, issuerUsage: { ...ctx.issuerUsage, generalMeetingsThisYear: 1 } });
    expect(f).toMatchObject({ code: "GENERAL_MEETING_LIMIT", severity: "block" });
    expect(f?.messages).toEqual({
      "zh-CN": "饶河县统计局 2025 年已召开 1 次全体会议（综合性工作会议），规定每年不超过 1 次；请合并或以其他方式部署",
      en: "饶河县统计局 has already held 1 general work meeting in 2025; the limit is 1 a year. Merge it or use another channel",
    });
  });
  it("admits the first, and any meeting that is not general", () => {
    expect(generalMeetingLimit.run(meeting({ general: true }), ctx)).toEqual([]);
    expect(generalMeetingLimit.run(meeting({ general: false }), { ...ctx, issuerUsage: { ...ctx.issuerUsage, generalMeetingsThisYear: 3 } })).toEqual([]);
  });
});

describe("SPEECH_TOO_LONG", () => {
  it("sends speeches over an hour to review", () => {
    expect(speechTooLong.run(meeting({ speechMinutes: 90 }), ctx)).toEqual([
      {
        code: "SPEECH_TOO_LONG",
        severity: "review",
        messages: { "zh-CN": "会议讲话安排 90 分钟，超过 60 分钟的上限，请压缩", en: "Speeches are planned for 90 minutes, over the limit of 60; cut them down" },
        evidence: { speechMinutes: 90, cap: 60 },
      },
    ]);
    expect(speechTooLong.run(meeting({ speechMinutes: 60 }), ctx)).toEqual([]);
    expect(speechTooLong.run(meeting({}), ctx)).toEqual([]);
    expect(speechTooLong.run(meeting({ speechMinutes: 50 }), { ...ctx, settings: { ...DEFAULT_GATE_SETTINGS, speechMaxMinutes: 45 } })).toHaveLength(1);
  });
});

describe("MEETING_ATTENDANCE", () => {
  it("notes the person-hours a meeting takes from the grassroots", () => {
    const [f] = meetingAttendance.run(meeting({}), buildGateContext({ targets: villagesOf(15) }));
    expect(f).toMatchObject({ code: "MEETING_ATTENDANCE", severity: "info", evidence: { personHours: 60, targets: 15 } });
    expect(f?.messages).toEqual({
      "zh-CN": "本次现场会议占用基层共 60 人·小时：15 个单位 × 每单位 2 人 × 120 分钟",
      en: "This meeting (in person) takes 60 person-hours from the grassroots: 15 units × 2 attendees × 120 minutes",
    });
    expect(meetingAttendance.run(buildGateBurden(), ctx)).toEqual([]);
  });
});

describe("APP_BANNED_DEMAND", () => {
  it("blocks an app that demands check-ins, points or install rates", () => {
    const app = buildGateBurden({ kind: "app", title: "推广某某通", details: { appName: "某某通", demands: ["check_in", "photo_upload", "install_rate"] } });
    const [f] = appBannedDemand.run(app, ctx);
    expect(f).toMatchObject({ code: "APP_BANNED_DEMAND", severity: "block", evidence: { name: "某某通", demands: ["check_in", "install_rate"] } });
    expect(f?.messages).toEqual({
      "zh-CN": "政务应用程序“某某通”要求基层打卡签到、下载安装率，属于明令禁止的“指尖上的形式主义”",
      en: 'The app “某某通” demands check-ins and install rates of the grassroots, which is forbidden as "formalism at the fingertips"',
    });
  });
  it("blocks a work group that ranks by online time, and admits one that asks nothing banned", () => {
    const group = (demands: (typeof APP_DEMANDS)[number][]) => buildGateBurden({ kind: "workgroup", title: "建立工作群", details: { groupName: "全镇工作群", demands } });
    expect(appBannedDemand.run(group(["online_time", "ranking"]), ctx)[0]?.messages["zh-CN"]).toBe(
      "工作群“全镇工作群”要求基层在线时长、排名通报，属于明令禁止的“指尖上的形式主义”",
    );
    expect(appBannedDemand.run(group(["forwarding"]), ctx)).toEqual([]);
    expect(appBannedDemand.run(group([]), ctx)).toEqual([]);
  });
});
