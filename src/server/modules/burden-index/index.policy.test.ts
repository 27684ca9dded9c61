import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OK, type GridCells, gridRows, type GridRow, gridSessions, type GridSessions } from "../../test/grid.js";
import { createTestApp, type TestContext } from "../../test/harness.js";

/**
 * Who may read the burden index 负担指数 of which unit (burden-index/policy.ts): everyone the units of
 * his region; outside it the unit is not found, whether it exists or not. Role × endpoint × unit → status [code].
 */
const HIDDEN = "404 INDEX_UNIT_NOT_FOUND";
type Endpoint = "GET /api/index" | "GET /api/index.xlsx" | "GET /api/index/children" | "GET /api/index/issuers" | "GET /api/index/issuers.xlsx";

// prettier-ignore
const BY_UNIT: Record<string, GridCells> = {
  //                              village     town        dept        office      jiwei       rAdmin      admin       aOffice     aTown
  "230524 饶河县":               [HIDDEN,     HIDDEN,     OK,         OK,         OK,         OK,         OK,         HIDDEN,     HIDDEN],
  "230524100000 饶河镇":         [HIDDEN,     OK,         OK,         OK,         OK,         OK,         OK,         HIDDEN,     HIDDEN],
  "230524100200 饶河村":         [OK,         OK,         OK,         OK,         OK,         OK,         OK,         HIDDEN,     HIDDEN],
  "230000 黑龙江省":             [HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     OK,         HIDDEN,     HIDDEN],
  "653001 阿图什市":             [HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     OK,         OK,         HIDDEN],
  "999999 (no such unit)":       [HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN,     HIDDEN],
};
const ENDPOINTS: Endpoint[] = ["GET /api/index", "GET /api/index.xlsx", "GET /api/index/children", "GET /api/index/issuers", "GET /api/index/issuers.xlsx"];

type Row = GridRow<Endpoint>;
const MATRIX: Row[] = gridRows(Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, BY_UNIT])) as Record<Endpoint, typeof BY_UNIT>);

let ctx: TestContext;
let grid: GridSessions;
beforeAll(async () => {
  ctx = await createTestApp();
  grid = await gridSessions(ctx.app);
});
afterAll(async () => ctx?.close());

function requestFor(row: Row): InjectOptions {
  const unit = row.target.split(" ")[0]!;
  const [, path] = row.endpoint.split(" ");
  const query: Record<string, string> = path === "/api/index/children" ? { unit, month: "2026-03" } : { unit, from: "2026-01", to: "2026-06" };
  return { method: "GET", url: path!, query };
}

describe("burden index authorization matrix", () => {
  it.each(MATRIX)("$endpoint  [$target]  as $role → $expected", async (row) => {
    const options = requestFor(row);
    const res = await grid.send(row.role, options);
    const [status, code] = row.expected.split(" ");
    expect(res.statusCode, res.body).toBe(Number(status));
    if (code) expect(res.json().error.code).toBe(code);
    if (status === "200" && row.endpoint.endsWith(".xlsx")) expect(res.headers["content-type"]).toContain("spreadsheetml");
  });
});
