import { describe, expect, it } from "vitest";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { buildGateBurden, buildGateContext } from "./test-factories.js";
import { matchersFor } from "./text.js";
import { traceRequirement, trafficTarget } from "./wording.js";

const ctx = buildGateContext();
const trace = (text: string, title = "关于开展入户走访的通知") => traceRequirement.run(buildGateBurden({ title, text }), ctx);
const traffic = (text: string, extra: Parameters<typeof buildGateBurden>[0] = {}) =>
  trafficTarget.run(buildGateBurden({ title: "关于做好宣传工作的通知", text, ...extra }), ctx);

describe("TRACE_REQUIREMENT", () => {
  it("quotes the clauses that demand traces and names the words, for review", () => {
    const [f] = trace("各村每次走访须拍照上传，并在工作群内签到。请建立走访台账。");
    expect(f).toMatchObject({ code: "TRACE_REQUIREMENT", severity: "review" });
    expect(f?.messages["zh-CN"]).toBe(
      "要求基层留痕：“各村每次走访须拍照上传”“并在工作群内签到”“请建立走访台账”（含“拍照”“签到”“台账”）。以拍照、签到、台账代替实绩属于形式主义，请删去或说明必要性",
    );
    expect(f?.messages.en).toBe(
      "Demands traces of work (留痕): “各村每次走访须拍照上传”“并在工作群内签到”“请建立走访台账” (words: 拍照, 签到, 台账). Photos, sign-ins and ledgers in place of results are formalism; remove them or justify them",
    );
    expect(f?.evidence).toMatchObject({ words: ["拍照", "签到", "台账"], quotes: ["各村每次走访须拍照上传", "并在工作群内签到", "请建立走访台账"] });
  });

  it("reads the title too", () => {
    expect(trace("请按时完成。", "关于报送工作留痕佐证材料的通知")[0]?.evidence).toMatchObject({ words: ["留痕", "佐证材料"] });
  });

  it("does not flag a text that forbids traces", () => {
    expect(trace("不得要求基层拍照留痕，严禁以签到、打卡等方式代替实绩。")).toEqual([]);
  });

  it("flags an app that demands photo uploads", () => {
    const app = buildGateBurden({ kind: "app", title: "推广使用某某通", text: "", details: { appName: "某某通", demands: ["photo_upload"] } });
    const [f] = traceRequirement.run(app, ctx);
    expect(f?.messages["zh-CN"]).toBe("要求基层留痕：要求在应用程序或工作群中上传照片。以拍照、签到、台账代替实绩属于形式主义，请删去或说明必要性");
    expect(f?.evidence).toMatchObject({ words: [], photoUploadDemand: true });
  });

  it("takes its words from the settings", () => {
    const own = buildGateContext({ settings: { ...DEFAULT_GATE_SETTINGS, traceWords: ["晒图"] } });
    expect(traceRequirement.run(buildGateBurden({ text: "每周晒图一次，另须拍照。" }), own)[0]?.evidence).toMatchObject({ words: ["晒图"] });
    const none = buildGateContext({ settings: { ...DEFAULT_GATE_SETTINGS, traceWords: [] } });
    expect(traceRequirement.run(buildGateBurden({ text: "须拍照。" }), none)).toEqual([]);
  });

  it("builds the matchers once per set of words, not per check", () => {
    expect(matchersFor(DEFAULT_GATE_SETTINGS)).toBe(matchersFor(DEFAULT_GATE_SETTINGS));
    // A region's settings merged over the defaults for each check: a new object, the same words.
    expect(matchersFor({ ...DEFAULT_GATE_SETTINGS, minWorkingDays: 3, traceWords: [...DEFAULT_GATE_SETTINGS.traceWords] })).toBe(matchersFor(DEFAULT_GATE_SETTINGS));
    expect(matchersFor({ ...DEFAULT_GATE_SETTINGS, traceWords: ["晒图"] })).not.toBe(matchersFor(DEFAULT_GATE_SETTINGS));
  });
});

describe("TRAFFIC_TARGET", () => {
  it("blocks a follower target with a number and quotes it", () => {
    const [f] = traffic("各村每天新增粉丝100人，未完成的村须作书面检讨。");
    expect(f).toMatchObject({ code: "TRAFFIC_TARGET", severity: "block", evidence: { words: ["粉丝"], quotes: ["各村每天新增粉丝100人"], numbers: ["100"] } });
    expect(f?.messages["zh-CN"]).toBe(
      "下达流量指标：“各村每天新增粉丝100人”（含“粉丝”）。以粉丝、点赞、下载、积分、排名等数量考核基层属于“指尖上的形式主义”，不得下达",
    );
    expect(f?.messages.en).toBe(
      'Imposes traffic targets: “各村每天新增粉丝100人” (words: 粉丝). Judging the grassroots by followers, likes, downloads, points or rankings is "formalism at the fingertips" and may not be imposed',
    );
  });

  it.each([
    ["likes counted in Chinese numerals", "每条视频点赞不少于一百个", "点赞"],
    ["a points target on a study platform", "每人每天学习强国积分不少于30分", "积分"],
    ["a download rate", "全镇APP下载安装率须达到90%", "下载"],
    ["a ranking of reading figures", "公众号文章阅读量排名前十的村予以通报表扬", "阅读量"],
    ["shares of an article", "每名干部每周转发公众号推文至少5次", "转发"],
  ])("blocks %s", (_name, text, word) => {
    const [f] = traffic(text);
    expect(f?.code).toBe("TRAFFIC_TARGET");
    expect(f?.evidence.words).toContain(word);
  });

  it.each([
    ["a download of an attachment with a date", "请下载附件1，于3日内填报。"],
    ["attention in plain language", "重点关注3户困难家庭的生活情况。"],
    ["forwarding a notice to groups", "请将本通知转发至12个村民小组。"],
    ["a text that forbids traffic targets", "严禁下达点赞数量指标，不得要求粉丝达到1000人。"],
    ["a traffic word without any number", "请关注本镇公众号。"],
  ])("does not block %s", (_name, text) => {
    expect(traffic(text)).toEqual([]);
  });

  it("takes the burden's own quantity as the number", () => {
    const [f] = traffic("请各村积极推广本镇公众号，扩大粉丝规模。", { quantity: { value: 100, unit: "人", per: "day" } });
    expect(f?.messages["zh-CN"]).toContain("（含“粉丝”，并设定数量指标 100 人）");
    expect(f?.messages.en).toContain("(words: 粉丝, with a quantitative target of 100 人)");
    expect(f?.evidence).toMatchObject({ quantity: { value: 100, unit: "人", per: "day" } });
  });
});
