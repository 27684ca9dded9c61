import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { buildXlsx } from "../duties/excel/fixtures.js";
import { DENY, gridRows, NEW, OK, OUT, type GridCells, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";

/**
 * Who may do what with the registers of issue 6: meetings 会议台账, the annual inspection plan 督检考计划
 * and ranking notices 排名通报 (meetings/policy.ts, inspection-plans/registry.ts planPolicy,
 * rankings/registry.ts rankingPolicy): role × endpoint × target → status [code].
 */
type Cells = GridCells;
const NOT_ISSUER = "403 NOT_ISSUER";
const NO_UNIT = "404 UNIT_NOT_FOUND";
const BAD_ROWS = "400 EXCEL_INVALID";
const NO_ITEM = "404 PLAN_ITEM_NOT_FOUND";
const NO_RANKING = "404 RANKING_NOT_FOUND";
const SEES = "200 some";
const NONE = "200 none";

type Endpoint =
  | "GET /api/meetings"
  | "GET /api/meetings/hours"
  | "PUT /api/meetings/caps/:region"
  | "POST /api/meetings/import"
  | "GET /api/inspection-plans"
  | "POST /api/inspection-plans"
  | "POST /api/inspection-plans/:id/decide"
  | "POST /api/rankings"
  | "POST /api/rankings/:id/cancel"
  | "GET /api/rankings/counts";

// prettier-ignore
const GRID: Record<Endpoint, Record<string, Cells>> = {
  //                                        village     town        dept        office      jiwei       rAdmin      admin       aOffice     aTown
  "GET /api/meetings": {
    "this year":                           [OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK],
  },
  "GET /api/meetings/hours": {
    "230524 饶河县":                        [NO_UNIT,    NO_UNIT,    OK,         OK,         OK,         OK,         OK,         NO_UNIT,    NO_UNIT],
    "230524100000 饶河镇":                  [NO_UNIT,    OK,         OK,         OK,         OK,         OK,         OK,         NO_UNIT,    NO_UNIT],
  },
  "PUT /api/meetings/caps/:region": {
    "230524 饶河县":                        [OUT,        OUT,        OUT,        OK,         OUT,        OUT,        OUT,        OUT,        OUT],
  },
  "POST /api/meetings/import": {
    "a meeting of 230524D01":               [DENY,       BAD_ROWS,   NEW,        NEW,        DENY,       DENY,       DENY,       BAD_ROWS,   BAD_ROWS],
  },
  "GET /api/inspection-plans": {
    "this year":                           [NONE,       NONE,       SEES,       SEES,       SEES,       SEES,       SEES,       NONE,       NONE],
  },
  "POST /api/inspection-plans": {
    "an item of 230524D01":                 [NOT_ISSUER, NOT_ISSUER, NEW,        NEW,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER],
  },
  "POST /api/inspection-plans/:id/decide": {
    "an item of 230524D01":                 [NO_ITEM,    NO_ITEM,    DENY,       OK,         DENY,       DENY,       DENY,       NO_ITEM,    NO_ITEM],
  },
  "POST /api/rankings": {
    "a notice of 230524D01":                [NOT_ISSUER, NOT_ISSUER, NEW,        NEW,        NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER, NOT_ISSUER],
  },
  "POST /api/rankings/:id/cancel": {
    "a notice of 230524D01":                [NO_RANKING, NO_RANKING, DENY,       OK,         DENY,       DENY,       DENY,       NO_RANKING, NO_RANKING],
  },
  "GET /api/rankings/counts": {
    "this year":                           [OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK],
  },
};

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(GRID);

const today = chinaToday();
const year = Number(today.slice(0, 4));
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let ctx: TestContext;
let grid: GridSessions;
let serial = 0;
let meetingFile: Buffer;
const planItem = () => ({ department: "230524D01", year, title: `权限矩阵测试检查 ${++serial}`, targets: ["230524100000"], month: 12, comprehensive: false });
const ranking = () => ({ kind: "ranking_notice", issuer: "230524D01", year, title: `权限矩阵测试排名通报 ${++serial}`, targets: ["230524100000"], indicatorCount: 3, ranked: "工作进度" });

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const date = addDays(today, 20);
  meetingFile = await buildXlsx([
    {
      rows: [
        ["会议名称", "召开单位代码", "召开日期", "参会对象", "会议时长（分钟）", "每单位参会人数", "形式"],
        ["农业农村系统冬季安全生产视频会", "230524D01", date, "230524100000", 45, 1, "视频"],
      ],
    },
  ]);
  // Something for the plan list to show.
  const res = await grid.of("raohe_nyncj").request({ method: "POST", url: "/api/inspection-plans", payload: planItem() });
  if (res.statusCode !== 201) throw new Error(res.body);
});
afterAll(async () => ctx?.close());

async function requestFor(row: Row): Promise<InjectOptions> {
  const first = row.target.split(" ")[0]!;
  const dept = grid.of("raohe_nyncj");
  switch (row.endpoint) {
    case "GET /api/meetings":
      return { method: "GET", url: `/api/meetings?year=${year}` };
    case "GET /api/meetings/hours":
      return { method: "GET", url: `/api/meetings/hours?unit=${first}&year=${year}` };
    case "PUT /api/meetings/caps/:region":
      return { method: "PUT", url: `/api/meetings/caps/${first}`, payload: { perSystemPerYear: 12 } };
    case "POST /api/meetings/import":
      return { method: "POST", url: "/api/meetings/import", payload: meetingFile, headers: { "content-type": XLSX } };
    case "GET /api/inspection-plans":
      return { method: "GET", url: `/api/inspection-plans?year=${year}` };
    case "POST /api/inspection-plans":
      return { method: "POST", url: "/api/inspection-plans", payload: planItem() };
    case "POST /api/inspection-plans/:id/decide": {
      const id = (await dept.request({ method: "POST", url: "/api/inspection-plans", payload: planItem() })).json().id as string;
      return { method: "POST", url: `/api/inspection-plans/${id}/decide`, payload: { decision: "reject", reason: "权限矩阵测试" } };
    }
    case "POST /api/rankings":
      return { method: "POST", url: "/api/rankings", payload: ranking() };
    case "POST /api/rankings/:id/cancel": {
      const id = (await dept.request({ method: "POST", url: "/api/rankings", payload: ranking() })).json().id as string;
      return { method: "POST", url: `/api/rankings/${id}/cancel`, payload: { reason: "权限矩阵测试取消" } };
    }
    case "GET /api/rankings/counts":
      return { method: "GET", url: `/api/rankings/counts?year=${year}` };
  }
}

describe("issue 6 registers: authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.endpoint === "GET /api/inspection-plans" && row.expectedStatus === 200) expect(res.json().items.length > 0 ? "some" : "none").toBe(row.expectedCode);
    else if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});
