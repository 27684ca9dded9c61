import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { Facility } from "../../../contracts/facilities.js";
import { chinaToday } from "../../kernel/dates.js";
import { periodsEnding } from "../../kernel/periods.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { idleFlag, trendOf } from "./idle.js";
import { lastClosedPeriod } from "./registry.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const months = periodsEnding(lastClosedPeriod(), 12);
const RAOHE_VILLAGE = "230524100200"; // 饶河村, of 饶河镇
const JIAPING = "230524101200"; // 佳平村, of 小佳河镇

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const facility = (over: Record<string, unknown> = {}) => ({
  name: "饶河村农家书屋",
  kind: "rural_library",
  unitCode: RAOHE_VILLAGE,
  owner: "县委宣传部",
  cost: 150000,
  staffHoursPerWeek: 12,
  openingHours: "周二、周四 14:00-17:00",
  ...over,
});
const register = async (username: string, over: Record<string, unknown> = {}) =>
  (await as(username)).request({ method: "POST", url: "/api/facilities", payload: facility(over) });
const report = async (username: string, id: string, period: string, visits: number) =>
  (await as(username)).request({ method: "POST", url: `/api/facilities/${id}/use-reports`, payload: { period, visits, events: 1 } });
const count = async (table: string) => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!.n);

describe("facilities 公共服务设施: the Wenzhou/Lishui case", () => {
  it("flags a rural library idle from a year of use reports by the village, with its trend and the staff hours it still takes", async () => {
    const created = await register("raohe_town");
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Facility).id;
    // A year of reports from the village cadre: 22 visits a month falling to 6, under the floor of 30.
    for (const [i, period] of months.entries()) {
      const res = await report("raohe_village", id, period, Math.round(22 - (16 * i) / 11));
      expect(res.statusCode, res.body).toBe(200);
    }
    const f = (await (await as("raohe_office")).request({ method: "GET", url: `/api/facilities/${id}` })).json() as Facility;
    expect(f.trend.map((p) => p.period)).toEqual(months);
    expect(f.trend.at(-1)!.visits).toBe(6);
    expect(f.trendChange).toBeLessThan(-0.4);
    expect(f.flags.map((x) => x.code)).toEqual(["IDLE"]);
    expect(f.flags[0]!.message).toContain("连续 6 个月到访低于 30 人次");
    expect(f.flags[0]!.message).toContain("每月仍占用值守 52 小时");
    expect(f.staffHoursPerMonth).toBe(52);

    // The staff hours count on the village's picture, and on its township's.
    const summary = (await (await as("raohe_town")).request({ method: "GET", url: "/api/facilities/unit-summary", query: { unit: "230524100000" } })).json();
    expect(summary).toMatchObject({ facilities: 1, idleFacilities: 1, staffHoursPerMonth: 52, idleStaffHoursPerMonth: 52 });

    // A county rule for rural libraries (floor 5) lifts the flag; the other kinds keep the default.
    const rule = await (await as("raohe_office")).request({ method: "PUT", url: "/api/facilities/rules", payload: { regionCode: "230524", kind: "rural_library", minVisits: 5, periods: 6 } });
    expect(rule.statusCode, rule.body).toBe(200);
    const after = (await (await as("raohe_village")).request({ method: "GET", url: `/api/facilities/${id}` })).json() as Facility;
    expect(after.rule).toEqual({ minVisits: 5, periods: 6 });
    expect(after.flags).toEqual([]);
    await (await as("raohe_office")).request({ method: "PUT", url: "/api/facilities/rules", payload: { regionCode: "230524", kind: "rural_library", minVisits: 30, periods: 6 } });

    // A busy month in the window breaks the run; the flagged list tells them apart.
    await report("raohe_village", id, months.at(-3)!, 45);
    const list = (await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities", query: { flagged: "true" } })).json() as { items: Facility[] };
    expect(list.items.map((x) => x.id)).not.toContain(id);
  });

  it("turns an idle facility into a case once, routed above the village; shows its hours beside the burden index", async () => {
    const id = ((await register("raohe_office", { name: "佳平村新时代文明实践站", kind: "civilization_station", unitCode: JIAPING, staffHoursPerWeek: 6 })).json() as Facility).id;
    const busy = ((await register("raohe_office", { name: "佳平村党群服务中心", kind: "party_service_center", unitCode: JIAPING, staffHoursPerWeek: 40 })).json() as Facility).id;
    for (const [i, period] of months.entries()) {
      await report("jiaping_village", id, period, 4 + (i % 3));
      await report("jiaping_village", busy, period, 300);
    }
    const open = async (username: string, facility: string) => (await as(username)).request({ method: "POST", url: `/api/facilities/${facility}/flags/IDLE/case` });
    expect((await (await as("raohe_office")).request({ method: "GET", url: `/api/facilities/${id}` })).json().can).toContain("open_case");
    // The township and the village it is about cannot open it; the office of the county can.
    expect((await open("xiaojiahe_town", id)).statusCode).toBe(403);
    const res = await open("raohe_office", id);
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().caseId as string;
    expect(res.json().facility.flags[0]).toMatchObject({ code: "IDLE", caseId });
    expect(res.json().facility.can).not.toContain("open_case");
    const c = await (await as("raohe_jiwei")).request({ method: "GET", url: `/api/cases/${caseId}` });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ channel: "system", category: "image_project", unit: { code: JIAPING } });
    expect(c.json().text).toContain("每周值守 6 小时");
    expect((await (await as("xiaojiahe_town")).request({ method: "GET", url: `/api/cases/${caseId}` })).statusCode).toBe(404);
    expect((await open("raohe_jiwei", id)).json().error.code).toBe("FLAG_CASE_EXISTS");
    expect((await open("raohe_office", busy)).json().error.code).toBe("FLAG_NOT_RAISED");
    expect((await open("atushi_office", id)).statusCode).toBe(404);
    expect((await (await as("raohe_office")).request({ method: "POST", url: `/api/facilities/${id}/flags/BUSY/case` })).statusCode).toBe(400);

    // Beside the burden index: 小佳河镇's facilities take 46 h a week (173.3 + 26 h a month), 26 h of them in months under the floor.
    const q = { unit: "230524101000", from: months[0]!, to: months.at(-1)! };
    const m = await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities/unit-months", query: q });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().months).toHaveLength(12);
    const last = m.json().months.at(-1);
    expect(last).toMatchObject({ month: months.at(-1), staffHours: 199.3, underFloorHours: 26, facilities: 2 });
    expect(typeof last.burdenHours).toBe("number");
    expect(m.json().idle.map((f: { name: string; caseId: string }) => [f.name, f.caseId])).toEqual([["佳平村新时代文明实践站", caseId]]);
    const xlsx = await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities/unit-months.xlsx", query: q });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(14).values).toEqual([undefined, months.at(-1), last.burdenHours, 199.3, 26, 2]);
    for (const bad of [{ ...q, from: q.to, to: q.from }, { ...q, from: "2020-01" }, { ...q, to: "2026-13" }]) {
      const r = await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities/unit-months", query: bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it("judges idleness by pure rules: a month without a report breaks the run", () => {
    const last = "2026-10";
    const trend = trendOf(periodsEnding(last, 12).map((period) => ({ period, visits: 3, events: 0 })), last);
    expect(idleFlag(trend, { minVisits: 30, periods: 6 }, 10, "en")?.message).toContain("under 30 visits a month for 6 months running");
    const gap = trendOf(periodsEnding(last, 12).filter((p) => p !== "2026-08").map((period) => ({ period, visits: 3, events: 0 })), last);
    expect(idleFlag(gap, { minVisits: 30, periods: 6 }, 10, "en")).toBeNull();
    expect(idleFlag(gap, { minVisits: 30, periods: 2 }, 10, "en")).not.toBeNull();
  });

  it("refuses bad input with the field named and writes nothing", async () => {
    const before = await count("facilities");
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["raohe_office", { cost: -1 }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { staffHoursPerWeek: 200 }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { kind: "palace" }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { unitCode: "230524999999" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_office", { unitCode: "230524" }, 400, "FACILITY_UNIT_LEVEL"],
      ["raohe_office", { unitCode: "653001100000" }, 403, "OUT_OF_SCOPE"],
      ["raohe_town", { unitCode: JIAPING }, 403, "OUT_OF_SCOPE"],
      ["raohe_village", {}, 403, "OUT_OF_SCOPE"],
    ];
    for (const [user, over, status, code] of bad) {
      const res = await register(user, over);
      expect(res.statusCode, `${user} ${JSON.stringify(over)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const neg = await register("raohe_office", { cost: -5 });
    expect(neg.json().error.details[0].path).toBe("body.cost");
    expect(await count("facilities")).toBe(before);

    const id = ((await register("raohe_office", { name: "佳平村养老服务站", kind: "elderly_care", unitCode: JIAPING })).json() as Facility).id;
    const future = await report("jiaping_village", id, "2099-01", 10);
    expect([future.statusCode, future.json().error.code]).toEqual([400, "PERIOD_IN_FUTURE"]);
    const badPeriod = await report("jiaping_village", id, "2026-13", 10);
    expect(badPeriod.statusCode).toBe(400);
    const negative = await report("jiaping_village", id, months[0]!, -3);
    expect(negative.statusCode).toBe(400);
    // Another village cannot report for it, nor can a department; another county does not see it.
    expect((await report("raohe_village", id, months[0]!, 10)).statusCode).toBe(404);
    expect((await report("raohe_nyncj", id, months[0]!, 10)).statusCode).toBe(403);
    expect((await (await as("atushi_office")).request({ method: "GET", url: `/api/facilities/${id}` })).statusCode).toBe(404);

    // The township keeps its villages' facilities; the village reports on them but does not change them.
    const put = (username: string, over: Record<string, unknown>) => as(username).then((s) => s.request({ method: "PUT", url: `/api/facilities/${id}`, payload: facility({ name: "佳平村养老服务站", kind: "elderly_care", unitCode: JIAPING, ...over }) }));
    const changed = await put("xiaojiahe_town", { staffHoursPerWeek: 20 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as Facility).staffHoursPerMonth).toBe(86.7);
    expect((await put("jiaping_village", { staffHoursPerWeek: 1 })).statusCode).toBe(403);
    expect((await put("xiaojiahe_town", { cost: -1 })).statusCode).toBe(400);
    // Rules are read for one's own region or those above it, not another county's.
    expect((await (await as("raohe_town")).request({ method: "GET", url: "/api/facilities/rules", query: { region: "230524" } })).statusCode).toBe(200);
    expect((await (await as("raohe_town")).request({ method: "GET", url: "/api/projects/rules", query: { region: "653001" } })).statusCode).toBe(404);
    expect((await (await as("raohe_office")).request({ method: "PUT", url: "/api/facilities/rules", payload: { regionCode: "230524100000", kind: "*", minVisits: 3, periods: 3 } })).json().error.code).toBe("RULE_REGION_INVALID");
  });
});

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("设施");
  ws.addRow(["饶河县公共服务设施台账"]);
  ws.addRow(["序号", "设施名称", "设施类型", "所在单位代码", "产权/管理单位", "建设投入（元）", "每周值守工时", "开放时间"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (username: string, file: Buffer | string, contentType = XLSX_MIME) =>
  (await as(username)).request({ method: "POST", url: "/api/facilities/import", headers: { "content-type": contentType }, payload: file });

describe("facility register in Excel", () => {
  it("imports a good file whole, refuses a bad one naming every bad row, and exports what reads back", async () => {
    const before = await count("facilities");
    const bad = await upload(
      "raohe_office",
      await sheet([
        [1, "振兴村农家书屋", "农家书屋", "230524100202", "县委宣传部", 90000, 8, "周六 9:00-12:00"],
        [2, "三义村文化广场", "文化广场", "230524100204", "饶河镇人民政府", -20000, 2, "全天"],
        [3, "某村便民服务点", "便民服务点", "230524999999", "某镇", 1000, 4, "工作日"],
        [4, "朝阳村演艺中心", "演艺中心", "230524100205", "饶河镇", 5000, 4, "工作日"],
        [5, "阿图什设施", "农家书屋", "653001100000", "某单位", 5000, "很多", "工作日"],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe("EXCEL_INVALID");
    const paths = (bad.json().error.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["设施!F4", "设施!D5", "设施!C6", "设施!D7", "设施!G7"]));
    expect(bad.json().error.details.find((d: { path: string }) => d.path === "设施!F4").message).toContain("第 4 行");
    expect(await count("facilities")).toBe(before);

    const good = await upload("raohe_office", await sheet([[1, "振兴村农家书屋", "农家书屋", "230524100202", "县委宣传部", 90000, 8, "周六 9:00-12:00"], [2, "三义村文化广场", "文化广场", "230524100204", "饶河镇人民政府", "20,000", 2, "全天"]]));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toEqual({ created: 2 });

    const exported = await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities/export.xlsx", query: { unit: "230524100000" } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const total = ((await (await as("raohe_office")).request({ method: "GET", url: "/api/facilities", query: { unit: "230524100000" } })).json() as { total: number }).total;
    const again = await upload("raohe_office", exported.rawPayload);
    expect(again.json(), again.body).toEqual({ created: total });

    expect((await upload("raohe_office", "not a workbook", "text/plain")).statusCode).toBe(415);
    expect((await upload("raohe_office", Buffer.from("%PDF-1.4 nothing"))).json().error.code).toBe("EXCEL_NOT_XLSX");
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet("x").addRow(["a", "b"]);
    const res = await upload("raohe_office", Buffer.from(await noHeader.xlsx.writeBuffer()));
    expect([res.statusCode, res.json().error.code]).toEqual([400, "EXCEL_HEADER_MISSING"]);
  });
});

it("keeps today's month out of the trend (use is judged on closed months)", () => {
  expect(months.at(-1)! < chinaToday().slice(0, 7)).toBe(true);
});
