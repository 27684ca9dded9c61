import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { EvaluationYear } from "../../../contracts/evaluations.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { sheetRows } from "../../test/xlsx.js";
import { buildXlsx } from "../duties/excel/fixtures.js";

/** 评比创建申请 in Excel: the year's requests out with the office's answers, requests in as if asked one by one. */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const year = Number(chinaToday().slice(0, 4));
const HEADER = ["年度", "主办单位", "项目名称", "类别", "申请理由"];

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const upload = async (username: string, file: Buffer, lang = "zh-CN") =>
  (await as(username)).request({ method: "POST", url: "/api/evaluations/requests/import.xlsx", payload: file, headers: { "content-type": XLSX_MIME, "accept-language": lang } });
const exported = async (username: string, query = "") => {
  const res = await (await as(username)).request({ method: "GET", url: `/api/evaluations/requests/export.xlsx?year=${year}${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return { file: Buffer.from(res.rawPayload), rows: await sheetRows(res.rawPayload) };
};
const count = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from evaluation_requests`)).rows[0]!.n;
const audits = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'evaluations.request'`)).rows[0]!.n;

describe("evaluation requests in Excel", () => {
  it("offers the template; imports rows each as one request (audited), exports them with the answers, and an export comes back unchanged", async () => {
    const template = await exported("raohe_nyncj", "&template=true");
    expect(template.rows).toHaveLength(2);
    expect(template.rows[1]).toEqual(HEADER);

    const file = await buildXlsx([
      {
        rows: [
          HEADER,
          [year, "饶河县农业农村局（230524D01）", "饶河县农业农村局美丽庭院示范户评选", "创建示范", "落实人居环境整治，评选示范户 50 户"],
          [year, "230524D01", "饶河县丰收节农民运动会", "节庆展会论坛", "中国农民丰收节期间举办，各乡镇组队参加"],
        ],
      },
    ]);
    const before = { rows: await count(), audits: await audits() };
    const res = await upload("raohe_nyncj", file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 2, unchanged: 0 });
    expect(await count()).toBe(before.rows + 2);
    expect(await audits()).toBe(before.audits + 2);

    // The office approves one; the sheet carries its answer beside the request.
    const office = await as("raohe_office");
    const pending = ((await office.request({ method: "GET", url: `/api/evaluations?year=${year}` })).json() as EvaluationYear).requests;
    const festival = pending.find((r) => r.title === "饶河县丰收节农民运动会")!;
    expect(festival).toMatchObject({ status: "pending", issuer: { code: "230524D01" }, category: "festival_forum" });
    const decided = await office.request({ method: "POST", url: `/api/evaluations/requests/${festival.id}/decision`, payload: { decision: "approve", reason: "每年一次，不层层组队", approvalCode: "RH-PB-XLSX-01" } });
    expect(decided.statusCode, decided.body).toBe(200);
    const sheet = await exported("raohe_nyncj");
    expect(sheet.rows[1]!.slice(0, 5)).toEqual(HEADER);
    const line = sheet.rows.find((r) => r[2] === "饶河县丰收节农民运动会")!;
    expect(line.slice(0, 10)).toEqual([String(year), "饶河县农业农村局（230524D01）", "饶河县丰收节农民运动会", "节庆展会论坛", "中国农民丰收节期间举办，各乡镇组队参加", "饶河县", "已批准", "RH-PB-XLSX-01", "每年一次，不层层组队", expect.any(String)]);

    // The export sent back: every request already asked as written, nothing new.
    const again = await upload("raohe_nyncj", sheet.file);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ imported: 0, unchanged: 2 });
    expect(await count()).toBe(before.rows + 2);
  });

  it("names every bad row by sheet, row and column, and writes nothing", async () => {
    const before = await count();
    const file = await buildXlsx([
      {
        title: "评比创建申请",
        rows: [
          HEADER,
          [year, "230524D01", "饶河县农机手技能比武", "评比表彰", "选拔参加市级比赛的农机手"],
          ["明年", "230524D01", "饶河县农机手技能比武二", "评比表彰", "选拔参加市级比赛的农机手"],
          [year, "230524D01", "饶河县农机手技能比武三", "大检查", "选拔参加市级比赛的农机手"],
          [year, "230524D03", "饶河县民政系统先进个人评选", "评比表彰", "表彰年度先进个人"],
          [year, "230524D01", "比武", "评比表彰", "选拔参加市级比赛的农机手"],
          [year, "230524D99", "饶河县农机手技能比武四", "评比表彰", "选拔参加市级比赛的农机手"],
        ],
      },
    ]);
    const res = await upload("raohe_nyncj", file);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error as { code: string; details: { path: string; message: string }[] };
    expect(error.code).toBe("EXCEL_INVALID");
    expect(error.details.map((d) => d.path)).toEqual(["Sheet1!A4", "Sheet1!D5", "Sheet1!B6", "Sheet1!C7", "Sheet1!B8"]);
    expect(error.details[0]!.message).toContain("明年");
    expect(error.details[1]!.message).toContain("大检查");
    expect(error.details[4]!.message).toContain("230524D99");
    expect(await count()).toBe(before);

    const en = await upload("raohe_nyncj", file, "en");
    expect(en.json().error.details[1].message).toContain("is not a category");
  });

  it("lets only those who ask for evaluations import, each row in a name of theirs; another region exports none of these", async () => {
    const file = await buildXlsx([{ rows: [HEADER, [year, "230524D01", "饶河县农机手技能比武", "评比表彰", "选拔参加市级比赛的农机手"]] }]);
    const village = await upload("raohe_village", file);
    expect([village.statusCode, village.json().error.code]).toEqual([403, "FORBIDDEN"]);
    // A township asks in its own name only: another unit's row is refused where it stands.
    const town = await upload("raohe_town", file);
    expect([town.statusCode, town.json().error.code]).toEqual([400, "EXCEL_INVALID"]);
    expect(town.json().error.details[0].path).toBe("Sheet1!B2");
    const other = await exported("atushi_office");
    expect(other.rows.slice(2)).toEqual([]);
    expect((await upload("raohe_nyncj", Buffer.from("年度,主办单位\n"))).statusCode).toBe(415);
  });
});
