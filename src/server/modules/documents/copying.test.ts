import { describe, expect, it } from "vitest";
import { bandKeys, copyingOf, MIN_PASSAGE, normalize } from "./copying.js";

const HIGHER =
  "为深入贯彻落实党中央关于整治形式主义为基层减负的决策部署，现就进一步精简文件会议提出如下意见。" +
  "一、严格控制发文数量。各级各部门要坚持少而精，可发可不发的一律不发，可长可短的一律要短。" +
  "二、提高文件质量。文件要有针对性和可操作性，不得照搬照抄上级文件，不得以文件落实文件。" +
  "三、严格控制会议规模。能合并的合并召开，能视频召开的视频召开，不得要求基层干部陪会。" +
  "四、强化督促检查。各地要将精文减会情况纳入年度考核，对问题突出的予以通报。";

describe("copied text between documents", () => {
  it("ignores spaces, line breaks and punctuation, and keeps where each character was", () => {
    const { chars, at } = normalize("一、 严格\n控制，发文。");
    expect(chars).toBe("一严格控制发文");
    expect(at).toEqual([0, 3, 4, 6, 7, 9, 10]);
  });

  it("finds a county notice that copies most of a provincial opinion, passage by passage", () => {
    const county = `饶河县关于精简文件会议的通知\n${HIGHER.replace("党中央", "省委").replace("各地要", "各乡镇要")}\n请各单位认真贯彻执行。`;
    const copying = copyingOf(county, HIGHER);
    expect(copying.share).toBeGreaterThan(0.8);
    expect(copying.passages.length).toBeGreaterThanOrEqual(2);
    for (const p of copying.passages) {
      expect(p.end - p.start).toBeGreaterThanOrEqual(MIN_PASSAGE);
      expect(county.slice(p.start, p.end)).toBe(p.text);
      // The same words stand at the other place in the source (punctuation aside).
      expect(normalize(HIGHER.slice(p.otherStart, p.otherEnd)).chars).toBe(normalize(p.text).chars);
    }
  });

  it("finds nothing copied in a text of its own, even on the same subject", () => {
    const own = "我县今年将文件数量压减三成，会议一律控制在一小时以内，乡镇干部不再参加与本职无关的会议，由县减负办每季度抽查落实情况。";
    const copying = copyingOf(own, HIGHER);
    expect(copying.share).toBeLessThan(0.2);
    expect(copying.passages).toEqual([]);
  });

  it("puts near copies in shared LSH bands and unrelated texts in almost none", () => {
    const bands = (t: string) => new Set(bandKeys(t).map((k) => `${k.band}:${k.key}`));
    const a = bands(HIGHER);
    const copy = bands(HIGHER.replace("党中央", "省委"));
    const other = bands("关于开展春季森林防火工作的通知。各乡镇要落实防火责任，加强巡山护林，严禁野外用火，发现火情及时报告。");
    expect([...copy].filter((k) => a.has(k)).length).toBeGreaterThan(10);
    expect([...other].filter((k) => a.has(k)).length).toBe(0);
  });
});
