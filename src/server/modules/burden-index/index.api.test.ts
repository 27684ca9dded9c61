import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexChildren, IndexIssuers, IndexSeries } from "../../../contracts/burden-index.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { importLedger } from "../burdens/ledger.js";
import { actorByUsername } from "../org/auth.js";
import { raoheLedger, seedDemoIndex } from "../../demo/burden-history.js";
import { addMonths } from "./queries.js";

/** The burden index over Raohe's demo ledger: figures that add up, a reduction, files that open. */

let ctx: TestContext;
let office: Session;
let village: Session;
const today = chinaToday();
const to = addMonths(today.slice(0, 7), -1);
const from = addMonths(to, -5);

beforeAll(async () => {
  ctx = await createTestApp();
  const started = performance.now();
  expect(await seedDemoIndex(ctx.db, today)).toBeGreaterThan(100);
  console.log(`ledger import ${Math.round(performance.now() - started)} ms`);
  office = await loginAs(ctx.app, "raohe_office");
  village = await loginAs(ctx.app, "raohe_village");
  // A year and ten months of ledger: a few hundred burdens with every village as targets.
}, 300_000);
afterAll(async () => ctx?.close());

const get = async <T>(s: Session, url: string, query: Record<string, string>) => {
  const res = await s.request({ method: "GET", url, query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

describe("burden index API", () => {
  it("shows the county's months by kind against last year and the baseline, with the reduction the ledger holds", async () => {
    const s = await get<IndexSeries>(office, "/api/index", { unit: "230524", from, to });
    expect(s.unit.name).toBe("饶河县");
    expect(s.months.map((m) => m.month)).toHaveLength(6);
    for (const m of s.months) {
      expect(m.byKind.reduce((a, k) => a + k.burdens, 0)).toBe(m.burdens);
      expect(m.byKind.reduce((a, k) => a + k.minutes, 0)).toBeCloseTo(m.minutes, 0);
    }
    expect(s.lastYearTotals.hours).toBeGreaterThan(0);
    expect(s.totals.hours).toBeLessThan(s.lastYearTotals.hours);
    expect(s.baseline.year).toBe(Number(to.slice(0, 4)) - 1);
    expect(s.flaggedShare).toBeGreaterThanOrEqual(0);
  });

  it("opens on one's own region when no unit is given", async () => {
    const s = await get<IndexSeries>(village, "/api/index", { from, to });
    expect(s.unit.code).toBe("230524100200");
  });

  it("splits a month of the county into its townships, adding up to the county", async () => {
    const s = await get<IndexSeries>(office, "/api/index", { unit: "230524", from: to, to });
    const c = await get<IndexChildren>(office, "/api/index/children", { unit: "230524", month: to });
    expect(c.children.length).toBeGreaterThan(1);
    expect(c.children.reduce((a, u) => a + u.minutes, 0)).toBeCloseTo(s.months[0]!.minutes, 0);
    expect(c.children.reduce((a, u) => a + u.targets, 0)).toBe(s.months[0]!.targets);
  });

  it("ranks the issuers imposing most hours, for a county from its rollup and for a village from its rows", async () => {
    const county = await get<IndexIssuers>(office, "/api/index/issuers", { unit: "230524", from, to });
    expect(county.issuers.length).toBeGreaterThan(1);
    expect(county.issuers.map((i) => i.minutes)).toEqual([...county.issuers.map((i) => i.minutes)].sort((a, b) => b - a));
    expect(county.issuers[0]!.name).toMatch(/饶河县/);
    const series = await get<IndexSeries>(office, "/api/index", { unit: "230524100200", from, to });
    const mine = await get<IndexIssuers>(village, "/api/index/issuers", { unit: "230524100200", from, to });
    expect(mine.issuers.reduce((a, i) => a + i.minutes, 0)).toBeCloseTo(series.totals.minutes, 0);
  });

  it("gives each answer as an .xlsx file that opens with its title", async () => {
    for (const [url, query] of [
      ["/api/index.xlsx", { unit: "230524", from, to }],
      ["/api/index/children.xlsx", { unit: "230524", month: to }],
      ["/api/index/issuers.xlsx", { unit: "230524", from, to }],
    ] as const) {
      const res = await office.request({ method: "GET", url, query });
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      expect(String(wb.worksheets[0]!.getCell(1, 1).value)).toContain("饶河");
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(2);
    }
  });

  it("refuses a period backwards or too long, and a malformed month, with a clear error", async () => {
    const backwards = await office.request({ method: "GET", url: "/api/index", query: { from: to, to: from } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe("INDEX_PERIOD_INVALID");
    const long = await office.request({ method: "GET", url: "/api/index/issuers", query: { from: "2020-01", to: "2026-01" } });
    expect(long.json().error.code).toBe("INDEX_PERIOD_INVALID");
    const malformed = await office.request({ method: "GET", url: "/api/index", query: { from: "2026-13", to: "2026-14" } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("imports the ledger only for finished burdens, audited, and only once in the demo", async () => {
    const actor = (await actorByUsername(ctx.db, "raohe_office"))!;
    const [future] = raoheLedger(today, ["230524100000"]).map((e) => ({ ...e, deadline: today }));
    await expect(importLedger(ctx.db, { actor, source: "测试", entries: [future!], today })).rejects.toMatchObject({ code: "LEDGER_NOT_PAST" });
    const { rows } = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'burden.ledger_import'`);
    expect(Number(rows[0]!.n)).toBe(1);
    expect(await seedDemoIndex(ctx.db, today)).toBe(0);
  });
});
