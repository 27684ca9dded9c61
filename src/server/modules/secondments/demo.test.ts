import { afterEach, describe, expect, it } from "vitest";
import type { Secondment } from "../../../contracts/secondments.js";
import { chinaToday } from "../../kernel/dates.js";
import { shiftClock } from "../../test/clock.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { seedDemoSecondments } from "./demo.js";

let ctx: TestContext | null = null;
let restoreClock = () => {};
afterEach(async () => {
  await ctx?.close();
  ctx = null;
  restoreClock();
});

describe("Raohe's demo secondments", () => {
  // Early January the approved ones began last year: their approvals must be in that year's register.
  it.each(["2027-01-04", "2027-06-30"])("flag only the one borrowed without approval, too long and overdue, when seeded on %s", async (day) => {
    restoreClock = shiftClock(day);
    ctx = await createTestApp();
    const as = sessionsFor(() => ctx!.app);
    expect(await seedDemoSecondments(ctx.db, chinaToday())).toBe(3);
    const listed = (await (await as("raohe_office")).request({ method: "GET", url: "/api/secondments" })).json() as { items: Secondment[] };
    expect(Object.fromEntries(listed.items.map((s) => [s.personName, s.flags.map((f) => f.code).sort()]))).toEqual({
      刘晓东: [],
      王丽: [],
      赵志刚: ["NO_APPROVAL", "OVERDUE_RETURN", "TOO_LONG"],
    });
  });
});
