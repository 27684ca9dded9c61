import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanItem, PlanList } from "../../../contracts/inspection-plans.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { buildXlsx } from "../duties/excel/fixtures.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const today = chinaToday();
const year = Number(today.slice(0, 4));
const issuedOn = addDays(today, 1);
const PLAN_HEADER = ["项目名称", "检查对象", "计划月份", "综合性"];
/** 县民政局 imports a plan file for itself. */
const importForMzj = async (file: Buffer, lang = "zh-CN") =>
  (await as("raohe_mzj")).request({ method: "POST", url: `/api/inspection-plans/import?year=${year}&department=230524D03`, payload: file, headers: { "content-type": XLSX, "accept-language": lang } });
const countItems = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from inspection_plan_items`)).rows[0]!.n;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const item = (over: Record<string, unknown> = {}) => ({ department: "230524D01", year, title: "秸秆禁烧工作专项检查", targets: ["230524100000", "230524101000"], month: 11, comprehensive: false, ...over });
const submit = async (username: string, over: Record<string, unknown> = {}) => (await as(username)).request({ method: "POST", url: "/api/inspection-plans", payload: item(over) });

/** The gate's findings for an inspection citing a plan item code (a draft is enough: findings come back at once). */
async function gateCodesFor(planItemCode: string) {
  const res = await (await as("raohe_nyncj")).request({
    method: "POST",
    url: "/api/burdens",
    payload: {
      kind: "inspection",
      issuer: "230524D01",
      targets: ["230524100000"],
      title: `秸秆禁烧工作现场检查（${planItemCode}）`,
      text: "到乡镇现场检查秸秆禁烧工作落实情况。",
      issuedOn,
      deadline: addDays(issuedOn, 14),
      frequency: "once",
      minutesPerTarget: 120,
      details: { planItemCode, comprehensive: false, onSite: true },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { findings: { code: string }[] }).findings.map((f) => f.code);
}

describe("annual inspection plan 年度督检考计划", () => {
  it("only an approved item lets an inspection past UNPLANNED_INSPECTION; a rejected one does not", async () => {
    const submitted = await submit("raohe_nyncj");
    expect(submitted.statusCode, submitted.body).toBe(201);
    const planned = submitted.json() as PlanItem;
    expect(planned).toMatchObject({ status: "submitted", department: { name: "饶河县农业农村局" }, can: [] });
    expect(planned.code).toMatch(new RegExp(`^230524-DJK-${year}-\\d{3}$`));
    expect(await gateCodesFor(planned.code)).toContain("UNPLANNED_INSPECTION");

    // The office sees it as decidable; a department may not decide; a reason is required.
    const list = (await (await as("raohe_office")).request({ method: "GET", url: `/api/inspection-plans?year=${year}&status=submitted` })).json() as PlanList;
    expect(list.items.find((i) => i.id === planned.id)!.can).toEqual(["decide"]);
    expect((await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "approve", reason: "同意" } })).statusCode).toBe(403);
    const noReason = await (await as("raohe_office")).request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "approve", reason: "" } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe("VALIDATION_FAILED");

    const approved = await (await as("raohe_office")).request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "approve", reason: "与秋冬季农业生产检查合并开展" } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", decisionReason: "与秋冬季农业生产检查合并开展", decidedBy: "饶河县减负办 王主任", can: ["withdraw"] });
    expect(await gateCodesFor(planned.code)).not.toContain("UNPLANNED_INSPECTION");
    const again = await (await as("raohe_office")).request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "reject", reason: "重复审批" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("PLAN_ITEM_DECIDED");

    const other = (await submit("raohe_nyncj", { title: "农机安全生产大检查", comprehensive: true })).json() as PlanItem;
    const rejected = await (await as("raohe_office")).request({ method: "POST", url: `/api/inspection-plans/${other.id}/decide`, payload: { decision: "reject", reason: "已列入县综合考核，不再单独开展" } });
    expect(rejected.json()).toMatchObject({ status: "rejected" });
    expect(await gateCodesFor(other.code)).toContain("UNPLANNED_INSPECTION");

    const audit = await ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'inspection_plan_item' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["inspection_plan.submit", "inspection_plan.approve", "inspection_plan.reject"]));
    const counts = ((await (await as("raohe_office")).request({ method: "GET", url: `/api/inspection-plans?year=${year}` })).json() as PlanList).counts;
    expect(counts).toMatchObject({ approved: 1, rejected: 1 });
  });

  it("the office withdraws an approved item with a reason, audited; a new inspection citing it is then flagged", async () => {
    const office = await as("raohe_office");
    const planned = (await submit("raohe_nyncj", { title: "高标准农田建设质量检查" })).json() as PlanItem;
    const withdraw = (username: string, id: string, reason: unknown) => as(username).then((s) => s.request({ method: "POST", url: `/api/inspection-plans/${id}/withdraw`, payload: { reason } }));
    // Only approved items can be withdrawn.
    const early = await withdraw("raohe_office", planned.id, "尚未批准即撤回");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("PLAN_ITEM_NOT_APPROVED");
    await office.request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "approve", reason: "同意" } });
    expect(await gateCodesFor(planned.code)).not.toContain("UNPLANNED_INSPECTION");
    const listed = ((await office.request({ method: "GET", url: `/api/inspection-plans?year=${year}&status=approved` })).json() as PlanList).items.find((i) => i.id === planned.id)!;
    expect(listed.can).toEqual(["withdraw"]);

    // Bad input and the wrong people: nothing changes.
    for (const [user, reason, status, code] of [
      ["raohe_office", "", 400, "VALIDATION_FAILED"],
      ["raohe_office", "撤", 400, "VALIDATION_FAILED"],
      ["raohe_office", 42, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", "部门自行撤回", 403, "FORBIDDEN"],
      ["raohe_town", "乡镇要求撤回", 404, "PLAN_ITEM_NOT_FOUND"],
      ["atushi_office", "外地减负办撤回", 404, "PLAN_ITEM_NOT_FOUND"],
    ] as const) {
      const res = await withdraw(user, planned.id, reason);
      expect(res.statusCode, `${user} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await gateCodesFor(planned.code)).not.toContain("UNPLANNED_INSPECTION");
    const missing = await withdraw("raohe_office", "00000000-0000-4000-8000-000000000000", "不存在的项目");
    expect(missing.json().error.code).toBe("PLAN_ITEM_NOT_FOUND");

    const done = await withdraw("raohe_office", planned.id, "已并入县综合督查，不再单独开展");
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "withdrawn", withdrawReason: "已并入县综合督查，不再单独开展", withdrawnBy: "饶河县减负办 王主任", decisionReason: "同意", can: [] });
    expect(await gateCodesFor(planned.code)).toContain("UNPLANNED_INSPECTION");
    expect((await withdraw("raohe_office", planned.id, "再次撤回测试")).json().error.code).toBe("PLAN_ITEM_NOT_APPROVED");
    expect((await office.request({ method: "POST", url: `/api/inspection-plans/${planned.id}/decide`, payload: { decision: "approve", reason: "重新批准" } })).json().error.code).toBe("PLAN_ITEM_DECIDED");

    const audit = await ctx.db.execute<{ action: string; detail: { code: string; reason: string } }>(
      sql`select action, detail from audit_log where action in ('inspection_plan.withdraw', 'gate.register.withdraw') order by id`,
    );
    expect(audit.rows).toEqual([
      { action: "gate.register.withdraw", detail: expect.objectContaining({ code: planned.code, reason: "已并入县综合督查，不再单独开展" }) },
      { action: "inspection_plan.withdraw", detail: { code: planned.code, reason: "已并入县综合督查，不再单独开展" } },
    ]);
    const counts = ((await office.request({ method: "GET", url: `/api/inspection-plans?year=${year}` })).json() as PlanList).counts;
    expect(counts.withdrawn).toBe(1);
  });

  it("refuses bad input clearly", async () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["raohe_nyncj", { year: year - 1 }, 400, "YEAR_OUT_OF_RANGE"],
      ["raohe_nyncj", { year: year + 2 }, 400, "YEAR_OUT_OF_RANGE"],
      ["raohe_nyncj", { department: "230524D99" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", { targets: ["653001100000"] }, 400, "TARGETS_NOT_GRASSROOTS"],
      ["raohe_nyncj", { targets: ["230524D02"] }, 400, "TARGETS_NOT_GRASSROOTS"],
      ["raohe_nyncj", { month: 13 }, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", { title: "" }, 400, "VALIDATION_FAILED"],
      ["raohe_tjj", {}, 403, "NOT_ISSUER"],
      ["raohe_village", {}, 403, "NOT_ISSUER"],
    ];
    for (const [user, over, status, code] of cases) {
      const res = await submit(user, over);
      expect(res.statusCode, `${JSON.stringify(over)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const missing = await (await as("raohe_office")).request({ method: "POST", url: "/api/inspection-plans/00000000-0000-4000-8000-000000000000/decide", payload: { decision: "approve", reason: "同意开展" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("PLAN_ITEM_NOT_FOUND");
  });

  it("imports a department's plan from Excel whole or not at all, and exports the region's plan", async () => {
    const upload = async (file: Buffer, y = year) =>
      (await as("raohe_mzj")).request({ method: "POST", url: `/api/inspection-plans/import?year=${y}&department=230524D03`, payload: file, headers: { "content-type": XLSX } });
    const header = ["项目名称", "检查对象", "计划月份", "综合性"];
    const before = await countItems();
    const bad = await upload(await buildXlsx([{ title: "县民政局督检考计划", rows: [header, ["农村低保专项督查", "全部乡镇", "3月", "否"], ["养老机构安全检查", "230524100000、653001100000", 5, "否"], ["殡葬改革督查", "230524100000", 14, "否"], ["社会救助检查", "230524100000", 6, "也许"]] }]));
    expect(bad.statusCode, bad.body).toBe(400);
    const details = bad.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(["Sheet1!B4", "Sheet1!C5", "Sheet1!D6"]);
    expect(details[0]!.message).toContain("653001100000");
    expect(await countItems()).toBe(before);
    expect((await upload(await buildXlsx([{ rows: [header, ["农村低保专项督查", "全部乡镇", 3, "否"]] }]), year - 3)).json().error.code).toBe("YEAR_OUT_OF_RANGE");

    const good = await upload(await buildXlsx([{ rows: [header, ["农村低保专项督查", "全部乡镇", "3月", "否"], ["养老机构安全检查", "230524100000", 5, "是"]] }]));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().imported).toBe(2);
    const exported = await (await as("raohe_office")).request({ method: "GET", url: `/api/inspection-plans/export.xlsx?year=${year}` });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const titles = wb.worksheets[0]!.getColumn(3).values;
    expect(titles).toEqual(expect.arrayContaining(["农村低保专项督查", "养老机构安全检查", "秸秆禁烧工作专项检查"]));
  });

  it("imports its own export back: target names resolve within the region, each row re-added as a new submitted item", async () => {
    const office = await as("raohe_office");
    const planOf = async () => ((await office.request({ method: "GET", url: `/api/inspection-plans?year=${year}` })).json() as PlanList).items;
    // A cell may mix names and codes, with any of the separators.
    const mixed = await importForMzj(await buildXlsx([{ rows: [PLAN_HEADER, ["村级养老服务站检查", "饶河镇 230524101000；饶河村委会", 7, "否"]] }]));
    expect(mixed.statusCode, mixed.body).toBe(201);
    const before = await planOf();
    expect(before.find((i) => i.title === "村级养老服务站检查")!.targets.map((t) => t.code).sort()).toEqual(["230524100000", "230524100200", "230524101000"]);

    const exported = await office.request({ method: "GET", url: `/api/inspection-plans/export.xlsx?year=${year}` });
    expect(exported.statusCode).toBe(200);
    const again = await importForMzj(exported.rawPayload);
    expect(again.statusCode, again.body).toBe(201);
    const { imported, codes } = again.json() as { imported: number; codes: string[] };
    expect(imported).toBe(before.length);
    const added = (await planOf()).filter((i) => codes.includes(i.code));
    const shape = (i: PlanItem) => JSON.stringify([i.title, i.targets.map((t) => t.code).sort(), i.month, i.comprehensive]);
    expect(added.map(shape).sort()).toEqual(before.map(shape).sort());
    // Re-added under the importing department, as submissions awaiting the office.
    expect(new Set(added.map((i) => `${i.department.code} ${i.status}`))).toEqual(new Set(["230524D03 submitted"]));
  });

  it("refuses a target name that matches no unit of the region or several, naming the cell; writes nothing", async () => {
    // A second 饶河村委会, under 小佳河镇: the name alone no longer says which village is meant.
    await ctx.db.execute(sql`insert into units (code, name, level, parent_code, path, depth, province_code)
      select '230524101299', name, level, '230524101000', (select path from units where code = '230524101000') || '.230524101299', depth, province_code from units where code = '230524100200'`);
    const before = await countItems();
    const file = await buildXlsx([
      {
        title: "民政局计划",
        rows: [
          PLAN_HEADER,
          ["农村低保专项督查", "饶河镇", 3, "否"],
          ["村务公开检查", "饶河村委会", 4, "否"],
          ["社会救助检查", "小佳河镇、幸福村", 5, "否"],
          ["边境村检查", "上阿图什镇", 6, "否"],
        ],
      },
    ]);
    for (const lang of ["zh-CN", "en"]) {
      const res = await importForMzj(file, lang);
      expect(res.statusCode, res.body).toBe(400);
      const details = res.json().error.details as { path: string; message: string }[];
      expect(details.map((d) => d.path)).toEqual(["Sheet1!B4", "Sheet1!B5", "Sheet1!B6"]);
      if (lang === "zh-CN") {
        expect(details[0]!.message).toBe("第 4 行：本区域有多个同名单位：饶河村委会（230524100200、230524101299），请改填单位代码");
        expect(details[1]!.message).toBe("第 5 行：本区域没有名为“幸福村”的乡镇或村（社区）");
        expect(details[2]!.message).toContain("上阿图什镇");
      } else {
        expect(details[0]!.message).toBe("row 4: several units of the region share the name: 饶河村委会 (230524100200, 230524101299); write the unit code instead");
        expect(details[1]!.message).toBe("row 5: no township or village of the region is named “幸福村”");
      }
    }
    expect(await countItems()).toBe(before);
    // The code still says which one.
    const byCode = await importForMzj(await buildXlsx([{ rows: [PLAN_HEADER, ["村务公开检查", "230524101299", 4, "否"]] }]));
    expect(byCode.statusCode, byCode.body).toBe(201);

    // The export writes a shared name as the code, so its own file still imports back unchanged.
    const exported = await (await as("raohe_office")).request({ method: "GET", url: `/api/inspection-plans/export.xlsx?year=${year}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const cells = (wb.worksheets[0]!.getColumn(4).values as unknown[]).map(String);
    expect(cells).toContain("饶河镇、小佳河镇、230524100200");
    expect(cells.join()).not.toContain("饶河村委会");
    const again = await importForMzj(exported.rawPayload);
    expect(again.statusCode, again.body).toBe(201);
  });
});
