import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { addRegisterEntries } from "../burdens/gate/settings.js";
import { buildXlsx } from "../duties/excel/fixtures.js";
import { getUnit } from "../org/units.js";
import { DENY, gridRows, NEW, OK, OUT, type GridCells, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";

/**
 * Who may do what with the registers of issue 6: meetings 会议台账, the annual inspection plan 督检考计划
 * and its withdrawal 撤回, ranking notices 排名通报, the withdrawal of an approved evaluation 评比创建撤出清单,
 * the acceptance of a joint visit 联合检查 (meetings/policy.ts, inspection-plans/registry.ts planPolicy,
 * rankings/registry.ts rankingPolicy, evaluations/policy.ts, burdens/inspection-visits.ts), and their Excel
 * sheets; the secondments' hours 借调占用工时; and the list of proofs villages may issue, entry by entry (proofs/policy.ts):
 * role × endpoint × target → status [code].
 */
type Cells = GridCells;
const NOT_ISSUER = "403 NOT_ISSUER";
const NO_UNIT = "404 UNIT_NOT_FOUND";
const BAD_ROWS = "400 EXCEL_INVALID";
const NO_ITEM = "404 PLAN_ITEM_NOT_FOUND";
const NO_RANKING = "404 RANKING_NOT_FOUND";
const NOT_ON_LIST = "404 EVALUATION_NOT_ON_LIST";
const NO_PROOF = "404 PROOF_LIST_NOT_FOUND";
const SET_ABOVE = "403 PROOF_LIST_SET_ABOVE";
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
  | "POST /api/inspection-plans/:id/withdraw"
  | "POST /api/evaluations/withdraw"
  | "POST /api/inspections/visits"
  | "POST /api/rankings"
  | "POST /api/rankings/:id/cancel"
  | "GET /api/rankings/counts"
  | "GET /api/secondments/hours"
  | "GET /api/inspections/merge-proposals/export.xlsx"
  | "GET /api/inspections/visits/export.xlsx"
  | "GET /api/fingertips/merge-proposals/export.xlsx"
  | "GET /api/evaluations/requests/export.xlsx"
  | "POST /api/evaluations/requests/import.xlsx"
  | "POST /api/proofs/list"
  | "POST /api/proofs/list/withdraw";

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
  "POST /api/inspection-plans/:id/withdraw": {
    "an approved item of 230524D01":        [NO_ITEM,    NO_ITEM,    DENY,       OK,         DENY,       DENY,       DENY,       NO_ITEM,    NO_ITEM],
  },
  "POST /api/evaluations/withdraw": {
    "an approved evaluation of 230524D01":  [DENY,       DENY,       DENY,       OK,         DENY,       DENY,       DENY,       NOT_ON_LIST, DENY],
  },
  // One pair of inspections for every row: only the office's row records the visit, and every other
  // caller is turned away before the pair is looked at, so a row after the office's still tests its right.
  "POST /api/inspections/visits": {
    "two admitted inspections of 230524100000": [DENY,   DENY,       DENY,       NEW,        DENY,       DENY,       DENY,       DENY,       DENY],
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
  // Each reads the secondments its region holds (as borrower or lender); what another region sees is tested in secondments.api.test.ts.
  "GET /api/secondments/hours": {
    "this year":                           [OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK],
  },
  "GET /api/inspections/merge-proposals/export.xlsx": {
    "next year's second quarter":          [DENY,       DENY,       DENY,       OK,         OK,         OK,         OK,         OK,         DENY],
  },
  "GET /api/inspections/visits/export.xlsx": {
    "next year's second quarter":          [DENY,       DENY,       DENY,       OK,         OK,         OK,         OK,         OK,         DENY],
  },
  "GET /api/fingertips/merge-proposals/export.xlsx": {
    "the region's":                        [DENY,       DENY,       DENY,       OK,         OK,         OK,         OK,         OK,         DENY],
  },
  "GET /api/evaluations/requests/export.xlsx": {
    "this year":                           [OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK,         OK],
  },
  // A township or the other region's office may ask, but not in 县农业农村局's name: the row is refused where it stands.
  "POST /api/evaluations/requests/import.xlsx": {
    "a request of 230524D01":              [DENY,       BAD_ROWS,   NEW,        NEW,        DENY,       DENY,       DENY,       BAD_ROWS,   BAD_ROWS],
  },
  "POST /api/proofs/list": {
    "an entry of 230524's list":           [DENY,       DENY,       DENY,       NEW,        DENY,       DENY,       DENY,       NO_UNIT,    DENY],
  },
  // 黑龙江省's entry: Raohe's office sees it on its list and is told it is not its to withdraw; the other region never sees it.
  "POST /api/proofs/list/withdraw": {
    "an entry set by 230000 (above)":      [DENY,       DENY,       DENY,       SET_ABOVE,  DENY,       DENY,       DENY,       NO_PROOF,   DENY],
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
let requestFile: Buffer;
const planItem = () => ({ department: "230524D01", year, title: `权限矩阵测试检查 ${++serial}`, targets: ["230524100000"], month: 12, comprehensive: false });
const evaluation = () => ({ issuer: "230524D01", year, title: `权限矩阵测试评比 ${++serial}`, category: "commendation", reason: "权限矩阵测试：撤出清单" });
/** Next year's second quarter, always ahead whatever today is: the joint visit's inspections fall in it. */
const visitYear = year + 1;
let inspections: string[] = [];
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
  inspections = [await admittedInspection("raohe_nyncj", "230524D01", 10), await admittedInspection("raohe_office", "230524D03", 40)];
  requestFile = await buildXlsx([{ rows: [["年度", "主办单位", "项目名称", "类别", "申请理由"], [year, "230524D01", "权限矩阵测试评比（导入）", "评比表彰", "权限矩阵测试：导入申请"]] }]);
  const province = await getUnit(ctx.db, "230000");
  await addRegisterEntries(ctx.db, { actor: null, region: province!, year, register: "allowed_proof", entries: [{ code: "GRID-HLJ-01", title: "权限矩阵测试省级保留证明" }] });
});

/** An inspection of 饶河镇 admitted by the gate (planned, so UNPLANNED_INSPECTION lets it through; the office admits one sent to review, and may issue in a department's name). */
async function admittedInspection(user: "raohe_nyncj" | "raohe_office", issuer: string, day: number): Promise<string> {
  const office = grid.of("raohe_office");
  const plan = await office.request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year: visitYear, register: "inspection_plan", entries: [{ code: "JC-GRID", title: "权限矩阵测试检查计划" }] } });
  if (plan.statusCode >= 300) throw new Error(plan.body);
  const date = addDays(`${visitYear}-04-01`, day);
  const title = `权限矩阵联合检查测试 ${issuer}`;
  const body = { kind: "inspection", issuer, targets: ["230524100000"], title, text: `${title}，现场查看工作开展情况。`, issuedOn: addDays(date, -20), deadline: date, frequency: "once", minutesPerTarget: 120, details: { comprehensive: false, onSite: true, planItemCode: "JC-GRID" } };
  const session = grid.of(user);
  const created = await session.request({ method: "POST", url: "/api/burdens", payload: body });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  let status = (await session.request({ method: "POST", url: `/api/burdens/${id}/submit` })).json().status as string;
  if (status === "in_review") status = (await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "权限矩阵测试：同意开展" } })).json().status as string;
  if (status !== "admitted") throw new Error(`inspection ${id} is ${status}`);
  return id;
}
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
    case "POST /api/inspection-plans/:id/withdraw": {
      const id = (await dept.request({ method: "POST", url: "/api/inspection-plans", payload: planItem() })).json().id as string;
      const approved = await grid.of("raohe_office").request({ method: "POST", url: `/api/inspection-plans/${id}/decide`, payload: { decision: "approve", reason: "权限矩阵测试批准" } });
      if (approved.statusCode !== 200) throw new Error(approved.body);
      return { method: "POST", url: `/api/inspection-plans/${id}/withdraw`, payload: { reason: "权限矩阵测试撤回" } };
    }
    case "POST /api/evaluations/withdraw": {
      const id = (await dept.request({ method: "POST", url: "/api/evaluations/requests", payload: evaluation() })).json().id as string;
      const code = `GRID-PJ-${serial}`;
      const approved = await grid.of("raohe_office").request({ method: "POST", url: `/api/evaluations/requests/${id}/decision`, payload: { decision: "approve", reason: "权限矩阵测试批准", approvalCode: code } });
      if (approved.statusCode !== 200) throw new Error(approved.body);
      return { method: "POST", url: "/api/evaluations/withdraw", payload: { year, code, reason: "权限矩阵测试撤出" } };
    }
    case "POST /api/inspections/visits":
      return { method: "POST", url: "/api/inspections/visits", payload: { townshipCode: "230524100000", inspections, visitOn: `${visitYear}-05-20` } };
    case "POST /api/rankings":
      return { method: "POST", url: "/api/rankings", payload: ranking() };
    case "POST /api/rankings/:id/cancel": {
      const id = (await dept.request({ method: "POST", url: "/api/rankings", payload: ranking() })).json().id as string;
      return { method: "POST", url: `/api/rankings/${id}/cancel`, payload: { reason: "权限矩阵测试取消" } };
    }
    case "GET /api/rankings/counts":
      return { method: "GET", url: `/api/rankings/counts?year=${year}` };
    case "GET /api/secondments/hours":
      return { method: "GET", url: `/api/secondments/hours?year=${year}` };
    case "GET /api/inspections/merge-proposals/export.xlsx":
      return { method: "GET", url: `/api/inspections/merge-proposals/export.xlsx?year=${visitYear}&quarter=2` };
    case "GET /api/inspections/visits/export.xlsx":
      return { method: "GET", url: `/api/inspections/visits/export.xlsx?year=${visitYear}&quarter=2` };
    case "GET /api/fingertips/merge-proposals/export.xlsx":
      return { method: "GET", url: "/api/fingertips/merge-proposals/export.xlsx" };
    case "GET /api/evaluations/requests/export.xlsx":
      return { method: "GET", url: `/api/evaluations/requests/export.xlsx?year=${year}` };
    case "POST /api/evaluations/requests/import.xlsx":
      return { method: "POST", url: "/api/evaluations/requests/import.xlsx", payload: requestFile, headers: { "content-type": XLSX } };
    case "POST /api/proofs/list":
      return { method: "POST", url: "/api/proofs/list", payload: { regionCode: "230524", year, code: `GRID-ZM-${++serial}`, title: "权限矩阵测试证明" } };
    case "POST /api/proofs/list/withdraw":
      return { method: "POST", url: "/api/proofs/list/withdraw", payload: { year, code: "GRID-HLJ-01", reason: "权限矩阵测试撤出" } };
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
