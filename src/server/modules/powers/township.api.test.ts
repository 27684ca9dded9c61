import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { PowerUsage, TownshipPowerList } from "../../../contracts/powers.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

/**
 * A township's differences from the county's power list (放权赋能 adjusted per township): add, adjust,
 * take away; versioned with who, when and why; the effective list on a date; Excel in and out.
 */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const XIAOJIAHE = "230524101000";
const RAOHE_TOWN = "230524100000";

const items = [
  { name: "农村村民宅基地审批", category: "permit", legalBasis: "《土地管理法》第六十二条", fromDepartment: "县农业农村局" },
  { name: "对违反规定野外用火的行政处罚", category: "penalty", legalBasis: "《森林防火条例》第五十条", fromDepartment: "县林业和草原局" },
  { name: "对未经批准擅自设置大型户外广告的行政处罚", category: "penalty", fromDepartment: "县住房和城乡建设局" },
];
const fishing = { name: "对在禁渔区、禁渔期进行捕捞的行政处罚", category: "penalty", legalBasis: "《渔业法》第三十八条", fromDepartment: "县农业农村局" };
const differences = (body: Record<string, unknown>, username = "raohe_office", township = XIAOJIAHE) =>
  as(username).then((s) => s.request({ method: "POST", url: `/api/powers/townships/${township}/differences`, payload: { effectiveFrom: addDays(today, -380), reason: "小佳河镇无集镇街区，沿江渔业执法需求大", ...body } }));
const view = async (on?: string, township = XIAOJIAHE, username = "xiaojiahe_town") =>
  (await (await as(username)).request({ method: "GET", url: `/api/powers/townships/${township}`, query: on ? { on } : {} })).json() as TownshipPowerList;
const versionCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from power_list_versions`)).rows[0]!.n);

beforeAll(async () => {
  ctx = await createTestApp();
  const res = await (await as("raohe_office")).request({ method: "POST", url: "/api/powers/230524", payload: { effectiveFrom: addDays(today, -400), reason: "县委常委会研究决定向乡镇赋权", items } });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => ctx?.close());

describe("a township's own power list: the county's list with its differences", () => {
  it("adds, adjusts and takes away items; the list in force on a date; who, when and why; unused flags follow the township's list", async () => {
    const res = await differences({ remove: ["P003"], change: [{ key: "P002", ...items[1], note: "限于沿江林区" }], add: [fishing] });
    expect(res.statusCode, res.body).toBe(201);
    const now = await view();
    expect(now.items.map((i) => [i.key, i.source])).toEqual([
      ["P001", "county"],
      ["P002", "changed"],
      ["T001", "township"],
    ]);
    expect(now.items[1]!.note).toBe("限于沿江林区");
    expect(now.removed.map((r) => r.key)).toEqual(["P003"]);
    expect(now.differences).toMatchObject({ kind: "differences", unitCode: XIAOJIAHE, version: 1, reason: "小佳河镇无集镇街区，沿江渔业执法需求大" });
    expect(now.differences!.createdByName).toContain("raohe_office");
    expect(now.countyVersion).toMatchObject({ kind: "county", unitCode: "230524", version: 1 });
    expect(now.can).toEqual([]);
    // Before the differences took effect the township had the county's list as it was.
    const before = await view(addDays(today, -390));
    expect(before.items.map((i) => [i.key, i.source])).toEqual([["P001", "county"], ["P002", "county"], ["P003", "county"]]);
    // Other townships keep the county's list.
    expect((await view(undefined, RAOHE_TOWN, "raohe_town")).items.map((i) => i.key)).toEqual(["P001", "P002", "P003"]);

    // A second version replaces the whole set from its date; the first stays for the days before.
    const second = await differences({ effectiveFrom: addDays(today, -10), reason: "恢复户外广告处罚", add: [fishing] });
    expect(second.statusCode, second.body).toBe(201);
    expect((await view()).items.map((i) => i.key)).toEqual(["P001", "P002", "P003", "T001"]);
    expect((await view(addDays(today, -20))).items.map((i) => i.key)).toEqual(["P001", "P002", "T001"]);
    const history = (await view()).versions.map((v) => [v.kind, v.version, v.supersededOn]);
    expect(history).toEqual([
      ["differences", 2, null],
      ["differences", 1, addDays(today, -10)],
      ["county", 1, null],
    ]);

    // The unused-power flags read the township's own list: its own power, held 380 days and never used, is flagged.
    const usage = (await (await as("raohe_office")).request({ method: "GET", url: "/api/powers/usage", query: { township: XIAOJIAHE } })).json() as { items: PowerUsage[] };
    expect(usage.items.map((u) => [u.key, u.heldSince, u.flag?.code ?? null])).toEqual([
      ["P001", addDays(today, -400), "UNUSED_YEAR"],
      ["P002", addDays(today, -400), "UNUSED_YEAR"],
      ["P003", addDays(today, -10), null],
      ["T001", addDays(today, -380), "UNUSED_YEAR"],
    ]);
  });

  it("refuses bad differences with the item named and writes nothing", async () => {
    const before = await versionCount();
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ remove: ["P009"] }, 400, "POWER_LIST_INVALID", "remove.0"],
      [{ change: [{ key: "P404", ...items[0] }] }, 400, "POWER_LIST_INVALID", "change.0.key"],
      [{ add: [{ key: "P001", ...fishing }] }, 400, "POWER_LIST_INVALID", "add.0.key"],
      [{ remove: ["P001"], change: [{ key: "P001", ...items[0] }] }, 400, "POWER_LIST_INVALID", "remove.0"],
      [{ add: [{ ...items[0] }] }, 400, "POWER_LIST_INVALID"],
      [{ add: [{ ...fishing, category: "fine" }] }, 400, "VALIDATION_FAILED"],
      [{ effectiveFrom: "2026-13-01" }, 400, "VALIDATION_FAILED"],
      [{ effectiveFrom: addDays(today, -500), remove: ["P001"] }, 404, "POWER_LIST_NOT_FOUND"],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await differences(body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (path) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await differences({ remove: ["P001"] }, "xiaojiahe_town")).json().error.code).toBe("OUT_OF_SCOPE");
    expect((await differences({ remove: ["P001"] }, "atushi_office")).json().error.code).toBe("OUT_OF_SCOPE");
    expect((await differences({ remove: ["P001"] }, "raohe_office", "230524101200")).json().error.code).toBe("POWER_WRONG_LEVEL");
    expect(await versionCount()).toBe(before);
  });

  it("exports a township's list and reads a whole list back as its differences; a bad file changes nothing", async () => {
    const office = await as("raohe_office");
    const file = await office.request({ method: "GET", url: `/api/powers/townships/${XIAOJIAHE}/export.xlsx` });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toContain("来源");
    expect(ws.getRow(6).getCell(3).value).toBe(fishing.name);
    // Edit the file as a township would: drop the advertising power, narrow the fire power.
    ws.spliceRows(5, 1);
    ws.getRow(4).getCell(7).value = "限于林区周边村屯";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (body: Buffer) =>
      office.request({ method: "POST", url: `/api/powers/townships/${XIAOJIAHE}/import`, query: { effectiveFrom: today, reason: "按镇政府报送的清单导入" }, headers: { "content-type": XLSX_MIME }, payload: body });
    const res = await upload(edited);
    expect(res.statusCode, res.body).toBe(201);
    const list = res.json() as TownshipPowerList;
    expect(list.differences).toMatchObject({ source: "excel", version: 3 });
    expect(list.items.map((i) => [i.key, i.source, i.note])).toEqual([
      ["P001", "county", null],
      ["P002", "changed", "限于林区周边村屯"],
      ["T001", "township", null],
    ]);
    expect(list.removed.map((r) => r.key)).toEqual(["P003"]);

    const before = await versionCount();
    const bad = new ExcelJS.Workbook();
    const sheet = bad.addWorksheet("清单");
    sheet.addRow(["序号", "事项编码", "事项名称", "权力类别", "实施依据", "原实施部门", "备注"]);
    sheet.addRow([1, "P001", "农村村民宅基地审批", "行政许可", "", "县农业农村局", ""]);
    sheet.addRow([2, "", "对某事的处理", "行政奖励", "", "县某局", ""]);
    sheet.addRow([3, "", "农村村民宅基地审批", "行政许可", "", "县农业农村局", ""]);
    const refused = await upload(Buffer.from(await bad.xlsx.writeBuffer()));
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(["清单!D3", "清单!C4"]);
    expect(await versionCount()).toBe(before);
  });
});
