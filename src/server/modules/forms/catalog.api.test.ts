import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/forms.js";
import { countRows } from "../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { DEMO_INDICATORS } from "./demo-catalog.js";
import { buildWorkbook } from "./fixtures/build.js";
import { catalogPreparations, preparedCatalogFor } from "./mapping.js";

let ctx: TestContext;
let office: Session;
let dept: Session;
const URL = "/api/forms/catalogs/230524";

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  dept = await loginAs(ctx.app, "raohe_nyncj");
});
afterAll(async () => ctx?.close());

const indicatorCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from form_indicators`)).rows[0]!.n);
const HEADER = ["指标编码", "指标名称", "别名", "定义", "计量单位", "数据类型", "选项", "粒度", "更新周期", "责任部门编码", "最小值", "最大值"];

describe("the indicator catalog", () => {
  it("holds Raohe's demo indicators, readable by a department, editable by the office only", async () => {
    const res = await dept.request({ method: "GET", url: `${URL}/indicators` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().canEdit).toBe(false);
    expect(res.json().indicators).toHaveLength(DEMO_INDICATORS.length);
    expect(res.json().indicators.find((i: { code: string }) => i.code === "NY001")).toMatchObject({ name: "耕地面积", unit: "亩", type: "number", granularity: "village" });
    expect((await office.request({ method: "GET", url: `${URL}/indicators` })).json().canEdit).toBe(true);
  });

  it("adds and changes an indicator, refusing a taken code and a choice without options", async () => {
    const input = { code: "T001", name: "村级光伏电站装机容量", unit: "千瓦", type: "number", refreshCycle: "yearly" };
    const created = await office.request({ method: "POST", url: `${URL}/indicators`, payload: input });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...input, aliases: [], granularity: "village", ownerDepartment: null });
    const again = await office.request({ method: "POST", url: `${URL}/indicators`, payload: input });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("INDICATOR_CODE_TAKEN");
    const choice = await office.request({ method: "POST", url: `${URL}/indicators`, payload: { ...input, code: "T002", type: "choice", options: ["是"] } });
    expect(choice.statusCode).toBe(400);
    expect(choice.json().error.details[0]).toMatchObject({ path: "body.options", message: "选项类指标至少列出两个选项" });
    const changed = await office.request({ method: "PUT", url: `/api/forms/indicators/${created.json().id}`, payload: { ...input, aliases: ["光伏装机容量"] } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().aliases).toEqual(["光伏装机容量"]);
    const byDept = await dept.request({ method: "PUT", url: `/api/forms/indicators/${created.json().id}`, payload: input });
    expect(byDept.statusCode).toBe(403);
  });
});

describe("the catalog prepared for mapping proposals", () => {
  it("is prepared again in the background after a change, so the next upload finds it ready", async () => {
    await preparedCatalogFor(ctx.db, "230524");
    const before = catalogPreparations().done;
    const input = { code: "T101", name: "村级养老服务站数量", unit: "个", type: "integer", refreshCycle: "yearly" };
    expect((await office.request({ method: "POST", url: `${URL}/indicators`, payload: input })).statusCode).toBe(201);
    await Promise.all(catalogPreparations().pending);
    expect(catalogPreparations().done).toBe(before + 1);
    const catalog = await preparedCatalogFor(ctx.db, "230524");
    expect(catalogPreparations().done).toBe(before + 1);
    expect(catalog.items.some((i) => i.row.code === "T101")).toBe(true);
  });

  it("is prepared once when uploads arrive together after a change", async () => {
    await Promise.all(catalogPreparations().pending);
    await ctx.db.execute(sql`update form_indicators set updated_at = now() where region_code = '230524' and code = 'T101'`);
    const before = catalogPreparations().done;
    const [a, b] = await Promise.all([preparedCatalogFor(ctx.db, "230524"), preparedCatalogFor(ctx.db, "230524")]);
    expect(a).toBe(b);
    expect(catalogPreparations().done).toBe(before + 1);
  });
});

describe("the catalog as Excel", () => {
  it("exports the catalog and imports it back unchanged (every code known: all updated)", async () => {
    const exported = await office.request({ method: "GET", url: `${URL}/export.xlsx` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toBe(XLSX_MIME);
    const before = (await office.request({ method: "GET", url: `${URL}/indicators` })).json().indicators;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getRow(2).values).toEqual([undefined, ...HEADER]);
    const res = await office.request({ method: "POST", url: `${URL}/import`, headers: { "content-type": XLSX_MIME }, payload: exported.rawPayload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: before.length });
    const after = (await office.request({ method: "GET", url: `${URL}/indicators` })).json().indicators;
    const strip = (list: { updatedAt?: string }[]) => list.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it("imports new indicators written with Chinese type names", async () => {
    const file = await buildWorkbook([{ name: "目录", rows: [HEADER, ["T100", "农村公路里程", "村道里程", "", "公里", "数值", "", "村级", "每年", "230524D01", 0, null]] }]);
    const res = await office.request({ method: "POST", url: `${URL}/import`, headers: { "content-type": XLSX_MIME }, payload: file });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 0 });
  });

  it("refuses a file with bad rows, naming sheet, row and column, and writes nothing", async () => {
    const before = [await indicatorCount(), await countRows(ctx.db, "audit_log")];
    const file = await buildWorkbook([
      {
        name: "指标",
        rows: [
          ["饶河县数据指标目录"],
          HEADER,
          ["T200", "村级道路总长度", "", "", "公里", "数值", "", "村级", "每年", "", null, null],
          ["T201", "村", "", "", "", "数值", "", "村级", "每年", "", null, null],
          ["T202", "是否为边境村", "", "", "", "选项", "是", "村级", "每年", "", null, null],
          ["T203", "道路养护里程", "", "", "公里", "长度", "", "村级", "每月", "", null, null],
          ["T200", "重复的编码", "", "", "", "文本", "", "村级", "每年", "", null, null],
        ],
      },
    ]);
    const res = await office.request({ method: "POST", url: `${URL}/import`, headers: { "content-type": XLSX_MIME }, payload: file });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("EXCEL_INVALID");
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(["指标!B4", "指标!G5", "指标!F6", "指标!A7"]);
    expect(res.json().error.details[1].message).toBe("工作表“指标”第 5 行“选项”列：选项类指标至少列出两个选项");
    expect([await indicatorCount(), await countRows(ctx.db, "audit_log")]).toEqual(before);
  });

  it("refuses an import from a department, and a file without the header", async () => {
    const file = await buildWorkbook([{ name: "S", rows: [["编号", "名称"], ["X1", "耕地"]] }]);
    expect((await dept.request({ method: "POST", url: `${URL}/import`, headers: { "content-type": XLSX_MIME }, payload: file })).statusCode).toBe(403);
    const res = await office.request({ method: "POST", url: `${URL}/import`, headers: { "content-type": XLSX_MIME }, payload: file });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("CATALOG_NO_HEADER");
  });
});
