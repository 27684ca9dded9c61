import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { Channel, Load, MergeProposal } from "../../../contracts/fingertips.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const RAOHE_TOWN = "230524100000";
const RAOHE_VILLAGE = "230524100200";
const JIAPING_VILLAGE = "230524101200";

const register = async (username: string, body: Record<string, unknown>) =>
  (await as(username)).request({
    method: "POST",
    url: "/api/fingertips",
    payload: { name: "饶河县农业农村工作群", kind: "workgroup", platform: "微信", ownerUnit: "230524D01", audienceUnits: [RAOHE_TOWN], audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 30, ...body },
  });
const load = async (username: string, under?: string) =>
  (await (await as(username)).request({ method: "GET", url: "/api/fingertips/load", query: under ? { under } : {} })).json() as Load;
const rowOf = (l: Load, code: string, role = "village_cadre") => l.rows.find((r) => r.unit.code === code && r.role === role);

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(["饶河县政务应用、公众号、工作群台账"]);
  ws.addRow(["名称", "类型", "平台", "主办单位编码", "面向单位编码", "面向人员", "工作要求", "每人每周分钟", "准入编号", "备注"]);
  for (const r of rows) ws.addRow(r.map((c) => (c === null ? undefined : c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (username: string, file: Buffer, lang = "zh-CN") =>
  (await as(username)).request({ method: "POST", url: "/api/fingertips/import", headers: { "content-type": XLSX_MIME, "accept-language": lang }, payload: file });

describe("指尖减负 the ledger of apps, accounts and work groups", () => {
  it("flags banned demands in the gate's words, counts the posts reached and their hours", async () => {
    const res = await register("raohe_nyncj", { name: "农业农村打卡群", demands: ["check_in", "ranking", "photo_upload"], minutesPerWeek: 60 });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Channel;
    expect(c.flags.map((f) => f.code)).toEqual(["APP_BANNED_DEMAND", "TRACE_REQUIREMENT"]);
    expect(c.flags[0]!.message).toContain("打卡签到、排名通报");
    expect(c.flags[0]!.message).toContain("指尖上的形式主义");
    // 饶河镇 has its communities and village committees; each is one post of village cadres.
    expect(c.posts).toBeGreaterThan(5);
    expect(c.weeklyHours).toBe(Math.round((c.posts * 60) / 6) / 10);
    const en = await (await as("raohe_nyncj")).request({ method: "GET", url: "/api/fingertips", headers: { "accept-language": "en" }, query: { flagged: "true" } });
    expect((en.json() as { items: Channel[] }).items.find((i) => i.id === c.id)!.flags[0]!.message).toContain("check-ins, rankings");
  });

  it("refuses bad input: unknown unit, an audience outside the owner's region, someone else's app, a second of the same name", async () => {
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["raohe_nyncj", { ownerUnit: "230524D99" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", { name: "群A", audienceUnits: ["230524999999"] }, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", { name: "群B", audienceUnits: ["653001100000"] }, 400, "CHANNEL_AUDIENCE_INVALID"],
      ["raohe_nyncj", { name: "群C", audienceUnits: ["230524D02"] }, 400, "CHANNEL_AUDIENCE_INVALID"],
      ["raohe_town", { name: "群D", ownerUnit: RAOHE_TOWN, audienceUnits: ["230524101000"] }, 400, "CHANNEL_AUDIENCE_INVALID"],
      ["raohe_tjj", { name: "群E" }, 403, "FORBIDDEN"],
      ["raohe_village", { name: "群F" }, 403, "FORBIDDEN"],
      ["atushi_office", { name: "群G" }, 403, "FORBIDDEN"],
      ["raohe_nyncj", { name: "群H", demands: ["likes"] }, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", { name: "群I", minutesPerWeek: -5 }, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", { name: "群J", audienceUnits: [] }, 400, "VALIDATION_FAILED"],
    ];
    for (const [user, body, status, code] of bad) {
      const res = await register(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect((await register("raohe_nyncj", { name: "同名群" })).statusCode).toBe(201);
    const again = await register("raohe_office", { name: "同名群" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("CHANNEL_NAME_TAKEN");
  });

  it("Sichuan's clean-up in small: two alike groups of one bureau are proposed for merging; the merge accepted lowers each cadre's count", async () => {
    const a = (await register("raohe_nyncj", { name: "饶河县农业农村局工作通知群", audienceUnits: [RAOHE_TOWN, "230524101000"], minutesPerWeek: 40 })).json() as Channel;
    const b = (await register("raohe_nyncj", { name: "饶河县农业农村局通知工作群（饶河镇）", audienceUnits: [RAOHE_VILLAGE, "230524100201"], minutesPerWeek: 20, demands: ["points"] })).json() as Channel;
    const before = await load("raohe_village");
    expect(before.under.code).toBe(RAOHE_VILLAGE);
    const mine = rowOf(before, RAOHE_VILLAGE)!;
    expect(mine.heaviest.map((h) => h.name)).toContain("饶河县农业农村局工作通知群");
    expect(mine.bannedDemands).toBeGreaterThan(0);

    const proposals = (await (await as("raohe_office")).request({ method: "GET", url: "/api/fingertips/merge-proposals" })).json() as { items: MergeProposal[] };
    const p = proposals.items.find((x) => [x.keep.id, x.merge.id].sort().join() === [a.id, b.id].sort().join());
    expect(p, JSON.stringify(proposals.items.map((x) => [x.keep.name, x.merge.name]))).toBeDefined();
    expect(p!.sameOwner).toBe(true);
    expect(p!.keep.id).toBe(a.id); // it reaches more posts
    expect(p!.overlap).toBe(1);

    // Only the office decides; a reason is needed; the decision is audited.
    const body = { action: "merge", mergeInto: a.id, reason: "同一主办单位、成员重叠，整合为一个群" };
    expect((await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/fingertips/${b.id}/decision`, payload: body })).statusCode).toBe(403);
    expect((await (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${b.id}/decision`, payload: { ...body, reason: "" } })).statusCode).toBe(400);
    expect((await (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${b.id}/decision`, payload: { ...body, mergeInto: b.id } })).json().error.code).toBe("CHANNEL_MERGE_TARGET_INVALID");
    const merged = await (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${b.id}/decision`, payload: body });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: "merged", mergedInto: { id: a.id }, flags: [] });
    const twice = await (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${b.id}/decision`, payload: body });
    expect(twice.json().error.code).toBe("CHANNEL_NOT_ACTIVE");

    const after = await load("raohe_village");
    expect(rowOf(after, RAOHE_VILLAGE)!.channels).toBe(mine.channels - 1);
    expect(rowOf(after, RAOHE_VILLAGE)!.minutesPerWeek).toBe(mine.minutesPerWeek - 20);
    const audit = (await (await as("raohe_jiwei")).request({ method: "GET", url: "/api/audit" })).json() as { items: { action: string }[] };
    expect(audit.items.map((i) => i.action)).toContain("fingertips.merge");

    // Closing takes it off every list.
    const closed = await (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${a.id}/decision`, payload: { action: "close", reason: "功能已并入县政务服务平台" } });
    expect(closed.json().status).toBe("closed");
    expect(rowOf(await load("raohe_village"), RAOHE_VILLAGE)!.channels).toBe(mine.channels - 2);
  });

  it("shows each cadre his own load and the office every post of the county, with burden-hours per unit", async () => {
    await register("raohe_town", { name: "饶河镇防汛值班群", ownerUnit: RAOHE_TOWN, audienceUnits: [RAOHE_TOWN], audienceRoles: ["village_cadre", "township_official"], minutesPerWeek: 90 });
    const county = await load("raohe_office");
    expect(county.under.code).toBe("230524");
    const jiaping = rowOf(county, JIAPING_VILLAGE);
    const raohe = rowOf(county, RAOHE_VILLAGE)!;
    expect(raohe.channels).toBeGreaterThan(jiaping?.channels ?? 0);
    expect(raohe.heaviest[0]!.name).toBe("饶河镇防汛值班群");
    expect(rowOf(county, RAOHE_TOWN, "township_official")!.channels).toBeGreaterThanOrEqual(1);
    const unit = county.units.find((u) => u.code === RAOHE_VILLAGE)!;
    expect(unit.hoursPerYear).toBe(Math.round((unit.minutesPerWeek * 52) / 6) / 10);
    expect(county.totals.hoursPerYear).toBeGreaterThan(0);
    // A village cadre sees only his own village; another unit is hidden.
    expect((await (await as("raohe_village")).request({ method: "GET", url: "/api/fingertips/load", query: { under: JIAPING_VILLAGE } })).statusCode).toBe(404);
    expect((await (await as("atushi_office")).request({ method: "GET", url: "/api/fingertips/load", query: { under: "230524" } })).statusCode).toBe(404);
    // The village cadre reads the groups that reach him, the other county none.
    expect(((await (await as("raohe_village")).request({ method: "GET", url: "/api/fingertips" })).json() as { total: number }).total).toBeGreaterThan(0);
    expect(((await (await as("atushi_office")).request({ method: "GET", url: "/api/fingertips" })).json() as { total: number }).total).toBe(0);
  });
});

describe("指尖减负 Excel in and out", () => {
  it("imports a good sheet (and updates on a second run), exports it back", async () => {
    const file = await xlsx([
      ["饶河县民政局低保核查群", "工作群", "微信", "230524D03", "230524", "村干部", "上传照片、转发点赞", 25, null, null],
      ["饶河民政", "公众号", "微信", "230524D03", "230524", "村干部、乡镇干部", "转发", 10, null, "要求每周转发"],
    ]);
    const res = await upload("raohe_office", file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    expect((await upload("raohe_office", file)).json()).toEqual({ created: 0, updated: 2 });
    const out = await (await as("raohe_office")).request({ method: "GET", url: "/api/fingertips/export.xlsx" });
    expect(out.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    const names = wb.worksheets[0]!.getColumn(1).values.map(String);
    expect(names).toContain("饶河县民政局低保核查群");
  });

  it("reports every bad row by sheet, row and column and imports nothing", async () => {
    const file = await xlsx([
      ["好的一行群", "工作群", "微信", "230524D03", "230524", "村干部", null, 10, null, null],
      ["坏类型", "抖音号", null, "230524D03", "230524", "村干部", null, 10, null, null],
      ["未知单位", "工作群", null, "230524D88", "230524", "村干部", null, 10, null, null],
      ["区外", "工作群", null, "230524D03", "653001", "村干部", null, 10, null, null],
      ["坏要求", "工作群", null, "230524D03", "230524", "村干部", "刷脸", "十分钟", null, null],
    ]);
    const res = await upload("raohe_office", file);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json().error as { code: string; details: { path: string; message: string }[] };
    expect(body.code).toBe("EXCEL_INVALID");
    const paths = body.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["台账!B4", "台账!D5", "台账!E6", "台账!G7", "台账!H7"]));
    expect(body.details.find((d) => d.path === "台账!D5")!.message).toContain("第 5 行");
    const list = (await (await as("raohe_office")).request({ method: "GET", url: "/api/fingertips" })).json() as { items: Channel[] };
    expect(list.items.map((c) => c.name)).not.toContain("好的一行群");
  });

  it("refuses what is no workbook, a sheet without the header, and the wrong role", async () => {
    expect((await upload("raohe_office", Buffer.from("名称,类型\n群,工作群"))).json().error.code).toBe("EXCEL_NOT_XLSX");
    const noHeader = await xlsx([]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").addRow(["甲", "乙"]);
    expect((await upload("raohe_office", Buffer.from(await wb.xlsx.writeBuffer()))).json().error.code).toBe("EXCEL_HEADER_MISSING");
    // The ledger's header with no row under it: the shared table reader says so.
    expect((await upload("raohe_office", noHeader)).json().error.code).toBe("EXCEL_NO_ROWS");
    expect((await upload("raohe_nyncj", noHeader)).statusCode).toBe(403);
    const big = await upload("raohe_office", Buffer.alloc(6 * 1024 * 1024, 1));
    expect(big.statusCode).toBe(413);
  });
});
