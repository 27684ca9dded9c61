import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../test/factories.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { sheetRows } from "../../test/xlsx.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
let provinceOffice: string;

beforeAll(async () => {
  ctx = await createTestApp();
  provinceOffice = (await buildUser(ctx.db, { role: "office", scopeCode: "230000" })).username;
});
afterAll(async () => ctx?.close());

const PROVINCIAL =
  "为深入贯彻落实党中央关于整治形式主义为基层减负的决策部署，现就进一步精简文件会议提出如下意见。" +
  "一、严格控制发文数量。各级各部门要坚持少而精，可发可不发的一律不发，可长可短的一律要短。" +
  "二、提高文件质量。文件要有针对性和可操作性，不得照搬照抄上级文件，不得以文件落实文件。" +
  "三、严格控制会议规模。能合并的合并召开，能视频召开的视频召开，不得要求基层干部陪会。";

type Detail = { id: string; findings: { code: string; sourceId: string | null; share: number | null; message: string }[]; sources: { id: string; share: number; passages: { text: string }[] }[] };

async function register(username: string, body: Record<string, unknown>, lang = "zh-CN") {
  const s = await as(username);
  return s.request({ method: "POST", url: "/api/documents", payload: body, headers: { "accept-language": lang } });
}

const base = { head: "red", scope: "specific", issuedOn: "2026-03-02" };

describe("documents that copy a higher one 照搬照抄", () => {
  let provincialId: string;
  beforeAll(async () => {
    const res = await register(provinceOffice, { ...base, issuer: "230000", docNumber: "黑减负发〔2026〕1号", title: "关于进一步精简文件会议的意见", text: PROVINCIAL });
    expect(res.statusCode, res.body).toBe(201);
    provincialId = (res.json() as Detail).id;
  });

  it("flags a county department's notice that copies the provincial opinion, with the passages side by side", async () => {
    const text = `饶河县农业农村局关于精简文件会议的通知\n${PROVINCIAL.replace("党中央", "省委")}\n请各乡镇认真贯彻执行。`;
    const res = await register("raohe_nyncj", { ...base, issuer: "230524D01", docNumber: "饶农发〔2026〕3号", title: "关于精简文件会议的通知", text, implementsId: provincialId });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as Detail;
    const copied = doc.findings.find((f) => f.code === "COPIED_FROM_HIGHER");
    expect(copied?.sourceId).toBe(provincialId);
    expect(copied!.share!).toBeGreaterThan(0.7);
    expect(copied!.message).toContain("照搬");
    expect(doc.sources[0]?.passages.length).toBeGreaterThan(0);
    // A village cadre of the county reads it and the provincial opinion; another county reads neither.
    expect((await (await as("raohe_village")).request({ method: "GET", url: `/api/documents/${doc.id}` })).statusCode).toBe(200);
    expect((await (await as("raohe_village")).request({ method: "GET", url: `/api/documents/${provincialId}` })).statusCode).toBe(200);
    expect((await (await as("atushi_office")).request({ method: "GET", url: `/api/documents/${doc.id}` })).statusCode).toBe(404);
  });

  it("finds the copy without being told the source (LSH), and not a text of its own", async () => {
    const copy = await register("raohe_tjj", { ...base, issuer: "230524D02", docNumber: "饶统发〔2026〕2号", title: "转发精简文件会议意见", text: PROVINCIAL });
    expect((copy.json() as Detail).findings.map((f) => f.code)).toContain("COPIED_FROM_HIGHER");
    const own = await register("raohe_mzj", { ...base, issuer: "230524D03", docNumber: "饶民发〔2026〕5号", title: "关于做好冬季救助工作的通知", text: "入冬以来，各乡镇要对低保对象、特困人员逐户走访，确保取暖用煤及时发放到户，发现困难及时救助。" });
    expect((own.json() as Detail).findings).toEqual([]);
  });
});

describe("红头改白头 and the yearly count", () => {
  it("flags a white-head reissue of the county's red-head text, and asks a reason for an increase over last year", async () => {
    const red = "各乡镇要在十二月底前完成农村集体经济组织年度财务公开，公开内容包括收入支出、资产资源和债权债务，公开时间不少于十五天，群众有疑问的要及时解答。";
    const first = await register("raohe_office", { ...base, issuer: "230524", docNumber: "饶减负发〔2025〕9号", title: "关于做好村级财务公开的通知", text: red, issuedOn: "2025-11-03" });
    expect(first.statusCode, first.body).toBe(201);
    const white = await register("raohe_office", { ...base, head: "white", issuer: "230524", docNumber: "—", title: "再次提醒：村级财务公开", text: `再次提醒：${red}`, issuedOn: "2026-01-05" });
    expect(white.statusCode, white.body).toBe(201);
    expect((white.json() as Detail).findings.map((f) => f.code)).toContain("WHITE_HEAD_REISSUE");

    // 2025: one document; a second in 2026 exceeds it and needs a reason.
    const more = { ...base, issuer: "230524", docNumber: "饶减负发〔2026〕2号", title: "关于开展减负监测的通知", text: "请各乡镇确定两个监测村，每周填报负担情况。" };
    const refused = await register("raohe_office", more, "en");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("DOCUMENT_INCREASE_REASON_REQUIRED");
    expect(refused.json().error.message).toContain("last year's 1");
    const withReason = await register("raohe_office", { ...more, increaseReason: "省里新增减负监测任务，需单独部署" });
    expect(withReason.statusCode).toBe(201);
    expect((withReason.json() as Detail).findings.map((f) => f.code)).toContain("COUNT_INCREASE");

    const counts = await (await as("raohe_office")).request({ method: "GET", url: "/api/documents/counts?year=2026" });
    const county = (counts.json() as { issuers: { issuerCode: string; thisYear: number; lastYear: number; whiteOrMemo: number; reasons: string[] }[] }).issuers.find((i) => i.issuerCode === "230524");
    expect(county).toMatchObject({ thisYear: 2, lastYear: 1, whiteOrMemo: 1, reasons: ["省里新增减负监测任务，需单独部署"] });
    expect((await (await as("raohe_nyncj")).request({ method: "GET", url: "/api/documents/counts?year=2026" })).statusCode).toBe(403);
  });
});

describe("the documents register in Excel", () => {
  it("downloads the documents one may read, with their findings in words; of a year and only flagged ones on request", async () => {
    const office = await as("raohe_office");
    const res = await office.request({ method: "GET", url: "/api/documents/export.xlsx?year=2026" });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[1]).toEqual(["成文日期", "发文单位", "文号", "标题", "形式", "类别", "落实的上级文件文号", "发文增加理由", "字数", "问题", "全文"]);
    const listed = (await office.request({ method: "GET", url: "/api/documents?year=2026&limit=200" })).json() as { total: number };
    expect(rows.length - 2).toBe(listed.total);
    const white = rows.find((r) => r[3] === "再次提醒：村级财务公开");
    expect(white?.[4]).toBe("白头文件");
    expect(white?.[9]).not.toBe("");
    const flagged = await sheetRows((await office.request({ method: "GET", url: "/api/documents/export.xlsx?flagged=true" })).rawPayload);
    expect(flagged.length).toBeGreaterThan(2);
    expect(flagged.slice(2).every((r) => r[9]!.length > 0)).toBe(true);
    expect(await sheetRows((await (await as("atushi_office")).request({ method: "GET", url: "/api/documents/export.xlsx?issuer=230524" })).rawPayload)).toHaveLength(2);
    expect((await office.request({ method: "GET", url: "/api/documents/export.xlsx?issuer=x" })).statusCode).toBe(400);
  });
});

describe("bad input", () => {
  it("refuses unknown issuers, foreign issuers, empty text, bad fields and unknown higher documents, writing nothing", async () => {
    const ok = { ...base, issuer: "230524D01", docNumber: "饶农发〔2026〕9号", title: "测试", text: "测试正文内容足够长。" };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...ok, issuer: "999999" }, 404, "UNIT_NOT_FOUND"],
      [{ ...ok, issuer: "230524D02" }, 403, "NOT_DOCUMENT_ISSUER"],
      [{ ...ok, text: "。。。！！" }, 400, "DOCUMENT_TEXT_EMPTY"],
      [{ ...ok, head: "blue" }, 400, "VALIDATION_FAILED"],
      [{ ...ok, text: "字".repeat(200_001) }, 400, "VALIDATION_FAILED"],
      [{ ...ok, implementsId: "00000000-0000-4000-8000-000000000000" }, 404, "DOCUMENT_NOT_FOUND"],
      [{ ...ok, extra: 1 }, 400, "VALIDATION_FAILED"],
    ];
    const before = (await (await as("raohe_nyncj")).request({ method: "GET", url: "/api/documents?issuer=230524D01" })).json().total;
    for (const [body, status, code] of cases) {
      const res = await register("raohe_nyncj", body);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 80)} → ${res.body.slice(0, 200)}`).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    expect((await (await as("raohe_nyncj")).request({ method: "GET", url: "/api/documents?issuer=230524D01" })).json().total).toBe(before);
  });
});

describe("reading uploaded files", () => {
  const extract = async (body: Buffer, type: string) =>
    (await as("raohe_nyncj")).request({ method: "POST", url: "/api/documents/extract", payload: body, headers: { "content-type": type } });

  it("reads a .docx and a .txt in UTF-8 or GB18030", async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("关于精简文件的通知"), new Paragraph("各乡镇：请认真执行。")] }] }));
    const fromDocx = await extract(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(fromDocx.statusCode, fromDocx.body).toBe(200);
    expect(fromDocx.json().text).toContain("关于精简文件的通知");
    expect(fromDocx.json().text).toContain("请认真执行");
    const utf8 = await extract(Buffer.from("各乡镇：请认真执行。", "utf8"), "text/plain; charset=utf-8");
    expect(utf8.json().text).toBe("各乡镇：请认真执行。");
    // "关于通知" in GB18030 (GBK) bytes, as an old office PC saves it: not valid UTF-8.
    const gbk = await extract(Buffer.from([0xb9, 0xd8, 0xd3, 0xda, 0xcd, 0xa8, 0xd6, 0xaa]), "text/plain");
    expect(gbk.json().text).toBe("关于通知");
  });

  it("refuses what is not what it claims, empty files, other types and oversized bodies", async () => {
    const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    expect((await extract(Buffer.from("not a zip"), docxType)).json().error.code).toBe("DOCUMENT_FILE_UNREADABLE");
    expect((await extract(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), docxType)).json().error.code).toBe("DOCUMENT_FILE_UNREADABLE");
    expect((await extract(Buffer.from([0x00, 0x01, 0x02, 0xff]), "text/plain")).json().error.code).toBe("DOCUMENT_FILE_UNREADABLE");
    expect((await extract(Buffer.from("   \n "), "text/plain")).json().error.code).toBe("DOCUMENT_TEXT_EMPTY");
    expect((await extract(Buffer.from("x"), "application/pdf")).statusCode).toBe(415);
    expect((await extract(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), "text/plain")).statusCode).toBe(413);
  });
});
