import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME, type DutyPart } from "../../../../contracts/duties.js";
import { countRows } from "../../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../../test/harness.js";
import { SIPAI } from "../demo.js";
import { PART_LABELS } from "./columns.js";
import { buildXlsx, centralEntries, HEADER } from "./fixtures.js";

let ctx: TestContext;
let office: Session; // 饶河县减负办
let atushi: Session; // 阿图什市减负办
const ON = "2026-11-02";
const SHANG = "653001100000"; // 上阿图什镇: no template, so an imported file is all its own

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  atushi = await loginAs(ctx.app, "atushi_office");
});
afterAll(async () => ctx?.close());

type Item = { key: string; part: string; name: string; legalBasis: string | null; leadDepartment: string | null; note: string | null; source: string };

const exportFile = async (s: Session, code: string, on = ON) => {
  const res = await s.request({ method: "GET", url: `/api/duties/${code}/export.xlsx`, query: { on } });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
};
const importFile = (s: Session, code: string, file: Buffer | string, opts: { contentType?: string; effectiveFrom?: string; lang?: string } = {}) =>
  s.request({
    method: "POST",
    url: `/api/duties/${code}/import`,
    query: { reason: "根据县委编办印发的清单文件导入", effectiveFrom: opts.effectiveFrom ?? "2026-11-15" },
    headers: { "content-type": opts.contentType ?? XLSX_MIME, ...(opts.lang ? { "accept-language": opts.lang } : {}) },
    payload: file,
  });
const listOn = async (s: Session, code: string, on: string): Promise<Item[]> => (await s.request({ method: "GET", url: `/api/duties/${code}`, query: { on } })).json().items;
const versionCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from duty_list_versions`)).rows[0]!.n);
const itemCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from duty_items`)).rows[0]!.n);

describe("exporting a list to print", () => {
  it("writes the title, the header and the three parts with their counts, bordered, wrapped, with a file name", async () => {
    const res = await office.request({ method: "GET", url: `/api/duties/${SIPAI}/export.xlsx`, query: { on: ON } });
    expect(res.headers["content-type"]).toBe(XLSX_MIME);
    expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("四排乡履职事项清单（2026年版）.xlsx")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("四排乡履职事项清单（2026年版）");
    expect(ws.getCell("F1").isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, ...HEADER]);
    const list = await listOn(office, SIPAI, ON);
    const basic = list.filter((i) => i.part === "basic").length;
    expect(ws.getCell("A3").value).toBe(`一、基本履职事项（${basic}项）`);
    expect(ws.getCell("B4").value).toBe(list[0]!.name);
    expect(ws.getCell("A4").value).toBe(1);
    expect(ws.getCell("B4").border?.left?.style).toBe("thin");
    expect(ws.getCell("B4").alignment?.wrapText).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThan(40);
    expect(ws.pageSetup.orientation).toBe("landscape");
    const headings = ws.getColumn(1).values.filter((v): v is string => typeof v === "string" && /^[一二三]、/.test(v));
    expect(headings.map((h) => h.slice(0, 2))).toEqual(["一、", "二、", "三、"]);
  });
});

describe("the Excel round trip", () => {
  it("imports a township's exported list back as the same items", async () => {
    const before = await listOn(office, SIPAI, ON);
    const res = await importFile(office, SIPAI, await exportFile(office, SIPAI));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: { kind: "differences", version: 2, source: "excel" }, changes: { added: 2, changed: 0, removed: 0 } });
    expect(await listOn(office, SIPAI, "2026-11-20")).toEqual(before);
  });

  it("imports a county's exported template back as a new version with the same items and keys", async () => {
    const before = await listOn(office, "230524", ON);
    const res = await importFile(office, "230524", await exportFile(office, "230524"), { effectiveFrom: "2026-12-01" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toMatchObject({ kind: "template", version: 3, appliesTo: expect.arrayContaining(["230524100000"]) });
    expect(await listOn(office, "230524", "2026-12-01")).toEqual(before);
  });

  it("stores a township's edited file as its differences from the template", async () => {
    const [dropped, edited, ...rest] = await listOn(office, "230524100000", ON);
    const row = (i: Item, n: number): (string | number | null)[] => [n, i.name, PART_LABELS[i.part as DutyPart], i.legalBasis, i.leadDepartment, i.note];
    const file = await buildXlsx([
      {
        title: "饶河镇履职事项清单（2026年版）",
        rows: [
          HEADER,
          row({ ...edited!, legalBasis: "《中华人民共和国村民委员会组织法》第二条" }, 1),
          [2, "界江界河巡查和边境村屯管理", "基本履职事项", "《中华人民共和国陆地国界法》", null, "饶河镇沿乌苏里江"],
          ...rest.map((i, n) => row(i, n + 3)),
        ],
      },
    ]);
    const res = await importFile(office, "230524100000", file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().changes).toEqual({ added: 1, changed: 1, removed: 1 });
    const after = await listOn(office, "230524100000", "2026-11-20");
    expect(after.find((i) => i.name === "界江界河巡查和边境村屯管理")).toMatchObject({ source: "township", note: "饶河镇沿乌苏里江" });
    expect(after.filter((i) => i.source === "changed")).toEqual([{ ...edited!, legalBasis: "《中华人民共和国村民委员会组织法》第二条", source: "changed" }]);
    expect(after.some((i) => i.key === dropped!.key)).toBe(false);
  });

  it("reads a published layout: merged title, no category column, parts under section headings, formulas and rich text", async () => {
    const file = await buildXlsx([
      {
        title: "上阿图什镇履职事项清单（2026年版）",
        rows: [
          ["序号", "履职事项", "履职依据", "牵头单位", "备注"],
          ["一、基本履职事项", null, null, null, null],
          [1, "指导村民委员会选举和村民自治", "《中华人民共和国村民委员会组织法》", null, null],
          [2, { richText: [{ text: "人民调解和" }, { text: "矛盾纠纷排查化解" }] }, "《中华人民共和国人民调解法》", null, null],
          ["二、配合履职事项", null, null, null, null],
          [{ formula: "ROW()-5", result: 1 }, "统计调查和统计报表报送", "《中华人民共和国统计法》", { formula: "\"市\"&\"统计局\"", result: "市统计局" }, null],
          ["三、上级部门收回事项", null, null, null, null],
          [1, "安全生产执法检查和行政处罚", "《中华人民共和国安全生产法》", "市应急管理局", "2026年起收回"],
        ],
        merge: ["A3:E3", "A6:E6", "A8:E8"],
      },
    ]);
    const res = await importFile(atushi, SHANG, file);
    expect(res.statusCode, res.body).toBe(201);
    const list = await listOn(atushi, SHANG, "2026-11-20");
    expect(list.map((i) => [i.part, i.name, i.leadDepartment])).toEqual([
      ["basic", "指导村民委员会选举和村民自治", null],
      ["basic", "人民调解和矛盾纠纷排查化解", null],
      ["cooperative", "统计调查和统计报表报送", "市统计局"],
      ["returned", "安全生产执法检查和行政处罚", "市应急管理局"],
    ]);
  });

  it("reads a category cell merged down over its items", async () => {
    const file = await buildXlsx([
      {
        rows: [
          HEADER,
          [1, "指导村民委员会选举和村民自治", "基本履职事项", "《中华人民共和国村民委员会组织法》", null, null],
          [2, "人民调解和矛盾纠纷排查化解", null, "《中华人民共和国人民调解法》", null, null],
          [3, "统计调查和统计报表报送", "配合履职事项", "《中华人民共和国统计法》", "市统计局", null],
        ],
        merge: ["C2:C3"],
      },
    ]);
    const res = await importFile(atushi, SHANG, file, { effectiveFrom: "2026-11-18" });
    expect(res.statusCode, res.body).toBe(201);
    expect((await listOn(atushi, SHANG, "2026-11-18")).map((i) => i.part)).toEqual(["basic", "basic", "cooperative"]);
  });

  it("reads one sheet per part, named after it", async () => {
    const sheet = (name: string, rows: (string | number | null)[][]) => ({ name, rows: [["序号", "事项名称", "履职依据", "牵头部门"], ...rows] });
    const file = await buildXlsx([
      sheet("基本履职事项", [[1, "农村人居环境整治和村庄清洁行动", "《中华人民共和国乡村振兴促进法》", null]]),
      sheet("配合履职事项", [[1, "动物防疫和重大动物疫病强制免疫", "《中华人民共和国动物防疫法》", "市农业农村局"]]),
    ]);
    const res = await importFile(atushi, SHANG, file, { effectiveFrom: "2026-11-20" });
    expect(res.statusCode, res.body).toBe(201);
    expect((await listOn(atushi, SHANG, "2026-11-20")).map((i) => i.part)).toEqual(["basic", "cooperative"]);
  });
});

describe("bad Excel files: a clear 4xx, and nothing written", () => {
  const good = () => buildXlsx([{ rows: [HEADER, [1, "林长制巡林护林", "基本履职事项", "《中华人民共和国森林法》", null, null]] }]);
  let snapshot: number[] = [];
  const counts = async () => [await versionCount(), await itemCount(), await countRows(ctx.db, "audit_log")];

  type Case = [name: string, status: number, code: string, make: () => Promise<{ body: Buffer | string; contentType?: string; effectiveFrom?: string }>];
  const CASES: Case[] = [
    ["a CSV file", 415, "UNSUPPORTED_MEDIA_TYPE", async () => ({ body: "序号,事项名称\n1,林长制", contentType: "text/csv" })],
    ["JSON sent to the import", 415, "EXCEL_NOT_XLSX", async () => ({ body: JSON.stringify({ items: [] }), contentType: "application/json" })],
    ["an old .xls (OLE2) file", 415, "EXCEL_NOT_XLSX", async () => ({ body: Buffer.from("d0cf11e0a1b11ae1000000000000000000000000", "hex") })],
    ["a PDF", 415, "EXCEL_NOT_XLSX", async () => ({ body: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj") })],
    ["a zip that is no workbook", 415, "EXCEL_NOT_XLSX", async () => ({ body: Buffer.from((await good()).toString("latin1").replaceAll("xl/workbook.xml", "xl/notebook.xml"), "latin1") })],
    ["a truncated file", 400, "EXCEL_UNREADABLE", async () => ({ body: (await good()).subarray(0, 2000) })],
    [
      "a zip bomb (an entry that unpacks to 100 MB)",
      400,
      "EXCEL_UNREADABLE",
      async () => {
        const file = await good();
        file.writeUInt32LE(100 * 1024 * 1024, centralEntries(file)[0]! + 24);
        return { body: file };
      },
    ],
    ["a file over 5 MB", 413, "PAYLOAD_TOO_LARGE", async () => ({ body: Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(5 * 1024 * 1024)]) })],
    ["an empty body", 400, "EXCEL_EMPTY", async () => ({ body: Buffer.alloc(0) })],
    ["a header and no items", 400, "EXCEL_EMPTY", async () => ({ body: await buildXlsx([{ title: "清单", rows: [HEADER] }]) })],
    ["an empty workbook", 400, "EXCEL_EMPTY", async () => ({ body: await buildXlsx([{ rows: [] }]) })],
    ["a table without the header", 400, "EXCEL_NO_HEADER", async () => ({ body: await buildXlsx([{ rows: [["项目", "内容"], ["林长制", "巡林"]] }]) })],
    ["a bad effective date", 400, "VALIDATION_FAILED", async () => ({ body: await good(), effectiveFrom: "2026-02-30" })],
  ];

  it.each(CASES)("refuses %s (%i %s)", async (_name, status, code, make) => {
    snapshot = await counts();
    const { body, contentType, effectiveFrom } = await make();
    const res = await importFile(office, "230524101000", body, { contentType, effectiveFrom });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await counts()).toEqual(snapshot);
  });

  it("reports every bad row by sheet, row and column, in Chinese or English, and imports none of the file", async () => {
    const file = await buildXlsx([
      {
        name: "清单",
        title: "小佳河镇履职事项清单（2026年版）",
        rows: [
          HEADER,
          [1, "林长制巡林护林", "基本履职事项", "《中华人民共和国森林法》", null, null],
          [2, "新媒体矩阵运营", "其他", null, null, null],
          [3, "农作物病虫害监测防控", "配合履职事项", "《农作物病虫害防治条例》", null, null],
          [4, null, "基本履职事项", "《中华人民共和国森林法》", null, null],
          ["四", "秸秆禁烧和综合利用", "基本履职事项", null, null, null],
          [6, { formula: "B3&B4" }, "基本履职事项", null, null, null],
          [7, "林长制巡林护林", "基本", null, null, null],
          [8, "河湖长制巡河", "基本履职事项", null, null, "备".repeat(501)],
        ],
      },
    ]);
    snapshot = await counts();
    const res = await importFile(office, "230524101000", file);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("EXCEL_INVALID");
    expect(error.message).toBe("Excel 文件有 7 处错误，未导入任何内容");
    expect(error.details.map((d: { path: string }) => d.path)).toEqual(["清单!C4", "清单!E5", "清单!B6", "清单!A7", "清单!B8", "清单!B9", "清单!F10"]);
    expect(error.details[0].message).toBe("工作表“清单”第 4 行“类别”列：类别“其他”无法识别，应为基本履职事项、配合履职事项、上级部门收回事项之一");
    expect(error.details[5].message).toBe("工作表“清单”第 9 行“事项名称”列：与工作表“清单”第 3 行重复");
    expect(await counts()).toEqual(snapshot);

    const en = await importFile(office, "230524101000", file, { lang: "en" });
    expect(en.json().error.message).toBe("The Excel file has 7 error(s); nothing was imported");
    expect(en.json().error.details[1].message).toBe("sheet “清单”, row 5, column 牵头部门 (E): a cooperative item names its lead department");
    expect(en.json().error.details[4].message).toContain("a formula without a calculated result");
    expect(en.json().error.details[5].message).toBe("sheet “清单”, row 9, column 事项名称 (B): duplicates sheet “清单”, row 3");
  });
});
