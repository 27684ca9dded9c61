import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { PowerUsage } from "../../../contracts/powers.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { periodOf } from "../../kernel/periods.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const RAOHE_TOWN = "230524100000";
const XIAOJIAHE = "230524101000";

const items = [
  { name: "对未取得乡村建设规划许可证进行建设的行政处罚", category: "penalty", legalBasis: "《城乡规划法》第六十五条", fromDepartment: "县住房和城乡建设局" },
  { name: "农村村民宅基地审批", category: "permit", legalBasis: "《土地管理法》第六十二条", fromDepartment: "县农业农村局" },
  { name: "对违法建设施工现场的查封", category: "enforcement", legalBasis: "《城乡规划法》第六十八条", fromDepartment: "县住房和城乡建设局" },
];
const added = { name: "对在河道管理范围内乱堆乱建的行政处罚", category: "penalty", fromDepartment: "县水务局" };
const publish = async (username: string, body: Record<string, unknown>) => (await as(username)).request({ method: "POST", url: "/api/powers/230524", payload: body });
let doc = 0;
const exercise = async (username: string, body: Record<string, unknown>) =>
  (await as(username)).request({ method: "POST", url: "/api/powers/exercises", payload: { townshipCode: RAOHE_TOWN, key: "P001", exercisedOn: addDays(today, -40), documentNumber: `饶镇综执罚〔2026〕${++doc}号`, ...body } });
const usage = async (username: string, query: Record<string, string> = {}) => (await (await as(username)).request({ method: "GET", url: "/api/powers/usage", query })).json() as { items: PowerUsage[] };

beforeAll(async () => {
  ctx = await createTestApp();
  const v1 = await publish("raohe_office", { effectiveFrom: addDays(today, -400), reason: "县委常委会研究决定向乡镇赋权", items });
  expect(v1.statusCode, v1.body).toBe(201);
  const v2 = await publish("raohe_office", { effectiveFrom: addDays(today, -100), reason: "新增河道管理赋权事项", items: [...items, added] });
  expect(v2.statusCode, v2.body).toBe(201);
});
afterAll(async () => ctx?.close());

describe("delegated powers 赋权事项清单: the Shaanxi 放权赋能 lists", () => {
  it("keeps versions like the duty list: who, when, why, and the one in force on a date", async () => {
    const now = (await (await as("raohe_town")).request({ method: "GET", url: "/api/powers/230524" })).json();
    expect(now.version.version).toBe(2);
    expect(now.items.map((i: { key: string }) => i.key)).toEqual(["P001", "P002", "P003", "P004"]);
    expect(now.versions.map((v: { version: number; supersededOn: string | null }) => [v.version, v.supersededOn])).toEqual([
      [2, null],
      [1, addDays(today, -100)],
    ]);
    expect(now.versions[1].createdByName).toContain("raohe_office");
    const before = (await (await as("raohe_office")).request({ method: "GET", url: "/api/powers/230524", query: { on: addDays(today, -200) } })).json();
    expect([before.version.version, before.items.length]).toEqual([1, 3]);
  });

  it("flags a power a township held a year and never exercised; an exercised one and a newly given one are not flagged", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await exercise("raohe_town", {});
      expect(res.statusCode, res.body).toBe(201);
    }
    const mine = await usage("raohe_town");
    expect(mine.items.every((i) => i.township.code === RAOHE_TOWN)).toBe(true);
    const byKey = new Map(mine.items.map((i) => [i.key, i]));
    expect(byKey.get("P001")).toMatchObject({ last12Months: 3, flag: null, heldSince: addDays(today, -400) });
    expect(byKey.get("P002")!.flag?.code).toBe("UNUSED_YEAR");
    expect(byKey.get("P002")!.flag?.message).toContain("近一年未行使过");
    expect(byKey.get("P004")).toMatchObject({ heldSince: addDays(today, -100), flag: null });
    // The county office sees every township; 小佳河镇 never exercised anything given a year ago.
    const flagged = await usage("raohe_office", { flagged: "true" });
    expect(flagged.items.filter((i) => i.township.code === XIAOJIAHE).map((i) => i.key)).toEqual(["P001", "P002", "P003"]);
    // Each record counts once, in the month of its day; the same document number is not recorded twice.
    expect((await exercise("raohe_town", { documentNumber: "饶镇综执罚〔2026〕1号" })).json().error.code).toBe("POWER_EXERCISE_DUPLICATE");
    await exercise("raohe_town", { exercisedOn: today });
    const p001 = (await usage("raohe_town")).items.find((i) => i.key === "P001")!;
    expect(p001.last12Months).toBe(4);
    expect(p001.monthly.at(-1)).toBe(1);
    expect(p001.lastExercised).toBe(periodOf(today));
  });

  it("refuses bad exercises and lists", async () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["raohe_town", { key: "P999" }, 400, "POWER_NOT_HELD"],
      ["raohe_town", { key: "P004", exercisedOn: addDays(today, -101) }, 400, "POWER_NOT_HELD"],
      ["raohe_town", { exercisedOn: addDays(today, 1) }, 400, "POWER_EXERCISE_FUTURE"],
      ["raohe_town", { exercisedOn: "2026-02-30" }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { documentNumber: "" }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { count: 3 }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { townshipCode: XIAOJIAHE }, 403, "OUT_OF_SCOPE"],
      ["raohe_town", { townshipCode: "230524100200" }, 400, "POWER_WRONG_LEVEL"],
      ["raohe_village", {}, 403, "OUT_OF_SCOPE"],
    ];
    for (const [user, body, status, code] of cases) {
      const res = await exercise(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect((await publish("raohe_town", { effectiveFrom: today, reason: "乡镇自定", items })).statusCode).toBe(403);
    expect((await publish("raohe_office", { effectiveFrom: today, reason: "重复事项", items: [items[0], items[0]] })).statusCode).toBe(400);
    const town = await (await as("raohe_office")).request({ method: "POST", url: `/api/powers/${RAOHE_TOWN}`, payload: { effectiveFrom: today, reason: "乡镇清单", items } });
    expect(town.json().error.code).toBe("POWER_WRONG_LEVEL");
    expect((await (await as("atushi_office")).request({ method: "GET", url: "/api/powers/230524" })).statusCode).toBe(403);
  });
});

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("赋权事项");
  ws.addRow(["饶河县赋权乡镇事项清单"]);
  ws.addRow(["序号", "事项编码", "事项名称", "权力类别", "实施依据", "原实施部门", "备注"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (file: Buffer) =>
  (await as("raohe_office")).request({ method: "POST", url: "/api/powers/230524/import", query: { effectiveFrom: today, reason: "按县政府印发文件导入" }, headers: { "content-type": XLSX_MIME }, payload: file });
const versions = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from power_list_versions`)).rows[0]!.n);

describe("power list in Excel", () => {
  it("names bad rows and changes nothing; an export imports back as the same list, keys kept", async () => {
    const before = await versions();
    const bad = await upload(
      await sheet([
        [1, "", "农村村民宅基地审批", "行政许可", "《土地管理法》", "县农业农村局", ""],
        [2, "", "对某事的行政处理", "行政指导", "", "县某局", ""],
        [3, "", "农村村民宅基地审批", "行政许可", "", "县农业农村局", ""],
        [4, "", "对某事的检查", "行政检查", "", "", ""],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe("POWER_LIST_INVALID");
    expect((bad.json().error.details as { path: string }[]).map((d) => d.path)).toEqual(["赋权事项!D4", "赋权事项!C5", "赋权事项!F6"]);
    expect(await versions()).toBe(before);

    const exported = await (await as("raohe_town")).request({ method: "GET", url: "/api/powers/230524/export.xlsx" });
    expect(exported.statusCode).toBe(200);
    const again = await upload(exported.rawPayload);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().version.source).toBe("excel");
    expect(again.json().items.map((i: { key: string; name: string }) => i.key)).toEqual(["P001", "P002", "P003", "P004"]);
  });
});

describe("a duty item cites the power that enables it", () => {
  it("keeps the power key on the duty list", async () => {
    const res = await (await as("raohe_office")).request({
      method: "POST",
      url: "/api/duties/230524/template",
      payload: { effectiveFrom: addDays(today, 1), reason: "履职事项对应赋权事项", items: [{ part: "basic", name: "农村宅基地审批管理", powerKey: "P002" }, { part: "basic", name: "村庄规划编制组织" }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await (await as("raohe_office")).request({ method: "GET", url: "/api/duties/230524", query: { on: addDays(today, 1) } })).json();
    expect(list.items.map((i: { name: string; powerKey?: string }) => [i.name, i.powerKey ?? null])).toEqual([
      ["农村宅基地审批管理", "P002"],
      ["村庄规划编制组织", null],
    ]);
  });
});

async function exerciseSheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("行使记录");
  ws.addRow(["序号", "乡镇代码", "乡镇（街道）", "事项编码", "行使日期", "案卷/文书编号", "备注"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const importExercises = async (username: string, file: Buffer) =>
  (await as(username)).request({ method: "POST", url: "/api/powers/exercises/import", headers: { "content-type": XLSX_MIME }, payload: file });
const records = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from power_exercise_records`)).rows[0]!.n);

describe("exercise records 行使记录 from Excel", () => {
  it("names every bad row and imports nothing; a good file goes in whole and counts in its months", async () => {
    const before = await records();
    const day = addDays(today, -70);
    const bad = await importExercises(
      "raohe_office",
      await exerciseSheet([
        [1, RAOHE_TOWN, "饶河镇", "P002", day, "饶镇许〔2026〕101号", "宅基地审批"],
        [2, "230524999000", "", "P002", day, "饶镇许〔2026〕102号", ""],
        [3, RAOHE_TOWN, "饶河镇", "P004", addDays(today, -150), "饶镇罚〔2026〕103号", "赋权前"],
        [4, RAOHE_TOWN, "饶河镇", "P002", addDays(today, 3), "饶镇许〔2026〕104号", ""],
        [5, RAOHE_TOWN, "饶河镇", "P002", day, "饶镇许〔2026〕101号", "同号"],
        [6, RAOHE_TOWN, "饶河镇", "P001", day, "饶镇综执罚〔2026〕1号", "已登记"],
        [7, RAOHE_TOWN, "饶河镇", "P002", "2026-02-30", "饶镇许〔2026〕107号", ""],
        [8, "653001100000", "上阿图什镇", "P001", day, "阿镇罚〔2026〕1号", ""],
        [9, "230524100200", "饶河村", "P001", day, "饶村〔2026〕1号", ""],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe("EXCEL_INVALID");
    expect((bad.json().error.details as { path: string }[]).map((d) => d.path)).toEqual([
      "行使记录!B3",
      "行使记录!D4",
      "行使记录!E5",
      "行使记录!F6",
      "行使记录!F7",
      "行使记录!E8",
      "行使记录!B9",
      "行使记录!B10",
    ]);
    expect(await records()).toBe(before);

    const good = await importExercises(
      "raohe_town",
      await exerciseSheet([
        [1, RAOHE_TOWN, "饶河镇", "P002", day, "饶镇许〔2026〕101号", "宅基地审批"],
        [2, RAOHE_TOWN, "饶河镇", "P002", day, "饶镇许〔2026〕102号", ""],
      ]),
    );
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().created).toBe(2);
    const p002 = (await usage("raohe_town")).items.find((i) => i.key === "P002")!;
    expect(p002.flag).toBeNull();
    expect(p002.last12Months).toBe(2);

    // The export reads back as the same records, which are then refused as already recorded.
    const list = (await (await as("raohe_town")).request({ method: "GET", url: "/api/powers/exercises", query: { key: "P002" } })).json();
    expect(list.items.map((r: { documentNumber: string; name: string }) => [r.documentNumber, r.name])).toEqual([
      ["饶镇许〔2026〕101号", items[1]!.name],
      ["饶镇许〔2026〕102号", items[1]!.name],
    ]);
    const exported = await (await as("raohe_town")).request({ method: "GET", url: "/api/powers/exercises/export.xlsx", query: { key: "P002" } });
    const again = await importExercises("raohe_town", exported.rawPayload);
    expect(again.statusCode, again.body).toBe(400);
    expect((again.json().error.details as { message: string }[]).every((d) => d.message.includes("已登记过"))).toBe(true);
    expect((await importExercises("raohe_town", Buffer.from("not a workbook"))).json().error.code).toBe("EXCEL_NOT_XLSX");
  });
});

describe("an unused power turned into a case", () => {
  it("opens a system case about the township once, routed to its county; an exercised power cannot", async () => {
    const open = async (username: string, township: string, key: string) => (await as(username)).request({ method: "POST", url: `/api/powers/usage/${township}/${key}/case` });
    const res = await open("raohe_office", XIAOJIAHE, "P003");
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().caseId as string;
    const c = await (await as("raohe_office")).request({ method: "GET", url: `/api/cases/${caseId}` });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ channel: "system", category: "hidden_burden", status: "received" });
    expect(c.json().text).toContain("近 12 个月行使 0 次");
    // The township it is about does not see it; the flag now names the case and offers no second one.
    expect((await (await as("xiaojiahe_town")).request({ method: "GET", url: `/api/cases/${caseId}` })).statusCode).toBe(404);
    const row = (await usage("raohe_office", { township: XIAOJIAHE })).items.find((i) => i.key === "P003")!;
    expect([row.flag?.caseId, row.can]).toEqual([caseId, []]);
    expect((await open("raohe_jiwei", XIAOJIAHE, "P003")).json().error.code).toBe("FLAG_CASE_EXISTS");
    expect((await open("raohe_office", RAOHE_TOWN, "P001")).json().error.code).toBe("FLAG_NOT_RAISED");
    expect((await open("raohe_office", XIAOJIAHE, "P999")).json().error.code).toBe("FLAG_NOT_RAISED");
    expect((await open("raohe_town", XIAOJIAHE, "P002")).statusCode).toBe(404);
    expect((await open("raohe_nyncj", XIAOJIAHE, "P002")).statusCode).toBe(403);
  });
});
