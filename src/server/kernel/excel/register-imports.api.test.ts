import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { chinaToday } from "../dates.js";
import { OK, gridRows, type GridCells } from "../../test/grid.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

/**
 * Excel import of the registers 台账 (documents, proofs, secondments, rankings, plaques): the export
 * comes back in through the same single create, bad rows are named and nothing is written, wrong files
 * are refused, and who may call the export and import routes.
 */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const year = Number(today.slice(0, 4));

type Register = { name: string; user: string; exportUrl: string; importUrl: string; key: string[]; prepare?: (ws: ExcelJS.Worksheet, header: string[]) => void };
const REGISTERS: Register[] = [
  { name: "secondments 借调", user: "raohe_office", exportUrl: "/api/secondments/export.xlsx", importUrl: "/api/secondments/import.xlsx", key: ["姓名", "原单位", "借调单位", "开始日期", "计划结束日期", "审批文号", "借调事由"] },
  { name: "proofs 证明事项", user: "raohe_town", exportUrl: "/api/proofs/requests/export.xlsx", importUrl: "/api/proofs/requests/import.xlsx", key: ["日期", "村（社区）", "证明事项", "索要单位", "处理"] },
  { name: "rankings 排名通报", user: "raohe_office", exportUrl: `/api/rankings/export.xlsx?year=${year}`, importUrl: "/api/rankings/import.xlsx", key: ["类别", "发布单位", "名称", "指标数", "对象单位代码", "状态"] },
  { name: "plaques 挂牌摸排", user: "raohe_office", exportUrl: "/api/plaques/export.xlsx", importUrl: "/api/plaques/import.xlsx", key: ["村（社区）", "牌子名称", "摸排日期", "是否准挂", "摘除日期"] },
  {
    name: "documents 文件",
    user: "raohe_office",
    exportUrl: `/api/documents/export.xlsx?year=${year}`,
    importUrl: "/api/documents/import.xlsx",
    key: ["成文日期", "发文单位", "标题", "形式", "全文"],
    // The same documents again are more than last year's count: the reason goes with them.
    prepare: (ws, header) => {
      const col = header.indexOf("发文增加理由") + 1;
      for (let r = 3; r <= ws.rowCount; r++) ws.getRow(r).getCell(col).value = "本年专项整治工作增加";
    },
  },
];

const download = async (user: string, url: string) => {
  const res = await (await as(user)).request({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe(XLSX_MIME);
  return res.rawPayload;
};
const upload = async (user: string, url: string, payload: Buffer, type = XLSX_MIME, lang = "zh-CN") =>
  (await as(user)).request({ method: "POST", url, payload, headers: { "content-type": type, "accept-language": lang } });

async function table(file: Buffer): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) rows.push(Object.fromEntries(header.map((h, i) => [h, ws.getRow(r).getCell(i + 1).text])));
  return { header, rows };
}

beforeAll(async () => {
  ctx = await createTestApp();
  // One record of each register that the demo may lack, entered by hand.
  const office = await as("raohe_office");
  const made = await Promise.all([
    office.request({ method: "POST", url: "/api/secondments", payload: { personName: "王五", fromUnit: "230524100000", borrowingUnit: "230524D01", startOn: `${year}-01-05`, plannedEndOn: `${year}-04-05`, reason: "春耕生产调度专班" } }),
    office.request({ method: "POST", url: "/api/rankings", payload: { kind: "ranking_notice", issuer: "230524D01", year, title: "全县农村人居环境整治月度排名", targets: ["230524100000"], indicatorCount: 5, ranked: "人居环境整治进度" } }),
    office.request({ method: "POST", url: "/api/plaques", payload: { villageCode: "230524100200", name: "文明实践示范点", issuer: "县文明办", surveyedOn: today } }),
    office.request({ method: "POST", url: "/api/documents", payload: { issuer: "230524D01", docNumber: `饶农发〔${year}〕88号`, head: "white", title: "关于做好春耕生产的通知", text: "各乡镇：为做好今年春耕生产工作，现将有关事项通知如下。一、抓好农资供应。二、做好技术指导。", issuedOn: today, increaseReason: "本年专项整治工作增加" } }),
    (await as("raohe_town")).request({ method: "POST", url: "/api/proofs/requests", payload: { villageCode: "230524100200", proofName: "亲属关系证明", requestedBy: "某银行饶河支行", on: today } }),
  ]);
  for (const res of made) expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => ctx?.close());

describe.each(REGISTERS)("Excel import of $name", (reg) => {
  it("round trip: the export imported again gives the same rows, each through the single create", async () => {
    const before = await table(await download(reg.user, reg.exportUrl));
    expect(before.rows.length).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(reg.user, reg.exportUrl)) as unknown as ExcelJS.Buffer);
    reg.prepare?.(wb.worksheets[0]!, before.header);
    const res = await upload(reg.user, reg.importUrl, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().imported).toBe(before.rows.length);
    const after = await table(await download(reg.user, reg.exportUrl));
    const keyOf = (r: Record<string, string>) => reg.key.map((k) => r[k]).join("|");
    const count = (rows: Record<string, string>[]) => rows.reduce((m, r) => m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + 1), new Map<string, number>());
    const [was, now] = [count(before.rows), count(after.rows)];
    for (const [key, n] of was) expect(now.get(key), key).toBe(2 * n);
  });

  it("the template (?template=true) is the header alone; imported as it is, it says there are no rows", async () => {
    const template = await download(reg.user, `${reg.exportUrl}${reg.exportUrl.includes("?") ? "&" : "?"}template=true`);
    expect((await table(template)).rows).toEqual([]);
    const res = await upload(reg.user, reg.importUrl, template);
    expect([res.statusCode, res.json().error.code]).toEqual([400, "EXCEL_NO_ROWS"]);
  });

  it("refuses a file that is no .xlsx, another content type and an oversized body, writing nothing", async () => {
    const pdf = await upload(reg.user, reg.importUrl, Buffer.from("%PDF-1.4 not a workbook"));
    expect([pdf.statusCode, pdf.json().error.code]).toEqual([415, "EXCEL_NOT_XLSX"]);
    const csv = await upload(reg.user, reg.importUrl, Buffer.from("a,b\n1,2"), "text/csv");
    expect([csv.statusCode, csv.json().error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const big = await upload(reg.user, reg.importUrl, Buffer.alloc(5 * 1024 * 1024 + 1, 0x50));
    expect([big.statusCode, big.json().error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });
});

describe("bad rows", () => {
  it("names each bad row by sheet, row and column (zh-CN and en) and writes none of the good ones", async () => {
    const list = async () => (await table(await download("raohe_office", "/api/secondments/export.xlsx"))).rows.length;
    const before = await list();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download("raohe_office", "/api/secondments/export.xlsx?template=true")) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    ws.addRow(["赵六", "230524100000", "230524D01", `${year}-02-01`, `${year}-03-01`, "", "", "", "防汛值守专班"]); // row 3: good
    ws.addRow(["钱七", "230524100000", "230524D01", "去年三月", `${year}-03-01`, "", "", "", "防汛值守专班"]); // row 4: not a date
    ws.addRow(["孙八", "999999999999", "230524D01", `${year}-02-01`, `${year}-03-01`, "", "", "", "防汛值守专班"]); // row 5: no such unit
    ws.addRow(["周九", "230524100000", "653001", `${year}-02-01`, `${year}-03-01`, "", "", "", "防汛值守专班"]); // row 6: not his to keep
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const zh = await upload("raohe_office", "/api/secondments/import.xlsx", file);
    expect([zh.statusCode, zh.json().error.code]).toEqual([400, "EXCEL_INVALID"]);
    const details = zh.json().error.details as { path: string; message: string }[];
    // The start that is no date also fails "the planned end comes after the start" (E4).
    expect(details.map((d) => d.path)).toEqual(["借调登记!D4", "借调登记!E4", "借调登记!B5", "借调登记!C6"]);
    expect(details[0]!.message).toContain("第 4 行“开始日期”列");
    expect(details[2]!.message).toContain("999999999999");
    expect(details[3]!.message).toContain("第 6 行“借调单位”列");
    const en = await upload("raohe_office", "/api/secondments/import.xlsx", file, XLSX_MIME, "en");
    expect((en.json().error.details as { message: string }[])[0]!.message).toContain("row 4, column 开始日期");
    expect(await list()).toBe(before);
  });
});

type Endpoint = "GET export.xlsx" | "POST import.xlsx";
const BAD = "400 EXCEL_NO_ROWS";
const DENY = "403 FORBIDDEN";
const KEEPERS: GridCells = [DENY, BAD, BAD, BAD, DENY, DENY, DENY, BAD, BAD];
const VILLAGES: GridCells = [BAD, BAD, DENY, DENY, DENY, DENY, DENY, DENY, BAD];
const SURVEY: GridCells = [BAD, BAD, DENY, BAD, DENY, DENY, DENY, BAD, BAD];
const ALL: GridCells = [OK, OK, OK, OK, OK, OK, OK, OK, OK];
// prettier-ignore
const GRID: Record<Endpoint, Record<string, GridCells>> = {
  "GET export.xlsx": { documents: ALL, proofs: ALL, secondments: ALL, rankings: ALL, plaques: ALL },
  // An empty template is posted: a caller who may import hears that it has no rows; nothing is written.
  "POST import.xlsx": { documents: KEEPERS, proofs: VILLAGES, secondments: KEEPERS, rankings: KEEPERS, plaques: SURVEY },
};
const URLS: Record<string, { export: string; import: string }> = {
  documents: { export: "/api/documents/export.xlsx?template=true", import: "/api/documents/import.xlsx" },
  proofs: { export: "/api/proofs/requests/export.xlsx?template=true", import: "/api/proofs/requests/import.xlsx" },
  secondments: { export: "/api/secondments/export.xlsx?template=true", import: "/api/secondments/import.xlsx" },
  rankings: { export: `/api/rankings/export.xlsx?year=${year}&template=true`, import: "/api/rankings/import.xlsx" },
  plaques: { export: "/api/plaques/export.xlsx?template=true", import: "/api/plaques/import.xlsx" },
};

describe("who may export and import 权限矩阵", () => {
  it.each(gridRows(GRID))("$role $endpoint $target → $expected", async (row) => {
    const urls = URLS[row.target]!;
    const template = await download("raohe_office", urls.export);
    const res =
      row.role === "(anonymous)"
        ? await ctx.app.inject({ method: row.endpoint.startsWith("GET") ? "GET" : "POST", url: row.endpoint.startsWith("GET") ? urls.export : urls.import, payload: row.endpoint.startsWith("GET") ? undefined : template, headers: { "content-type": XLSX_MIME } })
        : row.endpoint.startsWith("GET")
          ? await (await as(row.role)).request({ method: "GET", url: urls.export })
          : await upload(row.role, urls.import, template);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});

