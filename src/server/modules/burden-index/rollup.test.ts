import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../../bench/synthetic-hierarchy.js";
import { addDays } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "../burdens/prepare.js";
import { expireOverdue } from "../burdens/registry.js";
import { rebuildIndex } from "./rollup.js";

/**
 * The burden index is kept incrementally (rollup.ts, called by the registry on admission and
 * withdrawal). After random admissions, returns, withdrawals and expiries it must equal the plain
 * aggregate of the in-force burden_targets, computed here independently, and equal its own rebuild.
 */

let ctx: TestContext;
const issuers: [string, Session][] = [];
let office: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  issuers.push(["230524D01", await loginAs(ctx.app, "raohe_nyncj")], ["230524D02", await loginAs(ctx.app, "raohe_tjj")]);
  office = await loginAs(ctx.app, "raohe_office");
});
afterAll(async () => ctx?.close());

const FREQUENCIES = ["once", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
const KINDS = ["task", "form", "inspection"] as const;
const TARGETS = [
  { under: "230524", level: "township" },
  { under: "230524100000", level: "village" },
  ["230524100200", "230524101200"],
  ["230524100000"],
];
const start = addDays(chinaToday(), 3);

type Cell = { burdens: number; flagged: number; targets: number; minutes: number };
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, "0")}` <= to.slice(0, 7); m === 12 ? ((m = 1), y++) : m++)
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
};

/** The index as the raw rows say it should be: every unit on each path × every month, in JS. */
async function expectedIndex() {
  const { rows } = await ctx.db.execute<{ burden_id: string; unit_path: string; monthly_minutes: number; load_from: string; load_to: string; kind: string; issuer_code: string; flagged: boolean }>(sql`
    select t.burden_id, t.unit_path, t.monthly_minutes, t.load_from::text, t.load_to::text, b.kind, b.issuer_code, jsonb_array_length(b.findings) > 0 as flagged
    from burden_targets t join burdens b on b.id = t.burden_id where t.in_force`);
  const cells = new Map<string, { burdens: Set<string>; flagged: Set<string>; targets: number; minutes: number }>();
  const issuerCells = new Map<string, { burdens: Set<string>; targets: number; minutes: number }>();
  for (const r of rows) {
    for (const code of r.unit_path.split(".")) {
      for (const month of monthsBetween(r.load_from, r.load_to)) {
        const c = cells.get(`${code}|${month}|${r.kind}`) ?? { burdens: new Set(), flagged: new Set(), targets: 0, minutes: 0 };
        c.burdens.add(r.burden_id);
        if (r.flagged) c.flagged.add(r.burden_id);
        c.targets++;
        c.minutes += Number(r.monthly_minutes);
        cells.set(`${code}|${month}|${r.kind}`, c);
        if (code.length === 12 && !code.endsWith("000")) continue;
        const i = issuerCells.get(`${code}|${month}|${r.issuer_code}`) ?? { burdens: new Set(), targets: 0, minutes: 0 };
        i.burdens.add(r.burden_id);
        i.targets++;
        i.minutes += Number(r.monthly_minutes);
        issuerCells.set(`${code}|${month}|${r.issuer_code}`, i);
      }
    }
  }
  const index = Object.fromEntries([...cells].map(([k, c]) => [k, { burdens: c.burdens.size, flagged: c.flagged.size, targets: c.targets, minutes: round(c.minutes) } satisfies Cell]));
  const byIssuer = Object.fromEntries([...issuerCells].map(([k, c]) => [k, { burdens: c.burdens.size, targets: c.targets, minutes: round(c.minutes) }]));
  return { index, byIssuer };
}

/** The rollup tables, rows emptied by withdrawals left out. */
async function storedIndex() {
  const { rows } = await ctx.db.execute<Cell & { unit_code: string; month: string; kind: string }>(sql`select * from burden_index where burdens <> 0 or targets <> 0`);
  const { rows: irows } = await ctx.db.execute<Omit<Cell, "flagged"> & { unit_code: string; month: string; issuer_code: string }>(
    sql`select * from burden_index_issuers where burdens <> 0 or targets <> 0`,
  );
  return {
    index: Object.fromEntries(rows.map((r) => [`${r.unit_code}|${r.month}|${r.kind}`, { burdens: r.burdens, flagged: r.flagged, targets: r.targets, minutes: round(Number(r.minutes)) }])),
    byIssuer: Object.fromEntries(irows.map((r) => [`${r.unit_code}|${r.month}|${r.issuer_code}`, { burdens: r.burdens, targets: r.targets, minutes: round(Number(r.minutes)) }])),
  };
}

describe("burden index rollups", () => {
  it("equal the raw aggregate after random admissions, returns, withdrawals and expiries, and their rebuild", async () => {
    const rand = seededRandom(20261126);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const statuses = new Map<string, string>();
    let admitted = 0;
    for (let i = 0; i < 16; i++) {
      const [issuer, session] = pick(issuers);
      const frequency = i % 3 === 0 ? "once" : pick(FREQUENCIES);
      const issuedOn = addDays(start, Math.floor(rand() * 40));
      const body = {
        kind: pick(KINDS),
        issuer,
        targets: pick(TARGETS),
        title: `负担指数随机测试事项第${i + 1}项`,
        text: `请按要求完成负担指数随机测试事项第${i + 1}项，编号${i * 7919}。`,
        issuedOn,
        deadline: addDays(issuedOn, frequency === "once" ? 10 + Math.floor(rand() * 40) : 60 + Math.floor(rand() * 200)),
        frequency,
        minutesPerTarget: 30 + Math.floor(rand() * 200),
      };
      const created = await session.request({ method: "POST", url: "/api/burdens", payload: body });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json() as { id: string };
      let status = (await session.request({ method: "POST", url: `/api/burdens/${id}/submit` })).json().status as string;
      if (status === "in_review") {
        const decision = rand() < 0.75 ? "admit" : "return";
        const res = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision, reason: "随机测试：按审核意见处理" } });
        expect(res.statusCode, res.body).toBe(200);
        status = res.json().status as string;
      }
      if (status === "admitted" && ++admitted % 3 === 0) {
        const res = await session.request({ method: "POST", url: `/api/burdens/${id}/withdraw`, payload: { reason: "随机测试：事项取消" } });
        expect(res.statusCode, res.body).toBe(200);
        status = "withdrawn";
      }
      statuses.set(id, status);
    }
    await expireOverdue(ctx.db, addDays(start, 45));
    const counts = [...statuses.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
    expect(counts.get("admitted") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(3);
    expect(counts.get("withdrawn") ?? 0, JSON.stringify([...counts])).toBeGreaterThan(0);

    const expected = await expectedIndex();
    expect(Object.keys(expected.index).length).toBeGreaterThan(20);
    expect(Object.values(expected.index).some((c) => c.flagged > 0)).toBe(true);
    expect(await storedIndex()).toEqual(expected);
    await rebuildIndex(ctx.db);
    expect(await storedIndex()).toEqual(expected);
  });
});
