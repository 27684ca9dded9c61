import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Checks } from "../../../../contracts/forms.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../../test/harness.js";
import { unitsUnder } from "../../org/units.js";
import { formData, formDisagreements, formIndicators } from "../schema.js";

/** Flags on Raohe's population figures for 2026: one village doubled, one far above its peers. */
let ctx: TestContext;
let office: Session, tjj: Session, nyncj: Session, village: Session;
const JUMPER = "230524100200"; // 饶河村
let outlier = "";
let before = 0; // 饶河村 in 2025

beforeAll(async () => {
  ctx = await createTestApp();
  [office, tjj, nyncj, village] = (await Promise.all(["raohe_office", "raohe_tjj", "raohe_nyncj", "raohe_village"].map((u) => loginAs(ctx.app, u)))) as [Session, Session, Session, Session];
  const [population] = await ctx.db.select().from(formIndicators).where(sql`${formIndicators.code} = 'RK001' and ${formIndicators.regionCode} = '230524'`);
  const villages = (await unitsUnder(ctx.db, "100000.230000.230500.230524", "village")).slice(0, 20);
  outlier = villages.find((v) => v.code !== JUMPER)!.code;
  before = 900 + villages.findIndex((v) => v.code === JUMPER) * 20;
  const row = (code: string, period: string, value: number) => {
    const v = villages.find((x) => x.code === code)!;
    return { indicatorId: population!.id, unitCode: v.code, unitPath: v.path, provinceCode: v.provinceCode, periodKey: period, value: String(value), sourceKind: "import" };
  };
  await ctx.db.insert(formData).values([
    ...villages.map((v, i) => row(v.code, "2025", 900 + i * 20)),
    ...villages.map((v, i) => row(v.code, "2026", v.code === JUMPER ? 2400 : v.code === outlier ? 9900 : 910 + i * 20)),
  ]);
});
afterAll(async () => ctx?.close());

const checks = async (s: Session, periodKey = "2026") => s.request({ method: "GET", url: "/api/forms/catalogs/230524/checks", query: { periodKey } });

describe("statistical checks", () => {
  it("flags a jump against last year and an outlier among peers, with evidence, for the office", async () => {
    const res = await checks(office);
    expect(res.statusCode, res.body).toBe(200);
    const flags = (res.json() as Checks).flags;
    expect(flags.filter((f) => f.kind === "jump").map((f) => f.unit?.code).sort()).toEqual([JUMPER, outlier].sort());
    const jump = flags.find((f) => f.kind === "jump" && f.unit?.code === JUMPER)!;
    const change = Math.round(((2400 - before) / before) * 1000) / 10;
    expect(jump.evidence).toEqual({ previousPeriod: "2025", previous: before, current: 2400, changePercent: change });
    expect(jump.message).toBe(`户籍人口：2025 为 ${before}人，本期 2400人（变化 ${change}%）`);
    // 2,400 stands out among ~1,100 as well as 9,900 does.
    expect(flags.filter((f) => f.kind === "peer_outlier").map((f) => f.unit?.code).sort()).toEqual([JUMPER, outlier].sort());
    expect(flags.some((f) => f.kind === "benford")).toBe(false); // 20 villages: too few for Benford
  });

  it("shows the owner department its own indicators only, and nothing to a village", async () => {
    expect((await checks(tjj)).json().flags.length).toBeGreaterThan(0); // 户籍人口 belongs to the 统计局
    expect((await checks(nyncj)).json().flags).toEqual([]);
    const denied = await checks(village);
    expect(denied.statusCode).toBe(403);
    expect((await checks(office, "2026年")).statusCode).toBe(400);
  });

  it("flags a second source beyond 1 % of the held figure, not one that agrees within it", async () => {
    const [population] = await ctx.db.select().from(formIndicators).where(sql`${formIndicators.code} = 'RK001' and ${formIndicators.regionCode} = '230524'`);
    const held = await ctx.db.execute<{ unit_code: string; unit_path: string; province_code: string; value: string }>(
      sql`select unit_code, unit_path, province_code, value from form_data where indicator_id = ${population!.id} and period_key = '2026' and unit_code <> ${JUMPER} and unit_code <> ${outlier} order by unit_code limit 2`,
    );
    const [far, near] = held.rows;
    const other = (r: typeof far, value: number) => ({
      indicatorId: population!.id, unitCode: r!.unit_code, unitPath: r!.unit_path, provinceCode: r!.province_code, periodKey: "2026", value: String(value),
      sourceKind: "import", recordedByName: "饶河县民政局 王干事", recordedAt: new Date("2026-11-02T08:00:00Z"),
    });
    await ctx.db.insert(formDisagreements).values([other(far, Number(far!.value) + 300), other(near, Number(near!.value) + 5)]);
    const mismatches = (await checks(office)).json().flags.filter((f: Checks["flags"][number]) => f.kind === "mismatch");
    expect(mismatches.map((f: Checks["flags"][number]) => f.unit?.code)).toEqual([far!.unit_code]);
    expect(mismatches[0].evidence).toMatchObject({ held: { value: far!.value, sourceKind: "import" }, other: { value: String(Number(far!.value) + 300), by: "饶河县民政局 王干事" } });
    expect((await checks(tjj)).json().flags.filter((f: Checks["flags"][number]) => f.kind === "mismatch")).toHaveLength(1);
    expect((await checks(nyncj)).json().flags).toEqual([]);
  });

  it("leaves the figures as they were", async () => {
    const n = await ctx.db.execute<{ v: string }>(sql`select value as v from form_data where unit_code = ${JUMPER} and period_key = '2026'`);
    expect(n.rows[0]!.v).toBe("2400");
  });
});
