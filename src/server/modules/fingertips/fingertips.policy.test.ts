import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { chinaToday } from "../../kernel/dates.js";
import { DENY, gridRows, NEW, OK, type GridCells, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";

/**
 * Who may do what in 指尖减负, 挂牌清理 and 评比创建清单: role × endpoint × target → status [code].
 * Writes that change state (a decision) act on a fresh item per cell, made by the office beforehand.
 */
const UNIT = "404 UNIT_NOT_FOUND";
const CHANNEL = "404 CHANNEL_NOT_FOUND";
const PLAQUE = "404 PLAQUE_NOT_FOUND";
const REQUEST = "404 EVALUATION_REQUEST_NOT_FOUND";
const ROWS_BAD = "400 EXCEL_INVALID";

type Endpoint =
  | "GET /api/fingertips/load"
  | "GET /api/fingertips/merge-proposals"
  | "GET /api/fingertips/export.xlsx"
  | "POST /api/fingertips"
  | "POST /api/fingertips/:id/decision"
  | "POST /api/fingertips/:id/undo"
  | "POST /api/fingertips/:id/members"
  | "GET /api/fingertips/cadres"
  | "POST /api/evaluations/withdraw"
  | "POST /api/fingertips/import"
  | "POST /api/plaques"
  | "POST /api/plaques/allowed"
  | "POST /api/plaques/:id/photo"
  | "GET /api/plaques/counts"
  | "POST /api/evaluations/requests"
  | "POST /api/evaluations/requests/:id/decision"
  | "GET /api/evaluations";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, GridCells>> = {
  //                                          village town    dept    office  jiwei   rAdmin  admin   aOffice aTown
  "GET /api/fingertips/load": {
    "(own region)":                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
    "230524100200 饶河村委会":                 [OK,     OK,     OK,     OK,     OK,     OK,     OK,     UNIT,   UNIT],
    "230524101200 佳平村委会":                 [UNIT,   UNIT,   OK,     OK,     OK,     OK,     OK,     UNIT,   UNIT],
  },
  "GET /api/fingertips/merge-proposals": {
    "(own region)":                           [DENY,   DENY,   DENY,   OK,     OK,     OK,     OK,     OK,     DENY],
  },
  "GET /api/fingertips/export.xlsx": {
    "(own region)":                           [DENY,   OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
  },
  "POST /api/fingertips": {
    "230524D01 农业农村局 (owner)":            [DENY,   DENY,   NEW,    NEW,    DENY,   DENY,   DENY,   DENY,   DENY],
    "230524100000 饶河镇 (owner)":             [DENY,   NEW,    DENY,   NEW,    DENY,   DENY,   DENY,   DENY,   DENY],
  },
  "POST /api/fingertips/:id/decision": {
    "a group of 农业农村局 to 饶河镇":          [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   CHANNEL, CHANNEL],
  },
  "POST /api/fingertips/:id/undo": {
    "a closed group of 农业农村局 to 饶河镇":    [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   CHANNEL, CHANNEL],
  },
  "POST /api/fingertips/:id/members": {
    "a group of 农业农村局 to 饶河镇":          [DENY,   DENY,   NEW,    NEW,    DENY,   DENY,   DENY,   CHANNEL, CHANNEL],
  },
  "GET /api/fingertips/cadres": {
    "(own region)":                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
    "230524100200 饶河村委会":                 [OK,     OK,     OK,     OK,     OK,     OK,     OK,     UNIT,   UNIT],
  },
  "POST /api/evaluations/withdraw": {
    "an approved item of 农业农村局":           [DENY,   DENY,   DENY,   OK,     DENY,   DENY,   DENY,   "404 EVALUATION_NOT_ON_LIST", DENY],
  },
  "POST /api/fingertips/import": {
    "a sheet of 民政局's groups":               [DENY,   DENY,   DENY,   NEW,    DENY,   DENY,   DENY,   ROWS_BAD, DENY],
  },
  "POST /api/plaques": {
    "230524100200 饶河村委会":                 [NEW,    NEW,    DENY,   NEW,    DENY,   DENY,   DENY,   UNIT,   UNIT],
    "230524101200 佳平村委会":                 [UNIT,   UNIT,   DENY,   NEW,    DENY,   DENY,   DENY,   UNIT,   UNIT],
  },
  "POST /api/plaques/allowed": {
    "230524 饶河县":                           [DENY,   DENY,   DENY,   NEW,    DENY,   DENY,   DENY,   DENY,   DENY],
  },
  "POST /api/plaques/:id/photo": {
    "a plaque of 饶河村委会":                   [OK,     OK,     DENY,   OK,     DENY,   DENY,   DENY,   PLAQUE, PLAQUE],
  },
  "GET /api/plaques/counts": {
    "(own region)":                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
  },
  "POST /api/evaluations/requests": {
    "230524D01 农业农村局 (issuer)":            [DENY,   DENY,   NEW,    NEW,    DENY,   DENY,   DENY,   DENY,   DENY],
  },
  "POST /api/evaluations/requests/:id/decision": {
    "a request of 农业农村局":                  [REQUEST, REQUEST, DENY,  OK,     DENY,   DENY,   DENY,   REQUEST, REQUEST],
  },
  "GET /api/evaluations": {
    "(own region)":                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

let ctx: TestContext;
let grid: GridSessions;
let sheet: Buffer;
let plaqueId: string;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"), Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0xff, 0xd9])]);
let serial = 0;

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(["名称", "类型", "平台", "主办单位编码", "面向单位编码", "面向人员", "工作要求", "每人每周分钟"]);
  ws.addRow(["民政低保核查群", "工作群", "微信", "230524D03", "230524", "村干部", "上传照片", 20]);
  sheet = Buffer.from(await wb.xlsx.writeBuffer());
  const p = await grid.of("raohe_office").request({ method: "POST", url: "/api/plaques", payload: { villageCode: "230524100200", name: "饶河村综治中心" } });
  plaqueId = p.json().id as string;
});
afterAll(async () => ctx?.close());

const codeOf = (target: string) => target.split(" ")[0]!;

async function requestFor(row: Row): Promise<InjectOptions> {
  const office = grid.of("raohe_office");
  const n = ++serial;
  switch (row.endpoint) {
    case "GET /api/fingertips/load":
      return { method: "GET", url: "/api/fingertips/load", query: row.target.startsWith("(") ? {} : { under: codeOf(row.target) } };
    case "GET /api/fingertips/merge-proposals":
    case "GET /api/fingertips/export.xlsx":
      return { method: "GET", url: row.endpoint.slice(4) };
    case "POST /api/fingertips":
      return { method: "POST", url: "/api/fingertips", payload: { name: `矩阵测试群${n}`, kind: "workgroup", ownerUnit: codeOf(row.target), audienceUnits: ["230524100000"], audienceRoles: ["village_cadre"], demands: [], minutesPerWeek: 10 } };
    case "POST /api/fingertips/:id/decision": {
      const made = await office.request({ method: "POST", url: "/api/fingertips", payload: { name: `待关停群${n}`, kind: "workgroup", ownerUnit: "230524D01", audienceUnits: ["230524100000"], audienceRoles: ["village_cadre"], minutesPerWeek: 10 } });
      return { method: "POST", url: `/api/fingertips/${made.json().id}/decision`, payload: { action: "close", reason: "权限矩阵测试" } };
    }
    case "POST /api/fingertips/:id/undo": {
      const made = await office.request({ method: "POST", url: "/api/fingertips", payload: { name: `待撤销群${n}`, kind: "workgroup", ownerUnit: "230524D01", audienceUnits: ["230524100000"], audienceRoles: ["village_cadre"], minutesPerWeek: 10 } });
      await office.request({ method: "POST", url: `/api/fingertips/${made.json().id}/decision`, payload: { action: "close", reason: "权限矩阵测试" } });
      return { method: "POST", url: `/api/fingertips/${made.json().id}/undo`, payload: { reason: "权限矩阵测试撤销" } };
    }
    case "POST /api/fingertips/:id/members": {
      const made = await office.request({ method: "POST", url: "/api/fingertips", payload: { name: `成员群${n}`, kind: "workgroup", ownerUnit: "230524D01", audienceUnits: ["230524100000"], audienceRoles: ["village_cadre"], minutesPerWeek: 10 } });
      return { method: "POST", url: `/api/fingertips/${made.json().id}/members`, payload: { usernames: ["raohe_village"] } };
    }
    case "GET /api/fingertips/cadres":
      return { method: "GET", url: "/api/fingertips/cadres", query: row.target.startsWith("(") ? {} : { under: codeOf(row.target) } };
    case "POST /api/evaluations/withdraw": {
      const year = Number(chinaToday().slice(0, 4));
      const made = await office.request({ method: "POST", url: "/api/evaluations/requests", payload: { issuer: "230524D01", year, title: `待撤出评比${n}`, category: "commendation", reason: "权限矩阵测试" } });
      await office.request({ method: "POST", url: `/api/evaluations/requests/${made.json().id}/decision`, payload: { decision: "approve", reason: "权限矩阵测试", approvalCode: `矩阵-${n}` } });
      return { method: "POST", url: "/api/evaluations/withdraw", payload: { year, code: `矩阵-${n}`, reason: "权限矩阵测试撤出" } };
    }
    case "POST /api/fingertips/import":
      return { method: "POST", url: "/api/fingertips/import", headers: { "content-type": XLSX_MIME }, payload: sheet };
    case "POST /api/plaques":
      return { method: "POST", url: "/api/plaques", payload: { villageCode: codeOf(row.target), name: "平安示范村" } };
    case "POST /api/plaques/allowed":
      return { method: "POST", url: "/api/plaques/allowed", payload: { regionCode: codeOf(row.target), items: [{ name: `准挂牌子${n}` }] } };
    case "POST /api/plaques/:id/photo":
      return { method: "POST", url: `/api/plaques/${plaqueId}/photo`, headers: { "content-type": "image/jpeg" }, payload: jpeg };
    case "GET /api/plaques/counts":
      return { method: "GET", url: "/api/plaques/counts" };
    case "POST /api/evaluations/requests":
      return { method: "POST", url: "/api/evaluations/requests", payload: { issuer: codeOf(row.target), year: Number(chinaToday().slice(0, 4)), title: `矩阵测试评比${n}`, category: "commendation", reason: "权限矩阵测试" } };
    case "POST /api/evaluations/requests/:id/decision": {
      const made = await office.request({ method: "POST", url: "/api/evaluations/requests", payload: { issuer: "230524D01", year: Number(chinaToday().slice(0, 4)), title: `待审评比${n}`, category: "commendation", reason: "权限矩阵测试" } });
      return { method: "POST", url: `/api/evaluations/requests/${made.json().id}/decision`, payload: { decision: "reject", reason: "权限矩阵测试" } };
    }
    case "GET /api/evaluations":
      return { method: "GET", url: "/api/evaluations", query: { year: chinaToday().slice(0, 4) } };
  }
}

describe("fingertips, plaques and evaluations authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});
