import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME, type Form, type OneTable } from "../../../contracts/forms.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { readFormWorkbook } from "./excel/read-form.js";
import { uploadAndMap } from "./fixtures/forms.js";
import { mzjTable, NYNCJ_TITLE, nyncjTable } from "./fixtures/tables.js";

/**
 * The Raohe case: 农业农村局 and 民政局 ask the villages near-identical tables. Both are merged into one
 * form per village, a village answers each datum once, a later form reuses fresh data, and each
 * department gets its own table back, filled, in its own layout.
 */
let ctx: TestContext;
let office: Session, nyncj: Session, mzj: Session, tjj: Session, village: Session;
let farming: Form, welfare: Form;
const VILLAGE = "230524100200"; // 饶河村

const count = async (table: string) => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!.n);

const classification = async (s: Session, form: Form) => {
  const res = await s.request({ method: "GET", url: `/api/forms/${form.id}/classification` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { targets: number; totals: { asked: number; avoided: number; merged: number }; fields: { header: string; asked: number; avoided: number; merged: number }[] };
};
const table = async (): Promise<OneTable> => {
  const res = await village.request({ method: "GET", url: `/api/forms/one-table/${VILLAGE}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const answer = (t: OneTable, values: Record<string, string>) => t.questions.map((q) => ({ indicatorId: q.indicatorId, periodKey: q.periodKey, value: values[q.code] ?? "1" }));
const submit = (values: unknown[], key: string) => village.request({ method: "POST", url: `/api/forms/one-table/${VILLAGE}/submit`, payload: { idempotencyKey: key, values } });

beforeAll(async () => {
  ctx = await createTestApp();
  [office, nyncj, mzj, tjj, village] = (await Promise.all(["raohe_office", "raohe_nyncj", "raohe_mzj", "raohe_tjj", "raohe_village"].map((u) => loginAs(ctx.app, u)))) as [
    Session, Session, Session, Session, Session,
  ];
  farming = await uploadAndMap(nyncj, office, { issuer: "230524D01", title: "关于填报各村耕地面积和农作物种植结构情况表的通知", file: await nyncjTable(), fileName: "种植结构情况表.xlsx" });
});
afterAll(async () => ctx?.close());

describe("classification before collection", () => {
  it("counts every field as asked of every village while nothing is known and no other form asks it", async () => {
    const c = await classification(nyncj, farming);
    expect(c.targets).toBeGreaterThan(1);
    expect(c.totals).toEqual({ asked: 9 * c.targets, avoided: 0, merged: 0 });
  });

  it("merges what a second department asks of the same villages", async () => {
    welfare = await uploadAndMap(mzj, office, { issuer: "230524D03", title: "关于报送各村人口和社会救助基本情况统计表的通知", file: await mzjTable(), fileName: "人口和社会救助.xlsx" });
    const c = await classification(mzj, welfare);
    expect(Object.fromEntries(c.fields.map((f) => [f.header, f.merged > 0 ? "merged" : "asked"]))).toEqual({
      "户籍人口数（人）": "merged",
      "常住人口（人）": "merged",
      "低保户数（户）": "asked",
      "60岁以上老人数（人）": "asked",
    });
    expect(c.totals).toEqual({ asked: 2 * c.targets, avoided: 0, merged: 2 * c.targets });
  });
});

describe("the village's one form", () => {
  it("asks each datum once across both forms", async () => {
    const t = await table();
    expect(t.questions).toHaveLength(11);
    expect(t.missing).toBe(11);
    const population = t.questions.find((q) => q.code === "RK001")!;
    expect(population.forms.map((f) => f.owner).sort()).toEqual(["饶河县农业农村局", "饶河县民政局"].sort());
    expect(population).toMatchObject({ name: "户籍人口", unit: "人", type: "integer", periodKey: "2026", current: null });
  });

  it("keeps a draft on the server", async () => {
    const t = await table();
    const res = await village.request({ method: "PUT", url: `/api/forms/one-table/${VILLAGE}/draft`, payload: { values: [{ indicatorId: t.questions[0]!.indicatorId, periodKey: t.questions[0]!.periodKey, value: "12" }] } });
    expect(res.statusCode, res.body).toBe(200);
    const again = await table();
    expect(again.questions[0]!.draft).toBe("12");
    expect(again.draftSavedAt).not.toBeNull();
  });

  it("refuses invalid answers by question, writing nothing", async () => {
    const t = await table();
    const before = [await count("form_submissions"), await count("form_data")];
    const res = await submit(answer(t, { RK001: "很多", NY001: "-5" }), "bad-answers-0001");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("FORM_VALUES_INVALID");
    expect(res.json().error.details.map((d: { message: string }) => d.message).sort()).toEqual(["户籍人口：“很多”不是数字", "耕地面积：-5 小于下限 0亩"]);
    expect([await count("form_submissions"), await count("form_data")]).toEqual(before);
  });

  it("takes a submission once: a retry with the same key returns the first, different content under it is refused", async () => {
    const t = await table();
    const values = answer(t, { RK001: "一千二百六十", RK002: "980", NY001: "15300", NY003: "3200", NY004: "5100", NY005: "6900", JJ001: "18.5" });
    const first = await submit(values, "village-230524100200-0001");
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ accepted: 11, replayed: false, notes: [{ message: "户籍人口：中文数字“一千二百六十”按 1260 读取" }] });
    const counts = [await count("form_submissions"), await count("form_data"), await count("audit_log")];
    // The reply was lost; the phone sends the same request again.
    const retry = await submit(values, "village-230524100200-0001");
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ submissionId: first.json().submissionId, replayed: true, accepted: 11 });
    const concurrent = await Promise.all([submit(values, "village-230524100200-0001"), submit(values, "village-230524100200-0001")]);
    expect(concurrent.map((r) => r.json().submissionId)).toEqual([first.json().submissionId, first.json().submissionId]);
    expect([await count("form_submissions"), await count("form_data"), await count("audit_log")]).toEqual(counts);
    const reused = await submit(answer(t, { RK001: "1300" }), "village-230524100200-0001");
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("shows what was given, with its provenance, and clears the draft", async () => {
    const t = await table();
    expect(t).toMatchObject({ missing: 0, prefilled: 11, draftSavedAt: null });
    const population = t.questions.find((q) => q.code === "RK001")!;
    expect(population.current).toMatchObject({ value: "1260", provenance: { sourceKind: "submission", by: "饶河村 吴书记" } });
  });
});

describe("data given once serve every form", () => {
  it("counts the village's fields as avoided for both departments", async () => {
    const f = await classification(nyncj, farming);
    expect(f.totals.avoided).toBe(9);
    const w = await classification(mzj, welfare);
    expect(w.totals.avoided).toBe(4);
  });

  it("a later form of another department reuses the fresh data", async () => {
    const later = await uploadAndMap(tjj, office, { issuer: "230524D02", title: "关于开展各村人口基本情况调查的通知", file: await mzjTable(), fileName: "人口基本情况.xlsx" });
    const c = await classification(tjj, later);
    expect(c.fields.find((f) => f.header === "户籍人口数（人）")).toMatchObject({ avoided: 1 });
  });
});

describe("each department gets its own table back", () => {
  it("writes the data into the department's original layout, one row per village", async () => {
    const res = await nyncj.request({ method: "GET", url: `/api/forms/${farming.id}/export.xlsx` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX_MIME);
    const file = res.rawPayload;
    // The layout reads back as uploaded: same sheets, header rows, columns and units.
    const back = await readFormWorkbook(file);
    expect(back.issues).toEqual([]);
    expect(back.sheets).toEqual(farming.sheets);
    expect(back.columns.map((c) => [c.sheet, c.col, c.header, c.unit, c.role])).toEqual(
      farming.fields.map((f) => [f.sheet, f.column.charCodeAt(0) - 64, f.header, f.unit, f.role]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("种植结构")!;
    expect(ws.getCell("A1").value).toBe(NYNCJ_TITLE);
    expect((ws.model as { merges: string[] }).merges).toEqual(expect.arrayContaining(["A1:K1", "D3:E3", "G3:I3"]));
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(5 + i));
    const raohe = rows.find((r) => r.getCell(3).value === "饶河村委会")!;
    expect([raohe.getCell(2).value, raohe.getCell(4).value, raohe.getCell(5).value, raohe.getCell(6).value, raohe.getCell(7).value]).toEqual(["饶河镇", 1260, 980, 15300, 3200]);
    const jiaping = rows.find((r) => r.getCell(3).value !== "饶河村委会")!;
    expect(jiaping.getCell(4).value).toBeNull();
    expect(rows.map((r) => r.getCell(1).value)).toEqual(rows.map((_, i) => i + 1));
    const stock = wb.getWorksheet("养殖业")!;
    expect(stock.getRow(3).values).toEqual([undefined, undefined, undefined, "头", "头", "万元"]);
  });

  it("is not given to another department", async () => {
    expect((await tjj.request({ method: "GET", url: `/api/forms/${farming.id}/export.xlsx` })).statusCode).toBe(404);
  });
});

describe("figures: what the one form saved", () => {
  it("counts per department the field-answers avoided and merged and the hours saved, and per village its submissions", async () => {
    const res = await office.request({ method: "GET", url: "/api/forms/figures" });
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json();
    const farmingDept = figures.departments.find((d: { code: string }) => d.code === "230524D01");
    expect(farmingDept).toMatchObject({ name: "饶河县农业农村局", forms: 1, fields: 9, avoided: 9 });
    // 60 minutes for 9 fields: 9 avoided answers, and 2 fields shared with the 民政局 for every other village (half each).
    const { targets } = await classification(nyncj, farming);
    expect(farmingDept.merged).toBe(2 * (targets - 1));
    expect(farmingDept.hoursSaved).toBeCloseTo(((9 + farmingDept.merged / 2) * (60 / 9)) / 60, 1);
    expect(figures.units).toEqual([{ code: VILLAGE, name: "饶河村委会", submissions: 1, values: 11 }]);
    expect(figures.totals).toMatchObject({ forms: 3, submissions: 1, values: 11 });
  });

  it("shows a department its own forms, and nothing to a village", async () => {
    const own = (await mzj.request({ method: "GET", url: "/api/forms/figures" })).json();
    expect(own.departments.map((d: { code: string }) => d.code)).toEqual(["230524D03"]);
    expect((await village.request({ method: "GET", url: "/api/forms/figures" })).statusCode).toBe(403);
  });
});

describe("a department corrects a datum on the record", () => {
  it("lets the owner department (统计局 for 户籍人口) correct a village's value with a reason, provenance and audit saying so", async () => {
    const population = (await table()).questions.find((q) => q.code === "RK001")!;
    const body = { indicatorId: population.indicatorId, unitCode: VILLAGE, periodKey: population.periodKey, value: "1262", reason: "经公安户籍系统核对更正" };
    expect((await nyncj.request({ method: "PUT", url: "/api/forms/data", payload: body })).statusCode).toBe(403);
    expect((await village.request({ method: "PUT", url: "/api/forms/data", payload: body })).statusCode).toBe(403);
    const bad = await tjj.request({ method: "PUT", url: "/api/forms/data", payload: { ...body, value: "一千多" } });
    expect(bad.statusCode).toBe(400);
    const res = await tjj.request({ method: "PUT", url: "/api/forms/data", payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ value: "1262", previous: "1260", provenance: { sourceKind: "department", by: "饶河县统计局 刘干事" } });
    const after = (await table()).questions.find((q) => q.code === "RK001")!;
    expect(after.current).toMatchObject({ value: "1262", provenance: { sourceKind: "department" } });
    const audit = await ctx.db.execute<{ detail: { reason: string; previous: { value: string } } }>(sql`select detail from audit_log where action = 'datum.enter' order by id desc limit 1`);
    expect(audit.rows[0]!.detail).toMatchObject({ reason: "经公安户籍系统核对更正", previous: { value: "1260" } });
  });
});

describe("a first submission sent twice at once (a double tap, a retry racing the original)", () => {
  it("records it once: one reply says recorded, the other gives back the same submission", async () => {
    const t = await table();
    const values = answer(t, { RK001: "1262", RK002: "981" });
    const counts = [await count("form_submissions"), await count("audit_log")];
    const both = await Promise.all([submit(values, "village-230524100200-0002"), submit(values, "village-230524100200-0002")]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    const [a, b] = both.map((r) => r.json());
    expect(a.submissionId).toBe(b.submissionId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect([await count("form_submissions"), await count("audit_log")]).toEqual([counts[0]! + 1, counts[1]! + 1]);
    const residents = (await table()).questions.find((q) => q.code === "RK002")!;
    expect(residents.current).toMatchObject({ value: "981", provenance: { sourceKind: "submission", sourceId: a.submissionId } });
  });
});
