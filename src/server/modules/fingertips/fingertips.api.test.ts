import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { sql } from "drizzle-orm";
import type { CadreLoad, Channel, ChannelMember, Load, MergeProposal } from "../../../contracts/fingertips.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { admitThroughGate } from "../meetings/test-helpers.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { sheetRows } from "../../test/xlsx.js";

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
    expect(c.flags.map((f) => f.code)).toEqual(["APP_BANNED_DEMAND", "TRACE_REQUIREMENT", "NOT_ADMITTED"]);
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
    // The proposals as a sheet for the office's meeting with the bureaus: one a row, kept and merged, and why.
    const sheet = await (await as("raohe_office")).request({ method: "GET", url: "/api/fingertips/merge-proposals/export.xlsx" });
    expect(sheet.statusCode, sheet.body).toBe(200);
    const rows = await sheetRows(sheet.rawPayload);
    expect(rows[1]!.slice(0, 4)).toEqual(["保留", "保留方主办单位", "保留方覆盖岗位数", "并入"]);
    const line = rows.find((r) => r[0] === "饶河县农业农村局工作通知群" && r[3] === "饶河县农业农村局通知工作群（饶河镇）");
    expect(line, JSON.stringify(rows)).toBeDefined();
    expect(line!.slice(8)).toEqual(["100%", expect.stringContaining("同为饶河县农业农村局主办")]);
    expect(rows).toHaveLength(proposals.items.length + 2);
    expect((await (await as("raohe_village")).request({ method: "GET", url: "/api/fingertips/merge-proposals/export.xlsx" })).statusCode).toBe(403);

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

describe("指尖减负 named cadres, undoing decisions, and the gate's admitted apps and groups", () => {
  const XIAOJIAHE_TOWN = "230524101000";
  const cadres = async (username = "raohe_office", under: string | null = "230524") =>
    (await (await as(username)).request({ method: "GET", url: "/api/fingertips/cadres", query: under ? { under } : {} })).json() as CadreLoad;
  const countOf = (l: CadreLoad, username: string) => l.cadres.find((c) => c.user.username === username)?.channels;
  const members = async (id: string, usernames: unknown, username = "raohe_office") => (await as(username)).request({ method: "POST", url: `/api/fingertips/${id}/members`, payload: { usernames } });
  const decide = async (id: string, body: Record<string, unknown>) => (await as("raohe_office")).request({ method: "POST", url: `/api/fingertips/${id}/decision`, payload: body });
  const undo = async (id: string, reason: unknown, username = "raohe_office") => (await as(username)).request({ method: "POST", url: `/api/fingertips/${id}/undo`, payload: { reason } });
  let a: Channel;
  let b: Channel;

  it("records the cadres who must follow a channel, all or none, and counts per cadre, the heaviest first", async () => {
    a = (await register("raohe_mzj", { name: "民政低保核查工作群", ownerUnit: "230524D03", audienceUnits: [RAOHE_TOWN], minutesPerWeek: 20 })).json() as Channel;
    b = (await register("raohe_mzj", { name: "民政救助信息填报群", ownerUnit: "230524D03", audienceUnits: [XIAOJIAHE_TOWN], audienceRoles: ["village_cadre", "township_official"], minutesPerWeek: 15 })).json() as Channel;
    expect(a.can).toEqual(["members"]);
    for (const [usernames, by, status, code] of [
      [["raohe_village", "nobody_here"], "raohe_office", 400, "CHANNEL_MEMBER_UNKNOWN"],
      [["raohe_village", "raohe_office"], "raohe_office", 400, "CHANNEL_MEMBER_INVALID"],
      [["atushi_town"], "raohe_office", 400, "CHANNEL_MEMBER_INVALID"],
      [[], "raohe_office", 400, "VALIDATION_FAILED"],
      ["raohe_village", "raohe_office", 400, "VALIDATION_FAILED"],
      [["raohe_village"], "raohe_nyncj", 403, "FORBIDDEN"],
      [["raohe_village"], "raohe_village", 403, "FORBIDDEN"],
      [["raohe_village"], "atushi_office", 404, "CHANNEL_NOT_FOUND"],
    ] as const) {
      const res = await members(a.id, usernames, by);
      expect(res.statusCode, `${by} ${JSON.stringify(usernames)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(countOf(await cadres(), "raohe_village")).toBe(0);
    // The bureau running it records its own members; the office too.
    expect((await members(a.id, ["raohe_village"], "raohe_mzj")).json()).toEqual({ added: 1 });
    expect((await members(b.id, ["raohe_village", "jiaping_village", "xiaojiahe_town"])).json()).toEqual({ added: 3 });
    expect((await members(b.id, ["jiaping_village"])).json()).toEqual({ added: 0 });
    const list = await cadres();
    expect(list.cadres[0]!.user.username).toBe("raohe_village");
    expect(list.cadres[0]).toMatchObject({ channels: 2, groups: 2, minutesPerWeek: 35, heaviest: [{ name: "民政低保核查工作群" }, { name: "民政救助信息填报群" }] });
    expect(list.cadres[0]!.byAudience).toBeGreaterThanOrEqual(1);
    expect([countOf(list, "jiaping_village"), countOf(list, "xiaojiahe_town")]).toEqual([1, 1]);
    expect(list.totals).toMatchObject({ withMemberships: 3, memberships: 4 });
    // A village cadre sees his own village only; another region's office cannot look here.
    expect((await cadres("raohe_village", null)).cadres.map((c) => c.user.username)).toEqual(["raohe_village"]);
    expect((await (await as("raohe_village")).request({ method: "GET", url: "/api/fingertips/cadres", query: { under: "230524" } })).json().error.code).toBe("UNIT_NOT_FOUND");
    expect((await (await as("atushi_office")).request({ method: "GET", url: "/api/fingertips/cadres", query: { under: "230524" } })).json().error.code).toBe("UNIT_NOT_FOUND");

    const listed = (await (await as("raohe_office")).request({ method: "GET", url: `/api/fingertips/${b.id}/members` })).json() as { items: ChannelMember[] };
    expect(listed.items.map((m) => m.username).sort()).toEqual(["jiaping_village", "raohe_village", "xiaojiahe_town"]);
  });

  it("undoes a merge or a closing with a reason, audited: every count per post and per cadre returns to what it was", async () => {
    const before = { load: await load("raohe_office", "230524"), cadres: await cadres() };
    expect((await undo(a.id, "在用的群不能撤销")).json().error.code).toBe("CHANNEL_NOT_DECIDED");

    expect((await decide(b.id, { action: "merge", mergeInto: a.id, reason: "同一主办单位，合并为一个民政工作群" })).statusCode).toBe(200);
    const merged = await cadres();
    expect([countOf(merged, "raohe_village"), countOf(merged, "jiaping_village"), countOf(merged, "xiaojiahe_town")]).toEqual([1, 1, 1]);
    expect(rowOf(await load("raohe_office", "230524"), "230524100000", "township_official")!.channels).toBe(rowOf(before.load, "230524100000", "township_official")!.channels + 1);

    for (const [reason, by, status, code] of [
      ["", "raohe_office", 400, "VALIDATION_FAILED"],
      ["撤销", "raohe_office", 400, "VALIDATION_FAILED"],
      ["部门要求撤销整合", "raohe_mzj", 403, "FORBIDDEN"],
      ["外地减负办撤销", "atushi_office", 404, "CHANNEL_NOT_FOUND"],
    ] as const) {
      const res = await undo(b.id, reason, by);
      expect(res.statusCode, `${by} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const undone = await undo(b.id, "两群服务对象不同，整合后信息混杂，恢复原状");
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: "active", mergedInto: null, decisionReason: null, members: 3 });
    expect(await load("raohe_office", "230524")).toEqual(before.load);
    expect(await cadres()).toEqual(before.cadres);

    // A merge into a channel since closed waits for that closing to be undone first.
    await decide(b.id, { action: "merge", mergeInto: a.id, reason: "再次整合民政工作群" });
    await decide(a.id, { action: "close", reason: "民政工作统一使用政务平台" });
    expect(countOf(await cadres(), "raohe_village")).toBe(0);
    expect((await undo(b.id, "恢复救助信息填报群")).json().error.code).toBe("CHANNEL_UNDO_BLOCKED");
    expect((await undo(a.id, "政务平台尚未上线，恢复工作群")).statusCode).toBe(200);
    expect((await undo(b.id, "恢复救助信息填报群")).statusCode).toBe(200);
    expect(await load("raohe_office", "230524")).toEqual(before.load);
    expect(await cadres()).toEqual(before.cadres);

    const audit = await ctx.db.execute<{ entity_id: string; detail: { reason: string; undone: { status: string } } }>(sql`select entity_id, detail from audit_log where action = 'fingertips.undo' order by id`);
    expect(audit.rows.map((r) => [r.entity_id, r.detail.undone.status, r.detail.reason])).toEqual([
      [b.id, "merged", "两群服务对象不同，整合后信息混杂，恢复原状"],
      [a.id, "closed", "政务平台尚未上线，恢复工作群"],
      [b.id, "merged", "恢复救助信息填报群"],
    ]);
  });

  it("shows the apps and groups the gate admitted: linked by admission number, not copied; a channel without one is flagged", async () => {
    const today = chinaToday();
    const admitted = await admitThroughGate(await as("raohe_nyncj"), await as("raohe_office"), {
      kind: "app",
      issuer: "230524D01",
      targets: { under: RAOHE_TOWN, level: "village" },
      title: "推广使用黑龙江省农业补贴申报系统",
      text: "各村协助农户在系统中申报耕地地力保护补贴。",
      issuedOn: today,
      deadline: addDays(today, 30),
      frequency: "once",
      minutesPerTarget: 30,
      details: { appName: "农业补贴申报系统", demands: [] },
    });
    expect(admitted.status).toBe("admitted");
    const number = ((await (await as("raohe_office")).request({ method: "GET", url: `/api/burdens/${admitted.id}` })).json() as { admissionNumber: string }).admissionNumber;
    const ledger = async () => (await (await as("raohe_office")).request({ method: "GET", url: "/api/fingertips" })).json() as { items: Channel[]; admittedNotInLedger: { id: string; name: string; admissionNumber: string }[] };
    expect((await ledger()).admittedNotInLedger).toEqual(expect.arrayContaining([expect.objectContaining({ id: admitted.id, name: "农业补贴申报系统", admissionNumber: number })]));

    const linked = (await register("raohe_nyncj", { name: "农业补贴申报系统", kind: "app", platform: "独立应用", admissionNumber: number })).json() as Channel;
    expect(linked.burden).toEqual({ id: admitted.id, title: "推广使用黑龙江省农业补贴申报系统", admissionNumber: number });
    expect(linked.flags.map((f) => f.code)).not.toContain("NOT_ADMITTED");
    const after = await ledger();
    expect(after.admittedNotInLedger.map((r) => r.id)).not.toContain(admitted.id);
    expect(after.items.filter((c) => c.burden?.id === admitted.id)).toHaveLength(1);

    const bogus = (await register("raohe_nyncj", { name: "农业补贴自查群", admissionNumber: "230524-2099-000001-X" })).json() as Channel;
    expect(bogus.burden).toBeNull();
    expect(bogus.flags.find((f) => f.code === "NOT_ADMITTED")!.message).toContain("230524-2099-000001-X");
    expect(a.flags.find((f) => f.code === "NOT_ADMITTED")!.message).toContain("未经准入");
  });
});
