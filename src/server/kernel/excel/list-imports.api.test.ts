import { and, count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { auditLog } from "../../modules/audit/schema.js";
import { chinaToday } from "../dates.js";
import { DENY, OK, gridRows, gridSessions, type GridCells, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";

/**
 * Excel import of three lists of issue 6: the proofs a village may issue 村级可出具证明事项清单, the
 * allowed plaques 准挂牌子清单 and the named members of apps and groups 关注成员. A list is not a log:
 * its export comes back in unchanged; rows added are written through the single add and audited as it;
 * bad rows are named by sheet, row and column and nothing is written; who may export and import.
 */
let ctx: TestContext;
let grid: GridSessions;
const year = Number(chinaToday().slice(0, 4));

type List = { name: string; user: "raohe_office" | "raohe_nyncj"; required: number; exportUrl: string; importUrl: string; action: string; added: (string | number)[][]; listed: () => Promise<string[]> };

const get = async (user: "raohe_office" | "raohe_nyncj", url: string) => {
  const res = await grid.of(user).request({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const download = async (user: List["user"], url: string) => {
  const res = await get(user, url);
  expect(res.headers["content-type"]).toBe(XLSX_MIME);
  return res.rawPayload;
};
const upload = (user: List["user"], url: string, payload: Buffer, lang = "zh-CN") =>
  grid.of(user).request({ method: "POST", url, payload, headers: { "content-type": XLSX_MIME, "accept-language": lang } });

async function workbook(file: Buffer): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; header: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: string[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) rows.push(header.map((_, i) => ws.getRow(r).getCell(i + 1).text));
  return { wb, ws, header, rows };
}
const withRows = async (file: Buffer, rows: (string | number)[][]) => {
  const { wb, ws } = await workbook(file);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
const audits = async (action: string) => Number((await ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n);

const LISTS: List[] = [
  {
    name: "proofs villages may issue 村级可出具证明事项清单",
    user: "raohe_office",
    required: 3,
    exportUrl: `/api/proofs/list/export.xlsx?year=${year}`,
    importUrl: "/api/proofs/list/import.xlsx",
    action: "gate.register.add",
    // A new proof of the office's region (no region written), and this year's first item copied into next year.
    added: [[year, "ZM-03", "村民自治组织换届选举证明"], [year + 1, "ZM-01", "困难群众家庭情况证明", "饶河县（230524）"]],
    listed: async () => {
      const items = async (y: number) => ((await get("raohe_office", `/api/proofs/list?year=${y}`)).json() as { items: { year: number; code: string; title: string; region: { code: string } }[] }).items;
      return [...(await items(year)), ...(await items(year + 1))].map((i) => `${i.year}|${i.code}|${i.title}|${i.region.code}`);
    },
  },
  {
    name: "allowed plaques 准挂牌子清单",
    user: "raohe_office",
    required: 2,
    exportUrl: "/api/plaques/allowed/export.xlsx",
    importUrl: "/api/plaques/allowed/import.xlsx",
    action: "plaques.allowed.add",
    added: [["", "村务监督委员会", "《中华人民共和国村民委员会组织法》"], ["饶河镇（230524100000）", "新时代文明实践站"]],
    listed: async () => ((await get("raohe_office", "/api/plaques/allowed")).json() as { items: { region: { code: string }; name: string; basis: string | null }[] }).items.map((a) => `${a.region.code}|${a.name}|${a.basis ?? ""}`),
  },
  {
    name: "members of apps and groups 关注成员",
    user: "raohe_nyncj",
    required: 1,
    exportUrl: "/api/fingertips/members/export.xlsx",
    importUrl: "/api/fingertips/members/import.xlsx",
    action: "fingertips.members.add",
    added: [["饶河县农业农村工作群", "230524D01", "raohe_town"], ["饶河县农业农村工作群", "饶河县农业农村局（230524D01）", "jiaping_village", "（不读）", "（不读）"]],
    listed: async () => {
      const channels = ((await get("raohe_office", "/api/fingertips")).json() as { items: { id: string; name: string }[] }).items;
      const out: string[] = [];
      for (const c of channels) for (const m of ((await get("raohe_office", `/api/fingertips/${c.id}/members`)).json() as { items: { username: string }[] }).items) out.push(`${c.name}|${m.username}`);
      return out.sort();
    },
  },
];

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const office = grid.of("raohe_office");
  const made = [
    await office.request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year, register: "allowed_proof", entries: [{ code: "ZM-01", title: "困难群众家庭情况证明" }, { code: "ZM-02", title: "低保申请家庭经济状况证明" }] } }),
    await office.request({ method: "POST", url: "/api/plaques/allowed", payload: { regionCode: "230524", items: [{ name: "村党组织", basis: "《中国共产党农村基层组织工作条例》" }, { name: "村民委员会" }] } }),
    await grid.of("raohe_nyncj").request({
      method: "POST",
      url: "/api/fingertips",
      payload: { name: "饶河县农业农村工作群", kind: "workgroup", platform: "微信", ownerUnit: "230524D01", audienceUnits: ["230524"], audienceRoles: ["village_cadre", "township_official"], demands: [], minutesPerWeek: 30 },
    }),
  ];
  for (const res of made) expect(res.statusCode, res.body).toBeLessThan(300);
  const channel = made[2]!.json().id as string;
  const member = await grid.of("raohe_nyncj").request({ method: "POST", url: `/api/fingertips/${channel}/members`, payload: { usernames: ["raohe_village"] } });
  expect(member.statusCode, member.body).toBe(201);
});
afterAll(async () => ctx?.close());

describe.each(LISTS)("Excel import of the $name", (list) => {
  it("the export comes back in unchanged; rows added to it are written one by one, each audited as the single add", async () => {
    const before = await list.listed();
    const exported = await download(list.user, list.exportUrl);
    expect((await workbook(exported)).rows.length).toBeGreaterThan(0);
    const audited = await audits(list.action);
    const same = await upload(list.user, list.importUrl, exported);
    expect(same.statusCode, same.body).toBe(201);
    expect(same.json()).toMatchObject({ imported: 0, unchanged: before.length });
    expect(await list.listed()).toEqual(before);
    expect(await audits(list.action)).toBe(audited);

    const more = await upload(list.user, list.importUrl, await withRows(exported, list.added));
    expect(more.statusCode, more.body).toBe(201);
    expect(more.json()).toMatchObject({ imported: list.added.length, unchanged: before.length });
    expect((more.json().rows as { row: number }[]).map((r) => r.row)).toEqual(list.added.map((_, i) => 3 + before.length + i));
    const after = await list.listed();
    expect(after.length).toBe(before.length + list.added.length);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(await audits(list.action)).toBe(audited + list.added.length);
  });

  it("the template (?template=true) has the export's columns and no rows; imported as it is, it says there are no rows", async () => {
    const [full, template] = [await workbook(await download(list.user, list.exportUrl)), await workbook(await download(list.user, `${list.exportUrl}${list.exportUrl.includes("?") ? "&" : "?"}template=true`))];
    expect(template.header).toEqual(full.header);
    expect(template.rows).toEqual([]);
    const res = await upload(list.user, list.importUrl, Buffer.from(await template.wb.xlsx.writeBuffer()));
    expect([res.statusCode, res.json().error.code]).toEqual([400, "EXCEL_NO_ROWS"]);
  });

  it("a sheet without a required column is refused as a whole, naming the columns", async () => {
    const { wb, ws } = await workbook(await download(list.user, list.exportUrl));
    ws.spliceColumns(list.required, 1);
    const res = await upload(list.user, list.importUrl, Buffer.from(await wb.xlsx.writeBuffer()));
    expect([res.statusCode, res.json().error.code]).toEqual([400, "EXCEL_HEADER_MISSING"]);
  });
});

/** Imports rows into the template and expects EXCEL_INVALID naming exactly `paths`, with the list untouched. */
async function refused(list: List, rows: (string | number)[][], paths: string[], user: List["user"] = list.user) {
  const before = await list.listed();
  const audited = await audits(list.action);
  const file = await withRows(await download(user, `${list.exportUrl}${list.exportUrl.includes("?") ? "&" : "?"}template=true`), rows);
  const res = await upload(user, list.importUrl, file);
  expect([res.statusCode, res.json().error.code], res.body).toEqual([400, "EXCEL_INVALID"]);
  const details = res.json().error.details as { path: string; message: string }[];
  expect(details.map((d) => d.path)).toEqual(paths);
  expect(await list.listed()).toEqual(before);
  expect(await audits(list.action)).toBe(audited);
  const en = await upload(user, list.importUrl, file, "en");
  return { zh: details.map((d) => d.message), en: (en.json().error.details as { message: string }[]).map((d) => d.message) };
}

describe("bad rows: each named by sheet, row and column, and nothing of the file written", () => {
  it("proofs list: a year that is none, a number used for another proof, a banned proof, unknown and foreign regions, a village, a region above", async () => {
    const { zh, en } = await refused(
      LISTS[0]!,
      [
        [year, "ZM-20", "土地承包经营情况证明"], // row 3: good
        ["明年", "ZM-21", "土地承包经营情况证明"],
        [year, "ZM-01", "房屋租赁情况证明"],
        [year, "ZM-22", "亲属关系证明"],
        [year, "ZM-23", "土地承包经营情况证明", "999999"],
        [year, "ZM-24", "土地承包经营情况证明", "阿图什市（653001）"],
        [year, "ZM-25", "土地承包经营情况证明", "230524100200"],
        [year, "ZM-26", "土地承包经营情况证明", "100000"],
        [year, "", "土地承包经营情况证明"],
      ],
      ["可出具证明清单!A4", "可出具证明清单!B5", "可出具证明清单!C6", "可出具证明清单!D7", "可出具证明清单!D8", "可出具证明清单!D9", "可出具证明清单!D10", "可出具证明清单!B11"],
    );
    expect(zh[0]).toContain("第 4 行“年度”列：应为数字，实为“明年”");
    expect(zh[1]).toContain("已用于“困难群众家庭情况证明”");
    expect(zh[2]).toContain("不能列入村级可出具证明事项清单");
    expect(zh[3]).toContain("未找到单位 999999");
    expect(zh[4]).toContain("653001");
    expect(zh[5]).toContain("不是地区");
    expect(zh[6]).toContain("不在您的管辖范围内");
    expect(zh[7]).toContain("不能为空");
    expect(en[2]).toContain("row 6, column 证明事项名称 (C): “亲属关系证明” is a proof village committees may no longer issue");
  });

  it("allowed plaques: a name too short, a name the list has on another basis, a foreign region, a region above", async () => {
    const { zh, en } = await refused(
      LISTS[1]!,
      [
        ["", "便民服务站"], // row 3: good
        ["", "牌"],
        ["", "村党组织", "县委组织部通知"],
        ["653001", "便民服务站"],
        ["100000", "便民服务站"],
      ],
      ["准挂牌子清单!B4", "准挂牌子清单!C5", "准挂牌子清单!A6", "准挂牌子清单!A7"],
    );
    expect(zh[0]).toContain("第 4 行“牌子名称”列：“牌”不符合要求");
    expect(zh[1]).toContain("依据为“《中国共产党农村基层组织工作条例》”");
    expect(zh[3]).toContain("无权执行此操作");
    expect(en[1]).toContain("remove it first to change the basis");
  });

  it("members: an unknown account, one that is no grassroots cadre, a group the owner has not, an unknown owner, a malformed code", async () => {
    const { zh, en } = await refused(
      LISTS[2]!,
      [
        ["饶河县农业农村工作群", "230524D01", "xiaojiahe_town"], // row 3: good
        ["饶河县农业农村工作群", "230524D01", "nobody_here"],
        ["饶河县农业农村工作群", "230524D01", "raohe_office"],
        ["不存在的工作群", "230524D01", "raohe_town"],
        ["饶河县农业农村工作群", "999999", "raohe_town"],
        ["饶河县农业农村工作群", "农业农村局", "raohe_town"],
        ["饶河县农业农村工作群", "230524D01", "atushi_town"],
      ],
      ["关注成员!C4", "关注成员!C5", "关注成员!A6", "关注成员!B7", "关注成员!B8", "关注成员!C9"],
    );
    expect(zh[0]).toContain("没有这些账号：nobody_here");
    expect(zh[1]).toContain("饶河县减负办 王主任（raohe_office）");
    expect(zh[2]).toContain("没有名为“不存在的工作群”");
    expect(zh[3]).toContain("未找到单位 999999");
    expect(en[5]).toContain("row 9, column 账号 (C): Only village cadres and township officials of the region");
  });

  it("members: another unit's group is not the bureau's to keep (the office may)", async () => {
    const made = await grid.of("raohe_office").request({
      method: "POST",
      url: "/api/fingertips",
      payload: { name: "饶河县民政服务群", kind: "workgroup", platform: "微信", ownerUnit: "230524D03", audienceUnits: ["230524"], audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 20 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const { zh } = await refused(LISTS[2]!, [["饶河县民政服务群", "230524D03", "raohe_village"]], ["关注成员!A3"], "raohe_nyncj");
    expect(zh[0]).toContain("无权执行此操作");
    const file = await withRows(await download("raohe_office", "/api/fingertips/members/export.xlsx?template=true"), [["饶河县民政服务群", "230524D03", "raohe_village"]]);
    expect((await upload("raohe_office", "/api/fingertips/members/import.xlsx", file)).json()).toMatchObject({ imported: 1, unchanged: 0 });
  });

  it("an entry added by the import decides the next proof asked: on the list, it may be issued", async () => {
    const ask = await grid.of("raohe_village").request({ method: "POST", url: "/api/proofs/requests", payload: { villageCode: "230524100200", proofName: "村民自治组织换届选举证明", requestedBy: "县民政局" } });
    expect(ask.statusCode, ask.body).toBe(201);
    expect(ask.json()).toMatchObject({ decision: "issue", matched: "村民自治组织换届选举证明" });
  });

  it("the gate's own register add refuses a banned proof on the list of proofs villages may issue", async () => {
    const res = await grid.of("raohe_office").request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year, register: "allowed_proof", entries: [{ code: "ZM-99", title: "无犯罪记录证明" }] } });
    expect([res.statusCode, res.json().error.code]).toEqual([400, "PROOF_LIST_BANNED"]);
    const entries = await ctx.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "gate.register.add"), eq(auditLog.entityId, `230524/${year}/allowed_proof`)));
    expect(Number(entries[0]!.n)).toBeGreaterThan(0);
  });
});

describe("templates of the other imports of issue 6 (the apps ledger, the inspection plan, the approved evaluations list)", () => {
  it.each([
    { name: "apps ledger 台账", exportUrl: "/api/fingertips/export.xlsx", importUrl: "/api/fingertips/import", read: ["名称", "主办单位编码", "面向单位编码", "工作要求"] },
    { name: "inspection plan 督检考计划", exportUrl: `/api/inspection-plans/export.xlsx?year=${year}`, importUrl: `/api/inspection-plans/import?year=${year}&department=230524D01`, read: ["项目名称", "检查对象", "计划月份", "综合性"] },
    { name: "evaluations list 评比创建清单", exportUrl: `/api/evaluations/export.xlsx?year=${year}`, importUrl: `/api/evaluations/import?year=${year}`, read: ["审批编号", "项目名称", "类别", "主办单位编码"] },
  ])("$name: ?template=true is the export's header alone (the columns the import reads among them); imported as it is, it has no rows", async (t) => {
    const template = await workbook(await download("raohe_office", `${t.exportUrl}${t.exportUrl.includes("?") ? "&" : "?"}template=true`));
    expect(template.rows).toEqual([]);
    expect(template.header).toEqual(expect.arrayContaining(t.read));
    expect(template.wb.worksheets.map((w) => w.name)).toHaveLength(1);
    const res = await upload("raohe_office", t.importUrl, Buffer.from(await template.wb.xlsx.writeBuffer()));
    expect([res.statusCode, res.json().error.code]).toEqual([400, "EXCEL_NO_ROWS"]);
  });
});

type Endpoint = "GET export.xlsx" | "POST import.xlsx";
const BAD = "400 EXCEL_NO_ROWS";
const ALL: GridCells = [OK, OK, OK, OK, OK, OK, OK, OK, OK];
const OFFICES: GridCells = [DENY, DENY, DENY, BAD, DENY, DENY, DENY, BAD, DENY];
const KEEPERS: GridCells = [DENY, BAD, BAD, BAD, DENY, DENY, DENY, BAD, BAD];
// prettier-ignore
const GRID: Record<Endpoint, Record<string, GridCells>> = {
  "GET export.xlsx": { proofList: ALL, allowedPlaques: ALL, members: ALL },
  // An empty template is posted: a caller who may import hears that it has no rows; nothing is written.
  "POST import.xlsx": { proofList: OFFICES, allowedPlaques: OFFICES, members: KEEPERS },
};
const URLS: Record<string, { export: string; import: string }> = {
  proofList: { export: `/api/proofs/list/export.xlsx?year=${year}&template=true`, import: "/api/proofs/list/import.xlsx" },
  allowedPlaques: { export: "/api/plaques/allowed/export.xlsx?template=true", import: "/api/plaques/allowed/import.xlsx" },
  members: { export: "/api/fingertips/members/export.xlsx?template=true", import: "/api/fingertips/members/import.xlsx" },
};

describe("who may export and import the lists 权限矩阵", () => {
  it.each(gridRows(GRID))("$role $endpoint $target → $expected", async (row) => {
    const urls = URLS[row.target]!;
    const template = await download("raohe_office", urls.export);
    const res = await grid.send(
      row.role,
      row.endpoint.startsWith("GET") ? { method: "GET", url: urls.export } : { method: "POST", url: urls.import, payload: template, headers: { "content-type": XLSX_MIME } },
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});
