import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingChain, MeetingList } from "../../../contracts/meetings.js";
import type { PlanList } from "../../../contracts/inspection-plans.js";
import type { RankingCounts } from "../../../contracts/rankings.js";
import { seedDemoIndex } from "../burden-index/demo.js";
import { seedDemoBurdens } from "../burdens/demo.js";
import { chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { seedDemoIssue6 } from "./demo.js";

describe("demo data of issue 6 (Raohe)", () => {
  let ctx: TestContext;
  const as = sessionsFor(() => ctx.app);
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  beforeAll(async () => {
    ctx = await createTestApp();
    // As on a real start: the demo burdens and the ledger of past months come first.
    await seedDemoBurdens(ctx.db);
    await seedDemoIndex(ctx.db, today);
    // The ledger of two years goes through the registry: slow on a loaded machine.
  }, 180_000);
  afterAll(async () => ctx?.close());

  it("shows a layered meeting chain, a plan with decisions and rankings against last year, once", { timeout: 120_000 }, async () => {
    expect(await seedDemoIssue6(ctx.db, today)).toBe(1);
    expect(await seedDemoIssue6(ctx.db, today)).toBe(0);
    const office = await as("raohe_office");
    const meetings = (await office.request({ method: "GET", url: `/api/meetings?year=${year}` })).json() as MeetingList;
    const county = meetings.items.find((m) => m.title === "全县冬季森林草原防灭火和安全生产工作会议")!;
    expect(county.status).toBe("admitted");
    const chain = (await office.request({ method: "GET", url: `/api/meetings/${county.id}/chain` })).json() as MeetingChain;
    expect(chain.root.relayedBy.map((n) => [n.issuerName, n.daysAfterParent, n.layered])).toEqual([
      ["饶河镇", 2, true],
      ["小佳河镇", 3, true],
    ]);
    const plan = (await office.request({ method: "GET", url: `/api/inspection-plans?year=${year}` })).json() as PlanList;
    expect(plan.counts).toEqual({ submitted: 1, approved: 2, rejected: 1, withdrawn: 0, comprehensiveApproved: 1 });
    const counts = ((await office.request({ method: "GET", url: `/api/rankings/counts?year=${year}` })).json() as RankingCounts).items;
    expect(counts.find((c) => c.kind === "assessment")).toMatchObject({ lastYear: { indicators: 74 }, thisYear: { indicators: 8 } });
    expect(counts.find((c) => c.kind === "ranking_notice" && c.issuer.code === "230524D01")).toMatchObject({ lastYear: { inForce: 12 }, thisYear: { registered: 3, cancelled: 2, inForce: 1 }, change: -11 });
  });
});
