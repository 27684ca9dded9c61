import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OK, NEW, DENY, OUT, type GridCells, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import type { InjectOptions } from "fastify";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { buildXlsx, HEADER } from "./excel/fixtures.js";

/**
 * Who may read and keep which duty list. Each grid row is one target unit; its cells are the answers
 * for the roles in COLUMNS, in order (role × endpoint × target → status [code]). Writes take effect in
 * 2030 so they do not change what the other rows read.
 */
type Cells = GridCells;

const HIDDEN = "404 UNIT_NOT_FOUND"; // exists or not, the answer is the same
const NONE = "404 DUTY_LIST_NOT_FOUND";
const LEVEL = "400 DUTY_WRONG_LEVEL";

type Endpoint =
  | "GET /api/duties/:code"
  | "GET /api/duties/:code/versions"
  | "GET /api/duties/:code/export.xlsx"
  | "POST /api/duties/:code/template"
  | "POST /api/duties/:code/differences"
  | "POST /api/duties/:code/import";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, Cells>> = {
  //                                            village town    dept    office  jiwei   rAdmin  admin   aOffice aTown
  "GET /api/duties/:code": {
    "230524 饶河县 (template)":                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524100000 饶河镇":                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101000 小佳河镇 (sibling township)":   [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524400000 小佳河林场 (no list)":          [HIDDEN, HIDDEN, NONE,   NONE,   NONE,   NONE,   NONE,   HIDDEN, HIDDEN],
    "230524100200 饶河村委会 (a village)":        [LEVEL,  LEVEL,  LEVEL,  LEVEL,  LEVEL,  LEVEL,  LEVEL,  HIDDEN, HIDDEN],
    "653001 阿图什市 (no list)":                  [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, NONE,   NONE,   NONE],
    "230524999000 (no such unit)":                [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
  },
  "GET /api/duties/:code/versions": {
    "230524100000 饶河镇":                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101000 小佳河镇":                      [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "653001100000 上阿图什镇":                    [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK,     OK,     OK],
  },
  "GET /api/duties/:code/export.xlsx": {
    "230524100000 饶河镇":                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
    "230524101000 小佳河镇":                      [HIDDEN, HIDDEN, OK,     OK,     OK,     OK,     OK,     HIDDEN, HIDDEN],
  },
  "POST /api/duties/:code/template": {
    "230524 饶河县":                              [DENY,   DENY,   DENY,   NEW,    DENY,   NEW,    NEW,    HIDDEN, HIDDEN],
    "230500 双鸭山市 (above the county)":         [DENY,   DENY,   DENY,   OUT,    DENY,   OUT,    NEW,    HIDDEN, HIDDEN],
    "230524100000 饶河镇 (a township)":           [DENY,   DENY,   DENY,   LEVEL,  DENY,   LEVEL,  LEVEL,  HIDDEN, HIDDEN],
    "653001 阿图什市":                            [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, NEW,    NEW,    DENY],
  },
  "POST /api/duties/:code/differences": {
    "230524100000 饶河镇":                        [DENY,   DENY,   DENY,   NEW,    DENY,   NEW,    NEW,    HIDDEN, HIDDEN],
    "230524101000 小佳河镇":                      [HIDDEN, HIDDEN, DENY,   NEW,    DENY,   NEW,    NEW,    HIDDEN, HIDDEN],
    "230524 饶河县 (a county)":                   [DENY,   DENY,   DENY,   LEVEL,  DENY,   LEVEL,  LEVEL,  HIDDEN, HIDDEN],
  },
  "POST /api/duties/:code/import": {
    "230524101000 小佳河镇":                      [HIDDEN, HIDDEN, DENY,   NEW,    DENY,   NEW,    NEW,    HIDDEN, HIDDEN],
    "653001100000 上阿图什镇":                    [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, NEW,    NEW,    DENY],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let xlsx: Buffer;
let grid: GridSessions;

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  xlsx = await buildXlsx([{ rows: [HEADER, [1, "林长制巡林护林", "基本履职事项", "《中华人民共和国森林法》", null, null]] }]);
});
afterAll(async () => ctx?.close());

const codeOf = (target: string) => target.split(" ")[0]!;
const LATER = { reason: "权限矩阵测试", effectiveFrom: "2030-01-01" };

function requestFor(row: Row): InjectOptions {
  const code = codeOf(row.target);
  switch (row.endpoint) {
    case "GET /api/duties/:code":
      return { method: "GET", url: `/api/duties/${code}`, query: { on: "2026-11-02" } };
    case "GET /api/duties/:code/versions":
      return { method: "GET", url: `/api/duties/${code}/versions` };
    case "GET /api/duties/:code/export.xlsx":
      return { method: "GET", url: `/api/duties/${code}/export.xlsx`, query: { on: "2026-11-02" } };
    case "POST /api/duties/:code/template":
      return { method: "POST", url: `/api/duties/${code}/template`, payload: { ...LATER, items: [{ part: "basic", name: "林长制巡林护林" }] } };
    case "POST /api/duties/:code/differences":
      return { method: "POST", url: `/api/duties/${code}/differences`, payload: LATER };
    case "POST /api/duties/:code/import":
      return { method: "POST", url: `/api/duties/${code}/import`, query: LATER, headers: { "content-type": XLSX_MIME }, payload: xlsx };
  }
}

describe("duty-list authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
    if (row.expectedStatus === 200 && row.endpoint === "GET /api/duties/:code") expect(res.json().unit.code).toBe(codeOf(row.target));
    if (row.expectedStatus === 201) expect(res.json().version.unitCode).toBe(codeOf(row.target));
  });
});
