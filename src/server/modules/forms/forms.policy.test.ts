import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME, type Form, type OneTable } from "../../../contracts/forms.js";
import { DENY, NEW, OK, OUT, type GridCells, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { buildWorkbook } from "./fixtures/build.js";
import { admittedFormBurden } from "./fixtures/burdens.js";
import { nyncjTable } from "./fixtures/tables.js";

/**
 * Who may do what in 一表通. Each grid row is one target (a region, the 农业农村局's form, a village); its
 * cells are the answers for the roster of GRID_COLUMNS, in order (role × endpoint × target → status [code]).
 */
const HIDDEN = "404 UNIT_NOT_FOUND";
const NO_FORM = "404 FORM_NOT_FOUND";
const NO_BURDEN = "404 BURDEN_NOT_FOUND";
const LEVEL = "400 CATALOG_WRONG_LEVEL";
const NOT_VILLAGE = "400 FORM_NOT_A_VILLAGE";

type Endpoint =
  | "GET /api/forms/catalogs/:code/indicators"
  | "POST /api/forms/catalogs/:code/indicators"
  | "POST /api/forms/catalogs/:code/import"
  | "GET /api/forms/catalogs/:code/export.xlsx"
  | "POST /api/forms/upload"
  | "GET /api/forms/:id"
  | "PUT /api/forms/:id/mapping"
  | "GET /api/forms/:id/classification"
  | "GET /api/forms/:id/export.xlsx"
  | "GET /api/forms/one-table/:code"
  | "PUT /api/forms/one-table/:code/draft"
  | "POST /api/forms/one-table/:code/submit"
  | "GET /api/forms/catalogs/:code/checks"
  | "GET /api/forms/figures"
  | "PUT /api/forms/data";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, GridCells>> = {
  //                                               village    town       dept       office     jiwei      rAdmin     admin      aOffice    aTown
  "GET /api/forms/catalogs/:code/indicators": {
    "230524 饶河县":                                 [OK,        OK,        OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN],
    "230524100000 饶河镇 (not a county)":            [LEVEL,     LEVEL,     LEVEL,     LEVEL,     LEVEL,     LEVEL,     LEVEL,     HIDDEN,    HIDDEN],
    "653001 阿图什市":                               [HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    OK,        OK,        OK],
  },
  "POST /api/forms/catalogs/:code/indicators": {
    "230524 饶河县":                                 [DENY,      DENY,      DENY,      NEW,       DENY,      NEW,       NEW,       HIDDEN,    HIDDEN],
    "230500 双鸭山市 (above the county)":            [DENY,      DENY,      DENY,      OUT,       DENY,      OUT,       LEVEL,     HIDDEN,    HIDDEN],
    "653001 阿图什市":                               [HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    NEW,       NEW,       DENY],
  },
  "POST /api/forms/catalogs/:code/import": {
    "230524 饶河县":                                 [DENY,      DENY,      DENY,      OK,        DENY,      OK,        OK,        HIDDEN,    HIDDEN],
  },
  "GET /api/forms/catalogs/:code/export.xlsx": {
    "230524 饶河县":                                 [OK,        OK,        OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN],
  },
  "POST /api/forms/upload": {
    "农业农村局's admitted form burden":             [DENY,      DENY,      NEW,       NEW,       DENY,      DENY,      DENY,      NO_BURDEN, NO_BURDEN],
  },
  "GET /api/forms/:id": {
    "农业农村局's form":                             [NO_FORM,   NO_FORM,   OK,        OK,        OK,        OK,        OK,        NO_FORM,   NO_FORM],
  },
  "PUT /api/forms/:id/mapping": {
    "农业农村局's form":                             [NO_FORM,   NO_FORM,   OK,        OK,        DENY,      DENY,      DENY,      NO_FORM,   NO_FORM],
  },
  "GET /api/forms/:id/classification": {
    "农业农村局's form":                             [NO_FORM,   NO_FORM,   OK,        OK,        OK,        OK,        OK,        NO_FORM,   NO_FORM],
  },
  "GET /api/forms/:id/export.xlsx": {
    "农业农村局's form":                             [NO_FORM,   NO_FORM,   OK,        OK,        OK,        OK,        OK,        NO_FORM,   NO_FORM],
  },
  "GET /api/forms/one-table/:code": {
    "230524100200 饶河村 (own village)":             [OK,        OK,        HIDDEN,    OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN],
    "230524101200 佳平村 (another township's)":      [HIDDEN,    HIDDEN,    HIDDEN,    OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN],
    "230524100000 饶河镇 (not a village)":           [HIDDEN,    NOT_VILLAGE, HIDDEN,  NOT_VILLAGE, NOT_VILLAGE, NOT_VILLAGE, NOT_VILLAGE, HIDDEN, HIDDEN],
  },
  "PUT /api/forms/one-table/:code/draft": {
    "230524100200 饶河村":                           [OK,        OK,        HIDDEN,    DENY,      DENY,      DENY,      DENY,      HIDDEN,    HIDDEN],
    "230524101200 佳平村":                           [HIDDEN,    HIDDEN,    HIDDEN,    DENY,      DENY,      DENY,      DENY,      HIDDEN,    HIDDEN],
  },
  "POST /api/forms/one-table/:code/submit": {
    "230524100200 饶河村":                           [NEW,       NEW,       HIDDEN,    DENY,      DENY,      DENY,      DENY,      HIDDEN,    HIDDEN],
  },
  "GET /api/forms/catalogs/:code/checks": {
    "230524 饶河县":                                 [DENY,      DENY,      OK,        OK,        OK,        OK,        OK,        HIDDEN,    HIDDEN],
    "653001 阿图什市":                               [HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    OK,        OK,        DENY],
  },
  "PUT /api/forms/data": {
    "NY001 耕地面积 (农业农村局's) of 饶河村":      [DENY,      DENY,      OK,        OK,        DENY,      DENY,      DENY,      DENY,      DENY],
  },
  "GET /api/forms/figures": {
    "(one's own region)":                            [DENY,      DENY,      OK,        OK,        OK,        OK,        OK,        OK,        DENY],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let grid: GridSessions;
let burdenId: string;
let form: Form;
let file: Buffer;
let catalogFile: Buffer;
let question: { indicatorId: string; periodKey: string };
let n = 0;
let land: string; // NY001 耕地面积, owned by the 农业农村局

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const dept = grid.of("raohe_nyncj");
  burdenId = await admittedFormBurden(dept, grid.of("raohe_office"), { issuer: "230524D01", title: "关于填报各村耕地面积和农作物种植结构情况表的通知", text: "请各村填写耕地面积。" });
  file = await nyncjTable();
  form = (await dept.request({ method: "POST", url: "/api/forms/upload", query: { burdenId }, headers: { "content-type": XLSX_MIME }, payload: file })).json();
  const fields = form.fields.filter((f) => f.role === "indicator").map((f) => ({ position: f.position, role: "indicator", indicatorId: f.proposal.indicatorId }));
  expect((await dept.request({ method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { fields } })).statusCode).toBe(200);
  const table: OneTable = (await grid.of("raohe_village").request({ method: "GET", url: "/api/forms/one-table/230524100200" })).json();
  question = { indicatorId: table.questions[0]!.indicatorId, periodKey: table.questions[0]!.periodKey };
  land = (await dept.request({ method: "GET", url: "/api/forms/catalogs/230524/indicators" })).json().indicators.find((i: { code: string }) => i.code === "NY001").id;
  catalogFile = await buildWorkbook([{ name: "目录", rows: [["指标编码", "指标名称", "计量单位", "数据类型"], ["GRID1", "村级护林员人数", "人", "整数"]] }]);
});
afterAll(async () => ctx?.close());

const codeOf = (target: string) => target.split(" ")[0]!;

function requestFor(row: Row): InjectOptions {
  const code = codeOf(row.target);
  switch (row.endpoint) {
    case "GET /api/forms/catalogs/:code/indicators":
      return { method: "GET", url: `/api/forms/catalogs/${code}/indicators` };
    case "POST /api/forms/catalogs/:code/indicators":
      return { method: "POST", url: `/api/forms/catalogs/${code}/indicators`, payload: { code: `G${++n}`, name: "村级护林员人数", unit: "人", type: "integer" } };
    case "POST /api/forms/catalogs/:code/import":
      return { method: "POST", url: `/api/forms/catalogs/${code}/import`, headers: { "content-type": XLSX_MIME }, payload: catalogFile };
    case "GET /api/forms/catalogs/:code/export.xlsx":
      return { method: "GET", url: `/api/forms/catalogs/${code}/export.xlsx` };
    case "POST /api/forms/upload":
      return { method: "POST", url: "/api/forms/upload", query: { burdenId }, headers: { "content-type": XLSX_MIME }, payload: file };
    case "GET /api/forms/:id":
      return { method: "GET", url: `/api/forms/${form.id}` };
    case "PUT /api/forms/:id/mapping":
      return { method: "PUT", url: `/api/forms/${form.id}/mapping`, payload: { fields: [{ position: 9, role: "ignore" }] } };
    case "GET /api/forms/:id/classification":
      return { method: "GET", url: `/api/forms/${form.id}/classification` };
    case "GET /api/forms/:id/export.xlsx":
      return { method: "GET", url: `/api/forms/${form.id}/export.xlsx` };
    case "GET /api/forms/one-table/:code":
      return { method: "GET", url: `/api/forms/one-table/${code}` };
    case "PUT /api/forms/one-table/:code/draft":
      return { method: "PUT", url: `/api/forms/one-table/${code}/draft`, payload: { values: [{ ...question, value: "1" }] } };
    case "PUT /api/forms/data":
      return { method: "PUT", url: "/api/forms/data", payload: { indicatorId: land, unitCode: "230524100200", periodKey: "2026", value: String(15000 + ++n), reason: "权限矩阵测试" } };
    case "GET /api/forms/figures":
      return { method: "GET", url: "/api/forms/figures" };
    case "GET /api/forms/catalogs/:code/checks":
      return { method: "GET", url: `/api/forms/catalogs/${code}/checks`, query: { periodKey: "2026" } };
    case "POST /api/forms/one-table/:code/submit":
      return { method: "POST", url: `/api/forms/one-table/${code}/submit`, payload: { idempotencyKey: `grid-key-${++n}`, values: [{ ...question, value: "10" }] } };
  }
}

describe("一表通 authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});
