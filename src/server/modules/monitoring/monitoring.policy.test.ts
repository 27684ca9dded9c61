import type { InjectOptions } from "fastify";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaToday } from "../../kernel/dates.js";
import { ANON, DENY, GRID_COLUMNS, NEW, OK, type GridCells, type GridUser, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { solveChallenge } from "../cases/guard.js";
import { mondayOf } from "./weeks.js";

/**
 * Who may do what with monitoring points 监测点, the public's satisfaction 群众满意度, case statistics and
 * the monthly report 月度减负报告: role × endpoint → status [code], every endpoint also anonymous (401).
 * The public survey is answered without logging in and keeps nothing of the request.
 */
const week = mondayOf(chinaToday());
const month = chinaToday().slice(0, 7);
const HIDDEN = "404 INDEX_UNIT_NOT_FOUND";
const NOT_VILLAGE = "400 MONITORING_NOT_A_VILLAGE";
const NO_POINT = "404 MONITORING_POINT_NOT_FOUND";

type Row = { endpoint: string; request: InjectOptions; cells: GridCells };
// prettier-ignore
const ROWS: Row[] = [
  //                                                                                   village      town         dept         office       jiwei        rAdmin       admin        aOffice      aTown
  { endpoint: "GET /api/monitoring/points", request: { method: "GET", url: "/api/monitoring/points" }, cells: [DENY, OK, DENY, OK, OK, OK, OK, OK, OK] },
  { endpoint: "POST /api/monitoring/points", request: { method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524101200" } }, cells: [DENY, DENY, DENY, NEW, DENY, DENY, DENY, NOT_VILLAGE, DENY] },
  { endpoint: "GET /api/monitoring/survey", request: { method: "GET", url: "/api/monitoring/survey" }, cells: [OK, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY] },
  { endpoint: "POST /api/monitoring/answers", request: { method: "POST", url: "/api/monitoring/answers", payload: { week, idempotencyKey: "grid-answer-1", items: [], unregistered: [] } }, cells: [NEW, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY] },
  { endpoint: "GET /api/monitoring/answers", request: { method: "GET", url: "/api/monitoring/answers" }, cells: [DENY, OK, DENY, OK, OK, OK, OK, OK, OK] },
  { endpoint: "POST /api/monitoring/reminders", request: { method: "POST", url: "/api/monitoring/reminders", payload: { week } }, cells: [DENY, OK, DENY, OK, DENY, DENY, DENY, OK, OK] },
  { endpoint: "DELETE /api/monitoring/points/230524101200", request: { method: "DELETE", url: "/api/monitoring/points/230524101200" }, cells: [DENY, DENY, DENY, OK, DENY, DENY, DENY, NO_POINT, DENY] },
  { endpoint: "GET /api/satisfaction [230524]", request: { method: "GET", url: "/api/satisfaction", query: { unit: "230524", from: month, to: month } }, cells: [HIDDEN, HIDDEN, DENY, OK, OK, OK, OK, HIDDEN, HIDDEN] },
  { endpoint: "GET /api/satisfaction [230524100000]", request: { method: "GET", url: "/api/satisfaction", query: { unit: "230524100000", from: month, to: month } }, cells: [HIDDEN, OK, DENY, OK, OK, OK, OK, HIDDEN, HIDDEN] },
  { endpoint: "GET /api/satisfaction/comments [230524100000]", request: { method: "GET", url: "/api/satisfaction/comments", query: { unit: "230524100000", month } }, cells: [HIDDEN, DENY, DENY, OK, OK, OK, OK, HIDDEN, HIDDEN] },
  { endpoint: "GET /api/satisfaction/poster/230524100200", request: { method: "GET", url: "/api/satisfaction/poster/230524100200" }, cells: [DENY, DENY, DENY, OK, DENY, DENY, DENY, HIDDEN, DENY] },
  { endpoint: "GET /api/cases/statistics", request: { method: "GET", url: "/api/cases/statistics", query: { from: `${month}-01`, to: `${month}-28` } }, cells: [DENY, DENY, DENY, OK, OK, DENY, DENY, OK, DENY] },
  { endpoint: "GET /api/reports/monthly [230524]", request: { method: "GET", url: "/api/reports/monthly", query: { unit: "230524", month } }, cells: [DENY, DENY, DENY, OK, OK, OK, OK, HIDDEN, DENY] },
  { endpoint: "GET /api/reports/monthly.docx [230524]", request: { method: "GET", url: "/api/reports/monthly.docx", query: { unit: "230524", month } }, cells: [DENY, DENY, DENY, OK, OK, OK, OK, HIDDEN, DENY] },
];

type Case = { role: GridUser | "(anonymous)"; endpoint: string; request: InjectOptions; expected: string };
const MATRIX: Case[] = ROWS.flatMap((row) => [
  ...GRID_COLUMNS.map((role, i) => ({ role, endpoint: row.endpoint, request: row.request, expected: row.cells[i]! })),
  { role: "(anonymous)" as const, endpoint: row.endpoint, request: row.request, expected: ANON },
]);

let ctx: TestContext;
let grid: GridSessions;
beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
  const res = await grid.of("raohe_office").request({ method: "POST", url: "/api/monitoring/points", payload: { unitCode: "230524100200" } });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => ctx?.close());

describe("monitoring, satisfaction and report authorization matrix", () => {
  it.each(MATRIX)("$endpoint  as $role → $expected", async (row) => {
    const res = await grid.send(row.role, row.request);
    const [status, code] = row.expected.split(" ");
    // The poster needs the CJK font; without it the office gets 503, never someone else's 200.
    if (res.statusCode === 503 && row.expected === OK) return;
    expect(res.statusCode, res.body).toBe(Number(status));
    if (code) expect(res.json().error.code).toBe(code);
  });

  it("the public survey needs no login and stores no address and no user agent", async () => {
    const remoteAddress = "198.51.100.23";
    const { challenge } = (await ctx.app.inject({ method: "GET", url: "/api/public/satisfaction/challenge", remoteAddress })).json();
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/public/satisfaction/230524100000",
      remoteAddress,
      headers: { "user-agent": "GridProbeAgent/1.0", "x-forwarded-for": "192.0.2.99" },
      payload: { q1: 4, q2: 4, q3: 3, q4: 4, comment: "网格测试", challenge, nonce: solveChallenge(challenge) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const dump = JSON.stringify([
      (await ctx.db.execute(sql`select * from satisfaction_responses`)).rows,
      (await ctx.db.execute(sql`select * from satisfaction_monthly`)).rows,
      (await ctx.db.execute(sql`select * from audit_log where entity_type like 'satisfaction%'`)).rows,
    ]);
    expect(dump).toContain("网格测试");
    for (const trace of ["198.51.100.23", "192.0.2.99", "GridProbeAgent"]) expect(dump).not.toContain(trace);
  });
});
