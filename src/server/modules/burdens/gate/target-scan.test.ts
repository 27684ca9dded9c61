import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZBurdenInput } from "../../../../contracts/burdens.js";
import { createTestApp, type TestContext } from "../../../test/harness.js";
import { scanTargets } from "./target-scan.js";

/**
 * The one read of the targets' load entries (gate/target-scan.ts) answers two questions: each target's
 * minutes in the deadline's month, and the burdens sharing targets within the duplicate window. Both are
 * checked against independent counts over real rows: entries in and out of force, loads ending before,
 * inside and after the month, and burdens sharing one to all of the targets.
 */

let ctx: TestContext;
let villages: { code: string; path: string; province_code: string }[] = [];
const CREATOR = "00000000-0000-4000-8000-00000000c0de";
const ISSUED = "2027-03-10";
const DEADLINE = "2027-04-20";

beforeAll(async () => {
  ctx = await createTestApp();
  villages = (await ctx.db.execute<{ code: string; path: string; province_code: string }>(sql`
    select code, path, province_code from units where level = 'village' and code like '230524%' order by code limit 6`)).rows;
  // 40 burdens: in force or not, loads ending from 200 days before the issue date to after the deadline's month.
  const ends = ["2026-08-01", "2026-09-11", "2026-12-31", "2027-03-31", "2027-04-01", "2027-04-15", "2027-04-30", "2027-05-01", "2027-09-30", "2028-01-01"];
  for (let i = 0; i < 40; i++) {
    const loadTo = ends[i % ends.length]!;
    const loadFrom = i % 3 === 0 ? loadTo : "2026-06-01";
    const { rows } = await ctx.db.execute<{ id: string }>(sql`
      insert into burdens (kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target,
                           target_spec, target_count, details, yearly_minutes, created_by, similarity_signature)
      values ('form', 'admitted', '230524', '', '23', ${`扫描测试${i}`}, '扫描测试', '2026-06-01', ${loadTo}::date, 'monthly', 30,
              '[]'::jsonb, 1, '{}'::jsonb, 30, ${CREATOR}, ${Buffer.from([i, 1, 2, 3])})
      returning id`);
    const shared = villages.slice(0, 1 + (i % villages.length));
    for (const v of shared) {
      await ctx.db.execute(sql`
        insert into burden_targets (burden_id, unit_code, unit_path, province_code, in_force, load_from, load_to, monthly_minutes)
        values (${rows[0]!.id}, ${v.code}, ${v.path}, ${v.province_code}, ${i % 4 !== 3}, ${loadFrom}::date, ${loadTo}::date, ${10 + i})`);
    }
  }
});
afterAll(async () => ctx?.close());

const input = () =>
  ZBurdenInput.parse({ kind: "form", issuer: "230524", targets: villages.map((v) => v.code), title: "扫描", text: "扫描", issuedOn: ISSUED, deadline: DEADLINE, frequency: "once", minutesPerTarget: 30, details: {} });

/** Independently: month overlap as date ranges, the window as an interval from the issue date. */
async function expected(excludeId: string | null) {
  const codes = villages.map((v) => v.code);
  const minutes = await ctx.db.execute<{ unit_code: string; minutes: number }>(sql`
    select unit_code, round(sum(monthly_minutes))::int as minutes from burden_targets
    where in_force and unit_code = any(${sql.param(codes)}::text[]) and burden_id is distinct from ${excludeId}::uuid
      and daterange(load_from, load_to, '[]') && daterange('2027-04-01', '2027-04-30', '[]')
    group by unit_code`);
  const shared = await ctx.db.execute<{ id: string; shared: number; signature: Uint8Array }>(sql`
    select t.burden_id as id, count(*)::int as shared, b.similarity_signature as signature from burden_targets t join burdens b on b.id = t.burden_id
    where t.in_force and t.unit_code = any(${sql.param(codes)}::text[]) and t.burden_id is distinct from ${excludeId}::uuid
      and t.load_to >= ${ISSUED}::date - 180
    group by t.burden_id, b.similarity_signature`);
  return {
    minutes: new Map(minutes.rows.map((r) => [r.unit_code, Number(r.minutes)])),
    shared: new Map(shared.rows.map((r) => [r.id, { shared: Number(r.shared), signature: Buffer.from(r.signature).toString("hex") }])),
  };
}

describe("one read of the targets' load entries for the month's loads and the duplicate candidates", () => {
  it("gives each target's minutes in the deadline's month and every burden sharing targets in the window", async () => {
    const scan = await scanTargets(ctx.db, { input: input(), codes: villages.map((v) => v.code) });
    const want = await expected(null);
    expect(scan.minutesByCode).toEqual(want.minutes);
    expect(want.minutes.size).toBe(villages.length);
    const got = new Map(scan.candidates.map((c) => [c.id, { shared: c.shared, signature: Buffer.from(c.signature!).toString("hex") }]));
    expect(got).toEqual(want.shared);
    // The window and the month both cut: some entries in force are in neither.
    expect(want.shared.size).toBeGreaterThan(10);
    expect(want.shared.size).toBeLessThan(30);
    // Sharing most first.
    const counts = scan.candidates.map((c) => c.shared);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("leaves out the burden being re-checked (excludeId)", async () => {
    const first = (await scanTargets(ctx.db, { input: input(), codes: villages.map((v) => v.code) })).candidates[0]!;
    const scan = await scanTargets(ctx.db, { input: input(), codes: villages.map((v) => v.code), excludeId: first.id });
    const want = await expected(first.id);
    expect(scan.minutesByCode).toEqual(want.minutes);
    expect(scan.candidates.map((c) => c.id).sort()).toEqual([...want.shared.keys()].sort());
    expect(scan.candidates.some((c) => c.id === first.id)).toBe(false);
  });
});
