import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { XLSX_MIME } from "../../../contracts/duties.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { periodOf, shiftPeriod } from "../../kernel/periods.js";
import { DENY, gridRows, NEW, OK, OUT, type GridCells, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type Session, type TestContext } from "../../test/harness.js";

/**
 * Who may do what with facilities, projects and delegated powers (facilities/policy.ts,
 * powers/versions.ts powerPolicy). Role × endpoint → status [code]. The facility stands in 饶河村
 * (of 饶河镇); the projects are 饶河镇's; the power list is 饶河县's.
 */
const NOF = "404 FACILITY_NOT_FOUND";
const NOP = "404 PROJECT_NOT_FOUND";
const NOU = "404 UNIT_NOT_FOUND";
/** An import names the rows the caller may not record (a 400 naming the row, like any bad row). */
const BADX = "400 EXCEL_INVALID";

// prettier-ignore
const GRID: Record<string, Record<string, GridCells>> = {
  //                                        village  town   dept   office jiwei  rAdmin admin  aOffice aTown
  "GET /api/facilities/:id":               { "饶河村农家书屋": [OK,     OK,    OK,    OK,    OK,    OK,    OK,    NOF,    NOF] },
  "POST /api/facilities":                  { "饶河村 230524100200": [OUT,    NEW,   OUT,   NEW,   OUT,   OUT,   OUT,   OUT,    OUT] },
  "POST /api/facilities/:id/use-reports":  { "饶河村农家书屋": [OK,     OK,    DENY,  OK,    DENY,  DENY,  DENY,  NOF,    NOF] },
  "PUT /api/facilities/rules":             { "饶河县 230524": [OUT,    OUT,   OUT,   OK,    OUT,   OUT,   OUT,   OUT,    OUT] },
  "GET /api/facilities/unit-summary":      { "饶河镇 230524100000": [NOU,    OK,    OK,    OK,    OK,    OK,    OK,    NOU,    NOU] },
  "GET /api/projects/:id":                 { "饶河镇的项目": [NOP,    OK,    OK,    OK,    OK,    OK,    OK,    NOP,    NOP] },
  "POST /api/projects":                    { "饶河镇 230524100000": [OUT,    NEW,   OUT,   NEW,   OUT,   OUT,   OUT,   OUT,    OUT] },
  "POST /api/projects/:id/flags/:code/case": { "饶河镇的项目 DEBT_WITHOUT_STUDY": [NOP,  DENY,  DENY,  NEW,   NEW,   DENY,  DENY,  NOP,    NOP] },
  "GET /api/powers/:county":               { "饶河县 230524": [OK,     OK,    OK,    OK,    OK,    OK,    OK,    OUT,    OUT] },
  "POST /api/powers/exercises":            { "饶河镇 P001": [OUT,    NEW,   OUT,   NEW,   OUT,   OUT,   OUT,   OUT,    OUT] },
  "GET /api/powers/usage":                 { "own region": [OK,     OK,    OK,    OK,    OK,    OK,    OK,    OK,     OK] },
  "POST /api/facilities/:id/flags/:code/case": { "闲置的饶河村农家书屋 IDLE": [DENY, DENY,  DENY,  NEW,   NEW,   DENY,  DENY,  NOF,    NOF] },
  "GET /api/facilities/unit-months":       { "饶河镇 230524100000": [NOU,    OK,    OK,    OK,    OK,    OK,    OK,    NOU,    NOU] },
  "GET /api/powers/townships/:code":       { "饶河镇 230524100000": [OK,     OK,    OK,    OK,    OK,    OK,    OK,    OUT,    OUT] },
  "POST /api/powers/townships/:code/differences": { "饶河镇 230524100000": [OUT, OUT, OUT,   NEW,   OUT,   OUT,   OUT,   OUT,    OUT] },
  "GET /api/powers/exercises":             { "own region": [OK,     OK,    OK,    OK,    OK,    OK,    OK,    OK,     OK] },
  "POST /api/powers/exercises/import":     { "饶河镇 P001 一行": [BADX,   NEW,   BADX,  NEW,   BADX,  BADX,  BADX,  BADX,   BADX] },
  "POST /api/powers/usage/:township/:key/case": { "小佳河镇 一年未行使": [NOU, NOU,  DENY,  NEW,   NEW,   DENY,  DENY,  NOU,    NOU] },
};

type Row = GridRow;
const MATRIX: Row[] = gridRows(GRID);

const today = chinaToday();
const facility = { name: "饶河村农家书屋", kind: "rural_library", unitCode: "230524100200", owner: "县委宣传部", cost: 150000, staffHoursPerWeek: 12, openingHours: "周二 14:00-17:00" };
const project = {
  name: "镇区入口景观牌楼",
  kind: "gate_arch",
  unitCode: "230524100000",
  owner: "饶河镇人民政府",
  status: "building",
  fiscalFunds: 800000,
  debtFunds: 3000000,
  otherFunds: 0,
  hasFeasibilityStudy: false,
  servedPopulation: 3000,
  expectedUsePerYear: 50000,
  useMeasure: "人次",
};

let ctx: TestContext;
let office: Session;
let facilityId = "";
let projectId = "";
let documents = 0;
const idleFacilities = new Map<string, string>();
let grid: GridSessions;

beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  office = grid.of("raohe_office");
  facilityId = (await office.request({ method: "POST", url: "/api/facilities", payload: facility })).json().id;
  projectId = (await office.request({ method: "POST", url: "/api/projects", payload: project })).json().id;
  const list = await office.request({
    method: "POST",
    url: "/api/powers/230524",
    payload: {
      effectiveFrom: addDays(today, -400),
      reason: "向乡镇赋权",
      items: [
        { name: "农村村民宅基地审批", category: "permit", fromDepartment: "县农业农村局" },
        { name: "对违反规定野外用火的行政处罚", category: "penalty", fromDepartment: "县林业和草原局" },
        { name: "对食品摊贩的监督检查", category: "inspection", fromDepartment: "县市场监督管理局" },
      ],
    },
  });
  expect(list.statusCode, list.body).toBe(201);
  // Two idle libraries (six months of 3 visits): one for each role that may turn the flag into a case.
  for (const role of ["raohe_office", "raohe_jiwei"]) {
    const id = (await office.request({ method: "POST", url: "/api/facilities", payload: facility })).json().id as string;
    for (let i = 1; i <= 6; i++) await office.request({ method: "POST", url: `/api/facilities/${id}/use-reports`, payload: { period: shiftPeriod(periodOf(today), -i), visits: 3, events: 0 } });
    idleFacilities.set(role, id);
  }
});
afterAll(async () => ctx?.close());

async function requestFor(row: Row): Promise<InjectOptions> {
  const [method, path] = row.endpoint.split(" ") as ["GET" | "POST" | "PUT", string];
  switch (row.endpoint) {
    case "POST /api/facilities":
      return { method, url: path, payload: facility };
    case "POST /api/facilities/:id/use-reports":
      return { method, url: `/api/facilities/${facilityId}/use-reports`, payload: { period: shiftPeriod(periodOf(today), -1), visits: 5, events: 0 } };
    case "PUT /api/facilities/rules":
      return { method, url: path, payload: { regionCode: "230524", kind: "*", minVisits: 30, periods: 6 } };
    case "GET /api/facilities/unit-summary":
      return { method, url: path, query: { unit: "230524100000" } };
    case "POST /api/projects/:id/flags/:code/case": {
      // Each cell opens its own project's flag: a case once opened cannot be opened again.
      const id = (await office.request({ method: "POST", url: "/api/projects", payload: project })).json().id as string;
      return { method, url: `/api/projects/${id}/flags/DEBT_WITHOUT_STUDY/case` };
    }
    case "POST /api/projects":
      return { method, url: path, payload: project };
    case "POST /api/facilities/:id/flags/:code/case":
      return { method, url: `/api/facilities/${idleFacilities.get(row.role) ?? idleFacilities.get("raohe_office")}/flags/IDLE/case` };
    case "GET /api/facilities/unit-months":
      return { method, url: path, query: { unit: "230524100000", from: shiftPeriod(periodOf(today), -6), to: shiftPeriod(periodOf(today), -1) } };
    case "GET /api/powers/townships/:code":
      return { method, url: "/api/powers/townships/230524100000" };
    case "POST /api/powers/townships/:code/differences":
      return { method, url: "/api/powers/townships/230524100000/differences", payload: { effectiveFrom: today, reason: "饶河镇无林区，不承接野外用火处罚", remove: ["P002"] } };
    case "POST /api/powers/exercises/import":
      return { method, url: path, headers: { "content-type": XLSX_MIME }, payload: await exerciseFile(`饶镇许〔2026〕${++documents}号`) };
    case "POST /api/powers/usage/:township/:key/case":
      // 小佳河镇 never exercised the powers it got 400 days ago; each role that may opens its own.
      return { method, url: `/api/powers/usage/230524101000/${row.role === "raohe_jiwei" ? "P003" : "P002"}/case` };
    case "POST /api/powers/exercises":
      return { method, url: path, payload: { townshipCode: "230524100000", key: "P001", exercisedOn: today, documentNumber: `饶镇罚〔2026〕${++documents}号` } };
    default:
      return { method, url: path.replace(":id", path.startsWith("/api/facilities") ? facilityId : projectId).replace(":county", "230524") };
  }
}

async function exerciseFile(documentNumber: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("行使记录");
  ws.addRow(["乡镇代码", "事项编码", "行使日期", "案卷/文书编号"]);
  ws.addRow(["230524100000", "P001", today, documentNumber]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("facilities, projects and powers authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = await requestFor(row);
    const res = await grid.send(row.role, options);
    expect(res.statusCode, res.body).toBe(row.expectedStatus);
    if (row.expectedCode) expect(res.json().error.code).toBe(row.expectedCode);
  });
});
