import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingImportResult, MeetingList } from "../../../contracts/meetings.js";
import { seedDemoIndex } from "../../demo/burden-history.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { buildXlsx } from "../duties/excel/fixtures.js";
import { seedDemoIssue6 } from "./demo.js";
import { IMPORT_COLUMNS } from "./excel.js";
import { exportedRegister } from "./test-helpers.js";

/**
 * Meetings already held, in Excel: the demo's register (the ledger's past months, this year's meetings
 * that went through the gate and have since been held, the ones still to come) exports and imports back
 * row for row; a held meeting is recorded with the gate's findings and no admission number.
 */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const today = chinaToday();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoIndex(ctx.db, today);
  await seedDemoIssue6(ctx.db, today);
}, 300_000);
afterAll(async () => ctx?.close());

const upload = async (file: Buffer, lang = "zh-CN") => (await as("raohe_office")).request({ method: "POST", url: "/api/meetings/import", payload: file, headers: { "content-type": XLSX, "accept-language": lang } });

/** The import columns of every row of the year's exported register, as text. */
const exported = async (y: number) => exportedRegister(await as("raohe_office"), `year=${y}`);

describe("meetings already held, through Excel", () => {
  it("imports the demo's exported register back, held meetings included: each row re-added as it was", async () => {
    for (const y of [year - 1, year]) {
      const sheet = await exported(y);
      const held = sheet.rows.filter((r) => r[2]! < today);
      // Last year's meetings are all held; this year's, from February on (in January there may be none yet).
      if (y < year || today.slice(5) >= "02-01") expect(held.length, `held meetings of ${y}`).toBeGreaterThan(0);
      const res = await upload(sheet.file);
      expect(res.statusCode, res.body).toBe(201);
      const result = res.json() as MeetingImportResult;
      expect(result.imported).toBe(sheet.rows.length);
      expect(result.held).toBe(held.length);
      for (const r of result.rows.filter((x) => x.held)) expect(r).toMatchObject({ status: "expired", admissionNumber: null });
      const again = await exported(y);
      expect([...again.rows].sort()).toEqual([...sheet.rows, ...sheet.rows].sort());
    }
  });

  it("records a held meeting with the gate's findings, no admission number, its reason on the timeline; counted as held", async () => {
    const date = addDays(today, -20);
    const noticed = addDays(date, -1);
    const row = ["补录：全县秋季防火工作现场会", "230524D04", date, noticed, "全部乡镇", "180", "3", "现场", "是", "", "", "部署秋季防火。"];
    const res = await upload(await buildXlsx([{ rows: [IMPORT_COLUMNS.map((c) => c.header), row] }]));
    expect(res.statusCode, res.body).toBe(201);
    const [recorded] = (res.json() as MeetingImportResult).rows;
    expect(recorded).toMatchObject({ held: true, status: "expired", admissionNumber: null });
    // The gate judged it as of its notice: one day's notice is short, the attendance large.
    expect(recorded!.findingCodes).toEqual(expect.arrayContaining(["SHORT_DEADLINE"]));
    const burden = (await (await as("raohe_office")).request({ method: "GET", url: `/api/burdens/${recorded!.id}` })).json() as { status: string; events: { toStatus: string; reason: string | null }[] };
    expect(burden.status).toBe("expired");
    expect(burden.events.map((e) => [e.toStatus, e.reason])).toEqual([["expired", "补录已召开的会议（Excel 导入）"]]);
    const list = (await (await as("raohe_office")).request({ method: "GET", url: `/api/meetings?year=${Number(date.slice(0, 4))}` })).json() as MeetingList;
    expect(list.items.find((m) => m.id === recorded!.id)).toMatchObject({ status: "expired", admissionNumber: null, date });
    const audit = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'burden.record_held' and entity_id = ${recorded!.id}`);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it("still names a bad date by sheet, row and column, and writes nothing", async () => {
    const before = (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens where kind = 'meeting'`)).rows[0]!.n;
    const good = ["全县民政业务培训视频会", "230524D03", addDays(today, -3), "", "全部乡镇", "60", "1", "视频", "否", "", "", ""];
    const file = await buildXlsx([
      {
        title: "补录会议",
        rows: [
          IMPORT_COLUMNS.map((c) => c.header),
          good,
          good.map((v, i) => (i === 2 ? "2026-13-05" : v)),
          good.map((v, i) => (i === 2 ? addDays(today, -10) : i === 3 ? addDays(today, -5) : v)),
        ],
      },
    ]);
    const res = await upload(file, "en");
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error as { code: string; details: { path: string; message: string }[] };
    expect(error.code).toBe("EXCEL_INVALID");
    expect(error.details.map((d) => d.path).sort(), JSON.stringify(error.details)).toEqual(["Sheet1!C4", "Sheet1!C5"]);
    expect(error.details.find((d) => d.path === "Sheet1!C4")!.message).toContain("2026-13-05");
    expect(error.details.find((d) => d.path === "Sheet1!C5")!.message).toContain("before the issue date");
    expect((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens where kind = 'meeting'`)).rows[0]!.n).toBe(before);
  });
});
