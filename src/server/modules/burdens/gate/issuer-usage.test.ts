import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZBurdenInput, type BurdenInput } from "../../../../contracts/burdens.js";
import { getUnit } from "../../org/units.js";
import { createTestApp, type TestContext } from "../../../test/harness.js";
import { loadGateContext } from "./context.js";

/**
 * The yearly counts of an issuer the gate's rules read (issuer cap, documents against last year, general
 * meetings, comprehensive inspections), counted from real rows: against an independent count by
 * extract(year), over burdens of every status, kind and year the counts must tell apart.
 */

let ctx: TestContext;
/** A department of 饶河县 (it keeps its demo burdens: the independent count includes them too). */
let ISSUER = "";
const YEAR = 2027;
const CREATOR = "00000000-0000-4000-8000-00000000c0de";

beforeAll(async () => {
  ctx = await createTestApp();
  const found = await ctx.db.execute<{ code: string }>(sql`select code from units where level = 'department' and parent_code = '230524' order by code limit 1`);
  ISSUER = found.rows[0]!.code;
  const issuer = (await getUnit(ctx.db, ISSUER))!;
  // One burden per row below, under the test issuer, with its kind, status, day and flags.
  const rows: [kind: string, status: string, issuedOn: string, details: Record<string, unknown>][] = [];
  for (const status of ["admitted", "expired", "draft", "withdrawn", "returned", "in_review"]) {
    for (const issuedOn of [`${YEAR - 2}-06-01`, `${YEAR - 1}-01-01`, `${YEAR - 1}-12-31`, `${YEAR}-01-01`, `${YEAR}-07-15`, `${YEAR}-12-31`, `${YEAR + 1}-01-01`]) {
      rows.push(["form", status, issuedOn, {}], ["document", status, issuedOn, { head: "red" }]);
      rows.push(["meeting", status, issuedOn, { general: true }], ["meeting", status, issuedOn, { general: false }]);
      rows.push(["inspection", status, issuedOn, { comprehensive: true }], ["inspection", status, issuedOn, {}]);
    }
  }
  for (const [kind, status, issuedOn, details] of rows) {
    await ctx.db.execute(sql`
      insert into burdens (kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target,
                           target_spec, target_count, details, yearly_minutes, created_by)
      values (${kind}, ${status}, ${ISSUER}, ${issuer.path}, ${issuer.provinceCode}, '计数测试', '计数测试', ${issuedOn}::date, ${issuedOn}::date + 30, 'once', 30,
              '["230524100000"]'::jsonb, 1, ${JSON.stringify(details)}::jsonb, 30, ${CREATOR})`);
  }
});
afterAll(async () => ctx?.close());

/** What the rules should see, counted independently of the gate's query. */
async function expected(kind: string, year: number) {
  const { rows } = await ctx.db.execute<Record<string, number>>(sql`
    select count(*) filter (where kind = ${kind} and extract(year from issued_on)::int = ${year})::int as same,
           count(*) filter (where kind = 'document' and extract(year from issued_on)::int = ${year})::int as docs,
           count(*) filter (where kind = 'document' and extract(year from issued_on)::int = ${year - 1})::int as docs_last,
           count(*) filter (where kind = 'meeting' and details->>'general' = 'true' and extract(year from issued_on)::int = ${year})::int as general,
           count(*) filter (where kind = 'inspection' and details->>'comprehensive' = 'true' and extract(year from issued_on)::int = ${year})::int as comprehensive
    from burdens where issuer_code = ${ISSUER} and status in ('admitted', 'expired')`);
  return rows[0]!;
}

async function usageOf(kind: BurdenInput["kind"], issuedOn: string, excludeId?: string) {
  const issuer = (await getUnit(ctx.db, ISSUER))!;
  const details =
    kind === "meeting"
      ? { lengthMinutes: 60, attendeesPerTarget: 1, mode: "in_person", general: true }
      : kind === "inspection"
        ? { comprehensive: true, onSite: true }
        : kind === "document"
          ? { head: "red", scope: "general" }
          : {};
  const input = ZBurdenInput.parse({
    kind, issuer: ISSUER, targets: ["230524100000"], title: "测试", text: "测试", issuedOn, deadline: `${issuedOn.slice(0, 4)}-12-31`,
    frequency: "once", minutesPerTarget: 30, details,
  });
  const context = await loadGateContext(ctx.db, { input, issuer, targets: [], parent: null, today: issuedOn, ...(excludeId ? { excludeId } : {}) });
  return context.issuerUsage;
}

describe("the issuer's yearly counts the gate reads", () => {
  it.each(["form", "document", "meeting", "inspection"] as const)("for a %s, counts its kind this year and what its rules compare with", async (kind) => {
    for (const year of [YEAR - 1, YEAR, YEAR + 1]) {
      const want = await expected(kind, year);
      const usage = await usageOf(kind, `${year}-03-02`);
      expect(usage.sameKindThisYear).toBe(want.same);
      expect(want.same).toBeGreaterThan(0);
      if (kind === "document") expect([usage.documentsThisYear, usage.documentsLastYear]).toEqual([want.docs, want.docs_last]);
      if (kind === "meeting") expect(usage.generalMeetingsThisYear).toBe(want.general);
      if (kind === "inspection") expect(usage.comprehensiveInspectionsThisYear).toBe(want.comprehensive);
    }
  });

  it("leaves out the burden being re-checked (excludeId)", async () => {
    const { rows } = await ctx.db.execute<{ id: string }>(sql`
      select id from burdens where issuer_code = ${ISSUER} and kind = 'document' and status = 'admitted' and issued_on = ${`${YEAR}-07-15`}::date limit 1`);
    const all = await usageOf("document", `${YEAR}-03-02`);
    const without = await usageOf("document", `${YEAR}-03-02`, rows[0]!.id);
    expect(without.sameKindThisYear).toBe(all.sameKindThisYear - 1);
    expect(without.documentsLastYear).toBe(all.documentsLastYear);
  });
});
