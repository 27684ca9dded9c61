import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME, type Form } from "../../../contracts/forms.js";
import { countRows } from "../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { buildWorkbook } from "./fixtures/build.js";
import { admittedFormBurden } from "./fixtures/burdens.js";
import { livestockSheet, nyncjSheet, nyncjTable } from "./fixtures/tables.js";

let ctx: TestContext;
let office: Session;
let dept: Session;
let tjj: Session;
let burdenId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  dept = await loginAs(ctx.app, "raohe_nyncj");
  tjj = await loginAs(ctx.app, "raohe_tjj");
  burdenId = await admittedFormBurden(dept, office, { issuer: "230524D01", title: "关于填报各村耕地面积和农作物种植结构情况表的通知", text: "请各村填写耕地面积和农作物播种面积。", admit: false });
});
afterAll(async () => ctx?.close());

const upload = (s: Session, file: Buffer, opts: { burden?: string; lang?: string } = {}) =>
  s.request({
    method: "POST",
    url: "/api/forms/upload",
    query: { burdenId: opts.burden ?? burdenId, fileName: "种植结构.xlsx" },
    headers: { "content-type": XLSX_MIME, ...(opts.lang ? { "accept-language": opts.lang } : {}) },
    payload: file,
  });
const formCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from forms`)).rows[0]!.n);

describe("reading a department's table", () => {
  let form: Form;
  beforeAll(async () => {
    const res = await upload(dept, await nyncjTable());
    expect(res.statusCode, res.body).toBe(201);
    form = res.json();
  });

  it("keeps the layout: sheets, header rows (with the unit row), first data row, declared units", () => {
    expect(form.status).toBe("draft");
    expect(form.sheets).toEqual([
      { name: "种植结构", headerRows: [3, 4], dataStartRow: 5, declaredUnits: ["户", "人", "亩"] },
      { name: "养殖业", headerRows: [2, 3], dataStartRow: 4, declaredUnits: [] },
    ]);
  });

  it("joins merged parent headers, skips the empty column, reads units from headers and the unit row", () => {
    expect(form.fields.map((f) => [f.sheet, f.column, f.header, f.unit, f.role])).toEqual([
      ["种植结构", "A", "序号", "", "seq"],
      ["种植结构", "B", "乡镇", "", "township"],
      ["种植结构", "C", "村名", "", "village"],
      ["种植结构", "D", "人口情况/户籍人口", "", "indicator"],
      ["种植结构", "E", "人口情况/常住人口", "", "indicator"],
      ["种植结构", "F", "耕地面积（亩）", "亩", "indicator"],
      ["种植结构", "G", "粮食作物播种面积/水稻", "", "indicator"],
      ["种植结构", "H", "粮食作物播种面积/玉米", "", "indicator"],
      ["种植结构", "I", "粮食作物播种面积/大豆", "", "indicator"],
      ["种植结构", "K", "备注", "", "ignore"],
      ["养殖业", "A", "序号", "", "seq"],
      ["养殖业", "B", "村名称", "", "village"],
      ["养殖业", "C", "生猪存栏", "头", "indicator"],
      ["养殖业", "D", "牛存栏", "头", "indicator"],
      ["养殖业", "E", "村集体经济收入", "万元", "indicator"],
    ]);
  });

  it("proposes the catalog indicator of each column by name, alias and unit", () => {
    const proposed = Object.fromEntries(form.fields.filter((f) => f.role === "indicator").map((f) => [f.header, f.proposal.code]));
    expect(proposed).toEqual({
      "人口情况/户籍人口": "RK001",
      "人口情况/常住人口": "RK002",
      "耕地面积（亩）": "NY001",
      "粮食作物播种面积/水稻": "NY003",
      "粮食作物播种面积/玉米": "NY004",
      "粮食作物播种面积/大豆": "NY005",
      生猪存栏: "NY011",
      牛存栏: "NY012",
      村集体经济收入: "JJ001",
    });
    expect(form.fields.find((f) => f.column === "F")!.proposal).toMatchObject({ unitAgrees: true, score: 1 });
  });

  it("proposes a new indicator for a column the catalog lacks, naming the closest one", async () => {
    const res = await upload(dept, await buildWorkbook([{ name: "表", rows: [["村名", "耕地面积（亩）", "稻田养蟹面积（亩）"]] }]));
    expect(res.statusCode, res.body).toBe(201);
    const crab = res.json().fields.find((f: { header: string }) => f.header === "稻田养蟹面积（亩）");
    expect(crab.proposal.indicatorId).toBeNull();
  });
});

describe("a table described above its header", () => {
  it("skips the title and the 填报单位/填报日期 line, reading units declared on it", async () => {
    const file = await buildWorkbook([
      { name: "低保", rows: [["各村低保情况统计表"], ["填报单位：饶河镇", null, "填报日期：2026年12月", "单位：户、人"], ["村名", "低保户数", "低保人数"], ["饶河村", 12, 25]], merge: ["A1:D1"] },
    ]);
    const res = await upload(dept, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sheets).toEqual([{ name: "低保", headerRows: [3], dataStartRow: 4, declaredUnits: ["户", "人"] }]);
    expect(res.json().fields.map((f: { header: string; proposal: { code: string | null } }) => [f.header, f.proposal.code])).toEqual([
      ["村名", null],
      ["低保户数", "MZ001"],
      ["低保人数", "MZ002"],
    ]);
  });
});

describe("a CSV upload", () => {
  const csv = (body: Buffer, lang?: string) =>
    dept.request({
      method: "POST", url: "/api/forms/upload", query: { burdenId, fileName: "人口.csv" },
      headers: { "content-type": "text/csv", ...(lang ? { "accept-language": lang } : {}) }, payload: body,
    });
  // "村名,户籍人口,常住人口\n饶河村,1260,980\n" as Excel saves it in China: GBK.
  const GBK = Buffer.from("b4e5c3fb2cbba7bcaec8cbbfda2cb3a3d7a1c8cbbfda0ac8c4bad3b4e52c313236302c3938300a", "hex");

  it("reads GBK and UTF-8 (with BOM) alike, saying which encoding it used", async () => {
    for (const [body, encoding] of [[GBK, "GB18030"], [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("村名,户籍人口,常住人口\r\n饶河村,1260,980\r\n")]), "UTF-8"]] as const) {
      const res = await csv(body);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().fileName).toBe("人口.xlsx");
      expect(res.json().notes[0].message).toBe(`CSV 文件按 ${encoding} 编码读取`);
      expect(res.json().fields.map((f: { header: string; proposal: { code: string | null } }) => [f.header, f.proposal.code])).toEqual([["村名", null], ["户籍人口", "RK001"], ["常住人口", "RK002"]]);
    }
  });

  it("refuses text in another encoding (UTF-16 without its mark) by line, saving nothing", async () => {
    const before = await formCount();
    const res = await csv(Buffer.from("村名,户籍人口\n", "utf16le"));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: "人口!1", message: "CSV 文件第 1 行的字符既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再上传" }]);
    expect(await formCount()).toBe(before);
  });
});

describe("confirming the mapping", () => {
  it("maps the proposals, creates a new indicator, and refuses units that disagree", async () => {
    const file = await buildWorkbook([{ name: "表", rows: [["村名", "耕地面积（公顷）", "稻田养蟹面积（亩）"]] }]);
    const form: Form = (await upload(dept, file)).json();
    expect(form.fields[1]!.proposal.notes).toContain("单位不一致：表中为“公顷”，指标为“亩”");
    const land = form.fields[1]!.proposal.indicatorId;
    const crab = { position: 2, role: "indicator", newIndicator: { code: "NY101", name: "稻田养蟹面积", unit: "亩", type: "number" } };
    const bad = await dept.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { reason: "稻渔综合种养项目验收需要", fields: [{ position: 1, role: "indicator", indicatorId: land }, crab] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "FORM_MAPPING_INVALID", details: [{ path: "表!B1", message: "工作表“表”B列“耕地面积（公顷）”：表中单位“公顷”与指标单位“亩”不一致" }] });
    expect((await dept.request({ method: "GET", url: `/api/forms/catalogs/230524/indicators` })).json().indicators.some((i: { code: string }) => i.code === "NY101")).toBe(false);
    const household = { ...crab, newIndicator: { ...crab.newIndicator, granularity: "household" } };
    const perHousehold = await dept.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { reason: "稻渔综合种养项目验收需要", fields: [{ position: 1, role: "ignore" }, household] } });
    expect(perHousehold.json().error.details).toEqual([{ path: "表!C1", message: "工作表“表”C列“稻田养蟹面积（亩）”：户级、人级指标暂不能在村级一表中采集，请对应村级指标" }]);
    const noReason = await dept.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { fields: [{ position: 1, role: "ignore" }, crab] } });
    expect(noReason.json().error.details).toEqual([{ path: "reason", message: "有 1 项指标不在本县目录中：目录外的指标须一事一报，请说明理由" }]);
    const reason = "稻渔综合种养项目验收需要";
    const ok = await dept.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { reason, fields: [{ position: 1, role: "ignore" }, crab] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe("mapped");
    const catalog = (await dept.request({ method: "GET", url: `/api/forms/catalogs/230524/indicators` })).json().indicators;
    expect(catalog.find((i: { code: string }) => i.code === "NY101")).toMatchObject({ name: "稻田养蟹面积", ownerDepartment: "230524D01" });
    expect(ok.json().fields[2].indicatorId).toBe(catalog.find((i: { code: string }) => i.code === "NY101").id);
    // Before its burden is even submitted, the department sees what the form will ask of the villages.
    const counts = await dept.request({ method: "GET", url: `/api/forms/${form.id}/classification` });
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json().totals).toEqual({ asked: counts.json().targets, avoided: 0, merged: 0 });
  });

  it("is refused to another department and hidden from the other county", async () => {
    const form: Form = (await upload(dept, await nyncjTable())).json();
    expect((await tjj.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { fields: [{ position: 3, role: "ignore" }] } })).statusCode).toBe(404);
    const atushi = await loginAs(ctx.app, "atushi_office");
    expect((await atushi.request({ method: "GET", url: `/api/forms/${form.id}` })).statusCode).toBe(404);
  });
});

describe("an XLSForm upload", () => {
  const xlsForm = (survey: (string | null)[][]) =>
    buildWorkbook([
      { name: "survey", rows: [["type", "name", "label::中文", "hint"], ...survey] },
      { name: "choices", rows: [["list_name", "name", "label::中文"], ["yn", "yes", "是"], ["yn", "no", "否"]] },
      { name: "settings", rows: [["form_title", "form_id"], ["饶河县村级基本情况调查", "cjqk"]] },
    ]);

  it("reads the questions as the table they describe, groups as parent headers, types and choices informing proposals", async () => {
    const file = await xlsForm([
      ["begin_group", "pop", "人口情况", null],
      ["integer", "hjrk", "户籍人口", null],
      ["integer", "czrk", "常住人口", null],
      ["end_group", null, null, null],
      ["decimal", "gdmj", "耕地面积（亩）", null],
      ["select_one yn", "road", "是否通硬化路", null],
      ["note", "n1", "请如实填写", null],
      ["calculate", "sum", null, null],
    ]);
    const res = await upload(dept, file);
    expect(res.statusCode, res.body).toBe(201);
    const form: Form = res.json();
    expect(form.sheets).toEqual([{ name: "数据", headerRows: [2, 3], dataStartRow: 4, declaredUnits: [] }]);
    expect(form.fields.map((f) => [f.header, f.role, f.unit, f.proposal.code])).toEqual([
      ["序号", "seq", "", null],
      ["乡镇", "township", "", null],
      ["村名", "village", "", null],
      ["人口情况/户籍人口", "indicator", "", "RK001"],
      ["人口情况/常住人口", "indicator", "", "RK002"],
      ["耕地面积（亩）", "indicator", "亩", "NY001"],
      ["是否通硬化路", "indicator", "", "JC004"],
    ]);
  });

  it("refuses repeat groups and unknown choice lists by survey row, saving nothing", async () => {
    const before = await formCount();
    const file = await xlsForm([
      ["integer", "hjrk", "户籍人口", null],
      ["begin_repeat", "hh", "家庭成员", null],
      ["select_one color", "c", "颜色", null],
    ]);
    const res = await upload(dept, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string; message: string }) => [d.path, d.message])).toEqual([
      ["survey!A3", "工作表“survey”第 3 行：重复组（按户、按人的名单）暂不能在村级一表中采集"],
      ["survey!A4", "工作表“survey”第 4 行：选项列表“color”在 choices 工作表中不存在"],
    ]);
    expect(await formCount()).toBe(before);
  });
});

describe("bad uploads: a clear 4xx naming sheet, row and column, and nothing saved", () => {
  type Case = [name: string, status: number, code: string, paths: string[], make: () => Promise<Buffer>];
  const CASES: Case[] = [
    ["a hidden sheet", 400, "FORM_FILE_INVALID", ["隐藏表"], () => buildWorkbook([nyncjSheet(), { name: "隐藏表", rows: [["旧数据"]], hidden: true }])],
    ["a picture", 400, "FORM_FILE_INVALID", ["养殖业!B4"], () => buildWorkbook([nyncjSheet(), { ...livestockSheet(), image: "B4:C6" }])],
    [
      "a formula where a value belongs",
      400,
      "FORM_FILE_INVALID",
      ["种植结构!F6"],
      () => buildWorkbook([nyncjSheet({ rows: [[1, "饶河镇", "饶河村", 1260, 980, 15300, 3200, 5100, 6900, null, null], [2, "小佳河镇", "佳平村", 860, 700, { formula: "G6+H6+I6", result: 12600 }, 2100, 4300, 6200, null, null]] })]),
    ],
    [
      "merged cells in the data area",
      400,
      "FORM_FILE_INVALID",
      ["种植结构!D5"],
      () => buildWorkbook([nyncjSheet({ rows: [[1, "饶河镇", "饶河村", 1260, null, 15300, 3200, 5100, 6900, null, null]], merge: ["D5:E5"] })]),
    ],
    ["an old .xls", 415, "EXCEL_NOT_XLSX", [], async () => Buffer.from("d0cf11e0a1b11ae1000000000000000000000000", "hex")],
    ["a truncated file", 400, "EXCEL_UNREADABLE", [], async () => (await nyncjTable()).subarray(0, 3000)],
    ["a file over 10 MB", 413, "FORM_FILE_TOO_LARGE", [], async () => Buffer.concat([await nyncjTable(), Buffer.alloc(10 * 1024 * 1024)])],
    ["a sheet without a header", 400, "FORM_NO_FIELDS", [], () => buildWorkbook([{ name: "说明", rows: [["请各村认真填报"]] }])],
  ];

  it.each(CASES)("%s → %i %s", async (_name, status, code, paths, make) => {
    const before = [await formCount(), await countRows(ctx.db, "audit_log")];
    const res = await upload(dept, await make());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect((res.json().error.details ?? []).map((d: { path: string }) => d.path)).toEqual(paths);
    expect([await formCount(), await countRows(ctx.db, "audit_log")]).toEqual(before);
  });

  it("says where the formula is, in the reader's language", async () => {
    const file = await buildWorkbook([nyncjSheet({ rows: [[1, "饶河镇", "饶河村", { formula: "E5*1.2", result: 1176 }, 980, 15300, 3200, 5100, 6900, null, null]] })]);
    const zh = await upload(dept, file);
    expect(zh.json().error.details[0].message).toBe("工作表“种植结构”第 5 行“人口情况/户籍人口”列（D）：应填数值，实为公式 =E5*1.2");
    const en = await upload(dept, file, { lang: "en" });
    expect(en.json().error.details[0].message).toBe("sheet “种植结构”, row 5, column 人口情况/户籍人口 (D): a value is expected, found the formula =E5*1.2");
  });

  it("accepts a Chinese numeral in a number cell and says how it was read", async () => {
    const file = await buildWorkbook([nyncjSheet({ rows: [[1, "饶河镇", "饶河村", "一千二百六十", 980, 15300, 3200, 5100, 6900, null, null]] })]);
    const res = await upload(dept, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().notes).toEqual([{ path: "种植结构!D5", message: "工作表“种植结构”第 5 行“人口情况/户籍人口”列（D）：中文数字“一千二百六十”按 1260 读取" }]);
  });

  it("links only a burden of kind form, issued by the uploader's department", async () => {
    const file = await nyncjTable();
    // Another department does not even see a draft burden of the 农业农村局.
    const other = await upload(tjj, file);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("BURDEN_NOT_FOUND");
    const task = await dept.request({
      method: "POST", url: "/api/burdens",
      payload: { kind: "task", issuer: "230524D01", targets: ["230524100200"], title: "秸秆禁烧巡查", text: "", issuedOn: "2030-03-04", deadline: "2030-04-30", frequency: "once", minutesPerTarget: 60 },
    });
    expect(task.statusCode, task.body).toBe(201);
    const res = await upload(dept, file, { burden: task.json().id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("FORM_NOT_A_FORM_BURDEN");
  });
});
