import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/synthetic-hierarchy.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { solveChallenge } from "../cases/guard.js";
import { getUnit } from "../org/units.js";
import { recordResponse } from "./survey.js";

/** The public satisfaction survey 群众满意度: no login, nothing of the request kept, rolled up by unit and month. */
let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const month = chinaToday().slice(0, 7);
const IP = "203.0.113.77";
const AGENT = "Mozilla/5.0 (Linux; Android 13; 测试手机) JianfuProbe/9.9";

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function answer(code: string, body: Record<string, unknown>) {
  const { challenge } = (await ctx.app.inject({ method: "GET", url: "/api/public/satisfaction/challenge", remoteAddress: IP })).json();
  return ctx.app.inject({
    method: "POST",
    url: `/api/public/satisfaction/${code}`,
    remoteAddress: IP,
    headers: { "user-agent": AGENT },
    payload: { challenge, nonce: solveChallenge(challenge), ...body },
  });
}

describe("public satisfaction survey", () => {
  it("anyone answers without logging in; nothing of the request is stored", async () => {
    const form = await ctx.app.inject({ method: "GET", url: "/api/public/satisfaction/230524100200" });
    expect(form.json()).toMatchObject({ unit: { code: "230524100200", parentName: "饶河镇" }, month });
    const res = await answer("230524100200", { q1: 5, q2: 4, q3: 4, q4: 5, comment: "村里干部现在不用天天拍照打卡了，来办事的时候人都在。" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true, month });
    const { rows } = await ctx.db.execute(sql`select * from satisfaction_responses`);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows) + JSON.stringify((await ctx.db.execute(sql`select * from audit_log where entity_type = 'satisfaction_intake'`)).rows);
    expect(stored).not.toContain(IP);
    expect(stored).not.toContain("JianfuProbe");
    expect(Object.keys(rows[0]!).sort()).toEqual(["comment", "id", "month", "province_code", "q1", "q2", "q3", "q4", "unit_code", "unit_path"]);
  });

  it("refuses bad answers and writes nothing", async () => {
    const good = { q1: 3, q2: 3, q3: 3, q4: 3 };
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["230524100200", { ...good, q1: 6 }, 400, "VALIDATION_FAILED"],
      ["230524100200", { ...good, q2: 0 }, 400, "VALIDATION_FAILED"],
      ["230524100200", { ...good, q3: 2.5 }, 400, "VALIDATION_FAILED"],
      ["230524100200", { q1: 3 }, 400, "VALIDATION_FAILED"],
      ["230524100200", { ...good, comment: "x".repeat(501) }, 400, "VALIDATION_FAILED"],
      ["230524100200", { ...good, ip: "1.2.3.4" }, 400, "VALIDATION_FAILED"],
      ["230524D01", good, 404, "SATISFACTION_UNIT_NOT_FOUND"],
      ["230524999999", good, 404, "SATISFACTION_UNIT_NOT_FOUND"],
    ];
    for (const [code, body, status, error] of bad) {
      const res = await answer(code, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, error]);
    }
    const forged = await ctx.app.inject({ method: "POST", url: "/api/public/satisfaction/230524100200", payload: { ...good, challenge: "1.2.3", nonce: "0" } });
    expect([forged.statusCode, forged.json().error.code]).toEqual([400, "PROOF_OF_WORK_FAILED"]);
    const { rows } = await ctx.db.execute(sql`select count(*)::int as n from satisfaction_responses`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("rolls up by unit and month exactly as the raw answers say, after random answers", async () => {
    const rand = seededRandom(7);
    const villages = ["230524100200", "230524101200", "230524100201"];
    for (let i = 0; i < 60; i++) {
      const unit = (await getUnit(ctx.db, villages[Math.floor(rand() * villages.length)]!))!;
      const s = () => 1 + Math.floor(rand() * 5);
      await recordResponse(ctx.db, unit, { q1: s(), q2: s(), q3: s(), q4: s(), comment: rand() < 0.3 ? `意见${i}` : undefined }, `2025-0${1 + Math.floor(rand() * 6)}`);
    }
    const { rows: raw } = await ctx.db.execute<{ unit_code: string; month: string; n: number; s1: number; s4: number; c: number }>(sql`
      select p.code as unit_code, r.month, count(*)::int as n, sum(r.q1)::int as s1, sum(r.q4)::int as s4, count(r.comment)::int as c
      from satisfaction_responses r cross join lateral unnest(string_to_array(r.unit_path, '.')) as p(code) group by 1, 2`);
    const { rows: rolled } = await ctx.db.execute<{ unit_code: string; month: string; responses: number; sum_q1: number; sum_q4: number; comments: number }>(sql`select * from satisfaction_monthly`);
    const key = (r: { unit_code: string; month: string }) => `${r.unit_code}|${r.month}`;
    expect(Object.fromEntries(rolled.map((r) => [key(r), [r.responses, r.sum_q1, r.sum_q4, r.comments]]))).toEqual(Object.fromEntries(raw.map((r) => [key(r), [r.n, r.s1, r.s4, r.c]])));
    expect(raw.length).toBeGreaterThan(20);
  });

  it("the office reads results by month and unit, and the comments; the township reads figures only", async () => {
    const office = await as("raohe_office");
    const res = await office.request({ method: "GET", url: "/api/satisfaction", query: { from: month, to: month } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unit: { code: "230524" }, totals: { responses: 1, q1: 5, q4: 5, overall: 4.5 }, children: [{ code: "230524100000", responses: 1 }] });
    const comments = await office.request({ method: "GET", url: "/api/satisfaction/comments", query: { month } });
    expect(comments.json()).toMatchObject({ total: 1, items: [{ unit: { code: "230524100200" }, overall: 5 }] });
    const town = await as("raohe_town");
    expect((await town.request({ method: "GET", url: "/api/satisfaction", query: { from: month, to: month } })).statusCode).toBe(200);
    const hidden = await town.request({ method: "GET", url: "/api/satisfaction/comments", query: { month } });
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([403, "FORBIDDEN"]);
    const xlsx = await office.request({ method: "GET", url: "/api/satisfaction.xlsx", query: { from: "2025-01", to: month } });
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const period = await office.request({ method: "GET", url: "/api/satisfaction", query: { from: month, to: "2020-01" } });
    expect([period.statusCode, period.json().error.code]).toEqual([400, "INDEX_PERIOD_INVALID"]);
  });

  it("the office prints a QR poster for a unit of its region", async () => {
    const res = await (await as("raohe_office")).request({ method: "GET", url: "/api/satisfaction/poster/230524100200" });
    expect([200, 503]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const other = await (await as("raohe_office")).request({ method: "GET", url: "/api/satisfaction/poster/653001100200" });
    expect(other.statusCode).toBe(404);
  });
});
