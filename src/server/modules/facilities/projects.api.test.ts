import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { Project } from "../../../contracts/projects.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { auditLog } from "../audit/schema.js";
import { projectFlags } from "./project-flags.js";
import { DEFAULT_PROJECT_RULES } from "./rules.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const year = 2026;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const project = (over: Record<string, unknown> = {}) => ({
  name: "镇区入口景观牌楼",
  kind: "gate_arch",
  unitCode: "230524100000",
  owner: "饶河镇人民政府",
  status: "completed",
  completedOn: `${year - 2}-09-30`,
  fiscalFunds: 800000,
  debtFunds: 3000000,
  otherFunds: 0,
  hasFeasibilityStudy: false,
  servedPopulation: 3000,
  expectedUsePerYear: 50000,
  useMeasure: "人次",
  ...over,
});
const register = async (username: string, over: Record<string, unknown> = {}) => (await as(username)).request({ method: "POST", url: "/api/projects", payload: project(over) });
const openCase = async (username: string, id: string, code: string) => (await as(username)).request({ method: "POST", url: `/api/projects/${id}/flags/${code}/case` });
const count = async (table: string) => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!.n);

describe("projects 项目: the Xinjiang case", () => {
  it("flags a project financed by debt with no feasibility study, and the commission turns the flag into a case", async () => {
    const res = await register("raohe_town", { name: "镇区道路亮化工程", kind: "road", servedPopulation: 30000, status: "building", completedOn: null });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Project;
    expect(p.investment).toBe(3800000);
    expect(p.flags.map((f) => f.code)).toEqual(["DEBT_WITHOUT_STUDY"]);
    expect(p.flags[0]!.message).toBe("举债 300 万元（占总投资 79%），但未做可行性研究");
    expect(p.can).toEqual(["edit"]);

    // The township cannot open a case about itself; the commission of its county can.
    expect((await openCase("raohe_town", p.id, "DEBT_WITHOUT_STUDY")).statusCode).toBe(403);
    const seen = (await (await as("raohe_jiwei")).request({ method: "GET", url: `/api/projects/${p.id}` })).json() as Project;
    expect(seen.can).toEqual(["open_case"]);
    const opened = await openCase("raohe_jiwei", p.id, "DEBT_WITHOUT_STUDY");
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().caseId as string;
    expect(opened.json().project.flags[0].caseId).toBe(caseId);

    // Routed like any report about 饶河镇: to the county, to the commission (形象工程 is a matter of discipline).
    const c = await (await as("raohe_jiwei")).request({ method: "GET", url: `/api/cases/${caseId}` });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ channel: "system", category: "image_project", status: "received" });
    expect(c.json().text).toContain("无可行性研究");
    // No reporter stands behind a system case: nothing sealed, nothing to reveal; the reported township does not see it.
    const reveal = await (await as("raohe_jiwei")).request({ method: "POST", url: `/api/cases/${caseId}/reveal`, payload: { reason: "核实举报人身份以便调查" } });
    expect(reveal.json().error.code, reveal.body).toBe("CASE_NO_IDENTITY");
    expect((await (await as("raohe_town")).request({ method: "GET", url: `/api/cases/${caseId}` })).statusCode).toBe(404);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "project.open_case"), eq(auditLog.entityId, p.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe("raohe_jiwei");

    // Once per flag; a flag the project does not carry cannot open a case; the other county sees nothing.
    expect((await openCase("raohe_office", p.id, "DEBT_WITHOUT_STUDY")).json().error.code).toBe("PROJECT_CASE_EXISTS");
    expect((await openCase("raohe_office", p.id, "VANITY_SIGNS")).json().error.code).toBe("PROJECT_FLAG_NOT_RAISED");
    expect((await openCase("atushi_office", p.id, "DEBT_WITHOUT_STUDY")).statusCode).toBe(404);
    expect((await openCase("raohe_jiwei", p.id, "NOT_A_FLAG")).statusCode).toBe(400);
  });

  it("names the vanity-project signs, and judges under-use by the region's ratio", async () => {
    const gate = (await register("raohe_town")).json() as Project;
    const used = await (await as("raohe_town")).request({ method: "POST", url: `/api/projects/${gate.id}/uses`, payload: { year: year - 1, actualUse: 1200 } });
    expect(used.statusCode, used.body).toBe(200);
    const flags = (used.json() as Project).flags;
    expect(flags.map((f) => f.code)).toEqual(["DEBT_WITHOUT_STUDY", "UNDER_USED", "VANITY_SIGNS"]);
    const vanity = flags.find((f) => f.code === "VANITY_SIGNS")!;
    expect(vanity.signs).toEqual(["showpiece_kind", "near_zero_use"]);
    expect(vanity.message).toBe("形象工程/政绩工程迹象：景观/广场/牌坊类；几乎无人使用（使用率 2%）");

    const hall = (await register("raohe_nyncj", { name: "现代农业展示馆", kind: "building", unitCode: "230524D01", hasFeasibilityStudy: true, feasibilityDocument: "饶发改审〔2021〕45号", servedPopulation: 95000, expectedUsePerYear: 30000 })).json() as Project;
    const at40 = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/projects/${hall.id}/uses`, payload: { year: year - 1, actualUse: 12000 } });
    expect((at40.json() as Project).flags).toEqual([]);
    const rules = await (await as("raohe_office")).request({ method: "PUT", url: "/api/projects/rules", payload: { regionCode: "230524", underUseRatio: 0.5, nearZeroRatio: 0.05, costPerPersonYuan: 2000 } });
    expect(rules.statusCode, rules.body).toBe(200);
    const now = (await (await as("raohe_nyncj")).request({ method: "GET", url: `/api/projects/${hall.id}` })).json() as Project;
    expect(now.flags.map((f) => f.code)).toEqual(["UNDER_USED"]);
    expect(now.flags[0]!.message).toContain("仅为设计 30000 人次的 40%（低于 50%）");
    expect((await (await as("raohe_town")).request({ method: "PUT", url: "/api/projects/rules", payload: { regionCode: "230524", underUseRatio: 0.9, nearZeroRatio: 0.05, costPerPersonYuan: 1 } })).statusCode).toBe(403);
  });

  it("reads the cost per person as a sign, pure", () => {
    const flags = projectFlags(
      { kind: "plaza", status: "building", fiscalFunds: 1_600_000, debtFunds: 4_000_000, otherFunds: 0, hasFeasibilityStudy: true, servedPopulation: 2100, expectedUsePerYear: 60000, useMeasure: "人次", uses: [] },
      DEFAULT_PROJECT_RULES,
      "en",
    );
    expect(flags.map((f) => f.code)).toEqual(["VANITY_SIGNS"]);
    expect(flags[0]!.message).toBe("signs of a vanity project: large cost per person served (2667 yuan per person, cap 2000); a showpiece kind (landscape, plaza, gate arch)");
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const before = await count("projects");
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["raohe_town", { debtFunds: -1 }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { fiscalFunds: 0, debtFunds: 0, otherFunds: 0 }, 400, "PROJECT_NO_INVESTMENT"],
      ["raohe_town", { hasFeasibilityStudy: true }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { completedOn: null }, 400, "VALIDATION_FAILED"],
      ["raohe_town", { unitCode: "230524999000" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_town", { unitCode: "230524101000" }, 403, "OUT_OF_SCOPE"],
      ["raohe_nyncj", { unitCode: "230524D02" }, 403, "OUT_OF_SCOPE"],
      ["raohe_village", {}, 403, "OUT_OF_SCOPE"],
      ["raohe_jiwei", {}, 403, "OUT_OF_SCOPE"],
    ];
    for (const [user, over, status, code] of bad) {
      const res = await register(user, over);
      expect(res.statusCode, `${user} ${JSON.stringify(over)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await count("projects")).toBe(before);
    const building = (await register("raohe_town", { status: "building", completedOn: null })).json() as Project;
    const early = await (await as("raohe_town")).request({ method: "POST", url: `/api/projects/${building.id}/uses`, payload: { year, actualUse: 10 } });
    expect([early.statusCode, early.json().error.code]).toEqual([400, "PROJECT_NOT_COMPLETED"]);
  });
});

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  ws.addRow(["项目名称", "项目类型", "建设单位代码", "项目业主", "建设状态", "竣工日期", "财政资金（元）", "举债资金（元）", "其他资金（元）", "可行性研究", "可研文号", "受益人口", "设计年使用量", "使用量单位"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (username: string, file: Buffer) => (await as(username)).request({ method: "POST", url: "/api/projects/import", headers: { "content-type": XLSX_MIME }, payload: file });

describe("project register in Excel", () => {
  it("names each bad row and imports nothing, then takes the good file and its export back", async () => {
    const before = await count("projects");
    const good = ["西丰镇文化广场", "广场", "230524102000", "西丰镇人民政府", "已竣工", "2024-10-01", 500000, 1500000, 0, "无", "", 500, 20000, "人次"];
    const bad = await upload(
      "raohe_office",
      await sheet([
        good,
        ["负数项目", "道路交通", "230524102000", "西丰镇", "在建", "", -100, 0, 0, "有", "某文号", 100, 100, "人次"],
        ["未知单位", "道路交通", "230524888000", "某镇", "在建", "", 100, 0, 0, "无", "", 100, 100, "人次"],
        ["有可研无文号", "道路交通", "230524102000", "西丰镇", "计划", "", 100, 0, 0, "有", "", 100, 100, "人次"],
        ["状态不明", "道路交通", "230524102000", "西丰镇", "半拉子", "", 100, 0, 0, "或许", "", 100, 100, "人次"],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    const details = bad.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(["项目!G3", "项目!C4", "项目!K5", "项目!E6", "项目!J6"]));
    expect(details.find((d) => d.path === "项目!G3")!.message).toContain("不能为负数");
    expect(await count("projects")).toBe(before);

    const ok = await upload("raohe_office", await sheet([good]));
    expect(ok.json(), ok.body).toEqual({ created: 1 });
    const list = (await (await as("raohe_office")).request({ method: "GET", url: "/api/projects", query: { unit: "230524102000" } })).json() as { items: Project[] };
    expect(list.items[0]!.flags.map((f) => f.code)).toEqual(["DEBT_WITHOUT_STUDY", "VANITY_SIGNS"]);
    const exported = await (await as("raohe_office")).request({ method: "GET", url: "/api/projects/export.xlsx", query: { unit: "230524102000" } });
    expect(exported.statusCode).toBe(200);
    expect((await upload("raohe_office", exported.rawPayload)).json()).toEqual({ created: 1 });
  });
});
