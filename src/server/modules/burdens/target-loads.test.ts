import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/synthetic-hierarchy.js";
import { addDays } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";
import { expireOverdue } from "./registry.js";

/**
 * The gate reads each target's monthly load from the load columns of burden_targets (target-loads.ts)
 * instead of joining the burdens. After random admissions, returns, withdrawals and expiries, those
 * columns must give exactly what the burdens themselves say.
 */

let ctx: TestContext;
let dept: Session;
let office: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  dept = await loginAs(ctx.app, "raohe_nyncj");
  office = await loginAs(ctx.app, "raohe_office");
});
afterAll(async () => ctx?.close());

const FREQUENCIES = ["once", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
const TARGETS = [
  { under: "230524", level: "township" },
  { under: "230524100000", level: "village" },
  ["230524100200", "230524101200"],
  ["230524100000"],
];
const start = addDays(chinaToday(), 3);

/** Each month from the start over the next year: first and last day. */
const months = Array.from({ length: 14 }, (_, i) => {
  const d = new Date(`${start.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + i);
  const first = d.toISOString().slice(0, 10);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return { first, last: addDays(d.toISOString().slice(0, 10), -1) };
});

async function loadsFromColumns(month: { first: string; last: string }) {
  const { rows } = await ctx.db.execute<{ code: string; minutes: number }>(sql`
    select unit_code as code, round(sum(monthly_minutes)::numeric, 6)::float8 as minutes from burden_targets
    where in_force and load_to >= ${month.first} and load_from <= ${month.last} group by 1 order by 1`);
  return rows.map((r) => ({ code: r.code, minutes: Number(r.minutes) }));
}

/** The same question asked of the burdens, as the gate asked it before the load columns existed. */
async function loadsFromBurdens(month: { first: string; last: string }) {
  const { rows } = await ctx.db.execute<{ code: string; minutes: number }>(sql`
    select t.unit_code as code, round(sum(b.minutes_per_target * case b.frequency when 'once' then 1 when 'daily' then 250.0 / 12
      when 'weekly' then 52.0 / 12 when 'monthly' then 1 when 'quarterly' then 4.0 / 12 else 1.0 / 12 end)::numeric, 6)::float8 as minutes
    from burden_targets t join burdens b on b.id = t.burden_id
    where b.status in ('admitted', 'expired')
      and ((b.frequency = 'once' and b.deadline between ${month.first} and ${month.last})
        or (b.frequency <> 'once' and b.issued_on <= ${month.last} and b.deadline >= ${month.first}))
    group by 1 order by 1`);
  return rows.map((r) => ({ code: r.code, minutes: Number(r.minutes) }));
}

describe("target load columns", () => {
  it("agree with the burdens after random admissions, returns, withdrawals and expiries", async () => {
    const rand = seededRandom(20261125);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const statuses = new Map<string, string>();
    let admittedSoFar = 0;
    for (let i = 0; i < 16; i++) {
      const frequency = i % 3 === 0 ? "once" : pick(FREQUENCIES);
      const issuedOn = addDays(start, Math.floor(rand() * 40));
      const body = {
        kind: "task",
        issuer: "230524D01",
        targets: pick(TARGETS),
        title: `农业技术推广培训第${i + 1}期`,
        text: `请组织农业技术推广培训第${i + 1}期，培训情况报县农业农村局。`,
        issuedOn,
        deadline: addDays(issuedOn, frequency === "once" ? 10 + Math.floor(rand() * 40) : 60 + Math.floor(rand() * 300)),
        frequency,
        minutesPerTarget: 30 + Math.floor(rand() * 200),
        dutyItem: "农业技术推广和农业社会化服务",
      };
      const created = await dept.request({ method: "POST", url: "/api/burdens", payload: body });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json() as { id: string };
      let status = (await dept.request({ method: "POST", url: `/api/burdens/${id}/submit` })).json().status as string;
      if (status === "in_review") {
        const decision = rand() < 0.7 ? "admit" : "return";
        const res = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision, reason: "随机测试：按审核意见处理" } });
        expect(res.statusCode, res.body).toBe(200);
        status = res.json().status as string;
      }
      // Every third admitted burden is withdrawn again.
      if (status === "admitted" && ++admittedSoFar % 3 === 0) {
        const res = await dept.request({ method: "POST", url: `/api/burdens/${id}/withdraw`, payload: { reason: "随机测试：事项取消" } });
        expect(res.statusCode, res.body).toBe(200);
        status = "withdrawn";
      }
      statuses.set(id, status);
    }
    await expireOverdue(ctx.db, addDays(start, 45));
    const counts = [...statuses.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
    // The mix must exercise every path, or the comparison below proves little.
    expect(counts.get("admitted") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(3);
    expect(counts.get("withdrawn") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(0);
    const { rows } = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens where status = 'expired'`);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);

    let nonEmpty = 0;
    for (const month of months) {
      const expected = await loadsFromBurdens(month);
      if (expected.length > 0) nonEmpty++;
      expect(await loadsFromColumns(month), month.first).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });
});
