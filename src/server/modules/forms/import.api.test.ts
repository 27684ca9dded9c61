import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME, type Checks, type Form, type OneTable } from "../../../contracts/forms.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { buildWorkbook } from "./fixtures/build.js";
import { admittedFormBurden } from "./fixtures/burdens.js";
import { livestockSheet, nyncjSheet } from "./fixtures/tables.js";

/** A department's table already holds last year's figures: taken into shared data, with their provenance. */
let ctx: TestContext;
let office: Session, nyncj: Session, tjj: Session, village: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [office, nyncj, tjj, village] = (await Promise.all(["raohe_office", "raohe_nyncj", "raohe_tjj", "raohe_village"].map((u) => loginAs(ctx.app, u)))) as [Session, Session, Session, Session];
});
afterAll(async () => ctx?.close());

const dataCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from form_data`)).rows[0]!.n);

async function upload(file: Buffer, title: string): Promise<Form> {
  const burdenId = await admittedFormBurden(nyncj, office, { issuer: "230524D01", title, text: "请各村填报。" });
  const res = await nyncj.request({ method: "POST", url: "/api/forms/upload", query: { burdenId, referenceDate: "2026-12-31" }, headers: { "content-type": XLSX_MIME }, payload: file });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
/** 牛存栏 (NY012) on 饶河村's one form. */
const cattle = async () => ((await village.request({ method: "GET", url: "/api/forms/one-table/230524100200" })).json() as OneTable).questions.find((q) => q.code === "NY012")!;
const mapAll = (form: Form, importData: boolean) =>
  nyncj.request({
    method: "PUT",
    url: `/api/forms/${form.id}/mapping`,
    payload: { importData, fields: form.fields.filter((f) => f.role === "indicator").map((f) => ({ position: f.position, role: "indicator", indicatorId: f.proposal.indicatorId })) },
  });

describe("importing the figures a department's table holds", () => {
  it("refuses rows that name no village of the county, writing nothing", async () => {
    const form = await upload(await buildWorkbook([nyncjSheet({ rows: [[1, "饶河镇", "幸福村", 1260, 980, 15300, 3200, 5100, 6900, null, null]] })]), "各村耕地面积和种植结构情况表（一）");
    const before = await dataCount();
    const res = await mapAll(form, true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "FORM_FILE_INVALID", details: [{ path: "种植结构!C5", message: "工作表“种植结构”第 5 行“村名”列：本县没有名为“幸福村”的村" }] });
    expect(await dataCount()).toBe(before);
    expect((await nyncj.request({ method: "GET", url: `/api/forms/${form.id}` })).json().status).toBe("draft");
  });

  it("takes each village's figures with import provenance, reading Chinese numerals with a note", async () => {
    const rows = [
      [1, "饶河镇", "饶河村", "一千二百六十", 980, 15300, 3200, 5100, 6900, null, null],
      [2, "小佳河镇", "佳平村", 860, 700, 12800, 2100, 4300, 6200, null, "新并村"],
    ];
    const form = await upload(await buildWorkbook([nyncjSheet({ rows }), livestockSheet()]), "各村耕地面积和种植结构情况表（二）");
    const res = await mapAll(form, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported).toEqual({
      values: 15,
      skipped: 0,
      mismatches: [],
      notes: [{ path: "种植结构!D5", message: "工作表“种植结构”第 5 行“人口情况/户籍人口”列：中文数字“一千二百六十”按 1260 读取" }],
    });
    const table: OneTable = (await village.request({ method: "GET", url: "/api/forms/one-table/230524100200" })).json();
    const population = table.questions.find((q) => q.code === "RK001")!;
    expect(population.current).toMatchObject({ value: "1260", provenance: { sourceKind: "import", sourceId: form.id, by: "饶河县农业农村局 张干事" } });
    expect(table.questions.find((q) => q.code === "NY011")!.current?.value).toBe("420");
  });

  it("never overwrites what a village gave", async () => {
    const stock = await cattle();
    const given = await village.request({
      method: "POST",
      url: "/api/forms/one-table/230524100200/submit",
      payload: { idempotencyKey: "import-test-0001", values: [{ indicatorId: stock.indicatorId, periodKey: stock.periodKey, value: "70" }] },
    });
    expect(given.statusCode, given.body).toBe(201);
    const form = await upload(await buildWorkbook([livestockSheet()]), "各村养殖业情况表");
    const res = await mapAll(form, true);
    expect(res.json().imported).toMatchObject({ values: 0, skipped: 3 });
    // The table's 65 head of cattle disagrees with the 70 the village gave: reported, not written.
    expect(res.json().imported.mismatches).toEqual([
      { path: "养殖业!D4", message: "饶河村委会“牛存栏”：表中为 65，已有数据为 70（村级填报，饶河村 吴书记），保留已有数据，请核实" },
    ]);
    const after: OneTable = (await village.request({ method: "GET", url: "/api/forms/one-table/230524100200" })).json();
    expect(after.questions.find((q) => q.code === "NY012")!.current).toMatchObject({ value: "70", provenance: { sourceKind: "submission" } });
  });
});

describe("a mismatch between sources goes to the 减负办 and the owner department", () => {
  const flagsFor = async (s: Session, periodKey: string) => {
    const res = await s.request({ method: "GET", url: "/api/forms/catalogs/230524/checks", query: { periodKey } });
    return { status: res.statusCode, flags: ((res.json() as Checks).flags ?? []).filter((f) => f.kind === "mismatch") };
  };

  it("flags the cattle figure: the village gave 70, two imports of the 农业农村局 said 65; both values and provenances as evidence", async () => {
    const stock = await cattle();
    const { status, flags } = await flagsFor(office, stock.periodKey);
    expect(status).toBe(200);
    // One from the import the submission replaced, one from the later import kept out.
    expect(flags).toHaveLength(2);
    for (const f of flags) {
      expect(f).toMatchObject({ indicator: { code: "NY012" }, unit: { code: "230524100200" }, value: 70 });
      expect(f.evidence).toMatchObject({
        held: { value: "70", sourceKind: "submission", by: "饶河村 吴书记" },
        other: { value: "65", sourceKind: "import", by: "饶河县农业农村局 张干事" },
        differencePercent: 7.7,
        tolerancePercent: 1,
      });
      expect(f.message).toBe("牛存栏：现有数据 70头（村级填报，饶河村 吴书记），另一来源为 65头（部门导入，饶河县农业农村局 张干事）");
    }
    expect(new Set(flags.map((f) => (f.evidence.other as { sourceId: string }).sourceId)).size).toBe(2);
  });

  it("shows them to the owner department, not to another department; a village may not ask", async () => {
    const { periodKey } = await cattle();
    expect((await flagsFor(nyncj, periodKey)).flags).toHaveLength(2);
    expect(await flagsFor(tjj, periodKey)).toEqual({ status: 200, flags: [] });
    expect((await flagsFor(village, periodKey)).status).toBe(403);
  });

  it("goes away once the held figure agrees with the other source within the tolerance, data untouched by the check", async () => {
    const stock = await cattle();
    const corrected = await nyncj.request({
      method: "PUT",
      url: "/api/forms/data",
      payload: { indicatorId: stock.indicatorId, unitCode: "230524100200", periodKey: stock.periodKey, value: "65", reason: "核实后以台账为准" },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await flagsFor(office, stock.periodKey)).flags).toEqual([]);
    const after: OneTable = (await village.request({ method: "GET", url: "/api/forms/one-table/230524100200" })).json();
    expect(after.questions.find((q) => q.code === "NY012")!.current).toMatchObject({ value: "65", provenance: { sourceKind: "department" } });
  });
});
