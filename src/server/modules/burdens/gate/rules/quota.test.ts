import { describe, expect, it } from "vitest";
import { DEFAULT_GATE_SETTINGS } from "./defaults.js";
import { quotaExceeded } from "./quota.js";
import { buildGateBurden, buildGateContext, villagesOf } from "./test-factories.js";

const capped = (cap: number) => ({ ...DEFAULT_GATE_SETTINGS, issuerYearlyCap: { form: cap } });
const usage = (sameKindThisYear: number) => ({ ...buildGateContext().issuerUsage, sameKindThisYear });

describe("QUOTA_EXCEEDED: the issuer's yearly cap per kind", () => {
  it("blocks the burden that would pass the cap, with the count and the cap", () => {
    const [f] = quotaExceeded.run(buildGateBurden({ kind: "form" }), buildGateContext({ settings: capped(12), issuerUsage: usage(12) }));
    expect(f).toMatchObject({ code: "QUOTA_EXCEEDED", severity: "block", evidence: { scope: "issuer_yearly", kind: "form", year: 2025, used: 12, cap: 12 } });
    expect(f?.messages["zh-CN"]).toBe("饶河县统计局 2025 年已有 12 项报表获准入，本项为第 13 项，超过年度上限 12 项");
    expect(f?.messages.en).toBe("饶河县统计局 already has 12 data forms admitted in 2025; this would be number 13, over the yearly cap of 12");
  });

  it("admits the burden that reaches the cap exactly, and any when the kind has no cap", () => {
    expect(quotaExceeded.run(buildGateBurden({ kind: "form" }), buildGateContext({ settings: capped(12), issuerUsage: usage(11) }))).toEqual([]);
    expect(quotaExceeded.run(buildGateBurden({ kind: "task" }), buildGateContext({ settings: capped(1), issuerUsage: usage(50) }))).toEqual([]);
  });

  it("treats a cap of zero as: none of this kind", () => {
    expect(quotaExceeded.run(buildGateBurden({ kind: "form" }), buildGateContext({ settings: capped(0) }))[0]?.severity).toBe("block");
  });
});

describe("QUOTA_EXCEEDED: a target's monthly load", () => {
  const targets = villagesOf(3);
  const loads = (minutes: number[]) => targets.map((t, i) => ({ code: t.code, name: t.name, minutesThisMonth: minutes[i] ?? 0 }));

  it("sends to review when a target's month would pass the cap, listing the targets, the heaviest first", () => {
    const burden = buildGateBurden({ minutesPerTarget: 120, deadline: "2025-09-20" });
    const [f] = quotaExceeded.run(burden, buildGateContext({ targets, targetLoads: loads([2300, 2350, 100]) }));
    expect(f).toMatchObject({ code: "QUOTA_EXCEEDED", severity: "review" });
    expect(f?.messages["zh-CN"]).toBe(
      "2025 年 9 月，第2村委会、第1村委会的预计负担将超过每月 2400 分钟（40 小时）的上限：负担最重的第2村委会已有 2350 分钟，加上本项 120 分钟共 2470 分钟",
    );
    expect(f?.messages.en).toBe(
      "In September 2025 the expected load of 第2村委会 and 第1村委会 would pass the monthly cap of 2400 minutes (40 hours): the most burdened, 第2村委会, already has 2350 minutes, and with this burden's 120 reaches 2470",
    );
    expect(f?.evidence).toMatchObject({ scope: "target_monthly", month: "2025-09", cap: 2400, addedMinutes: 120, overCount: 2 });
    expect((f?.evidence.targets as { code: string }[]).map((t) => t.code)).toEqual([targets[1]?.code, targets[0]?.code]);
  });

  it("counts a daily burden as about 21 working days a month", () => {
    const burden = buildGateBurden({ minutesPerTarget: 120, frequency: "daily" });
    const [f] = quotaExceeded.run(burden, buildGateContext({ targets, targetLoads: loads([0, 0, 0]) }));
    expect(f?.evidence).toMatchObject({ addedMinutes: 2500, overCount: 3 });
  });

  it("stays silent under the cap, and follows the cap of the settings", () => {
    const burden = buildGateBurden({ minutesPerTarget: 60 });
    expect(quotaExceeded.run(burden, buildGateContext({ targets, targetLoads: loads([2340, 0, 0]) }))).toEqual([]);
    const tight = { ...DEFAULT_GATE_SETTINGS, targetMonthlyMinutesCap: 600 };
    expect(quotaExceeded.run(burden, buildGateContext({ settings: tight, targets, targetLoads: loads([600, 0, 0]) }))).toHaveLength(1);
  });

  it("reports both quotas at once", () => {
    const burden = buildGateBurden({ kind: "form", minutesPerTarget: 3000 });
    expect(quotaExceeded.run(burden, buildGateContext({ settings: capped(0) })).map((f) => f.severity)).toEqual(["block", "review"]);
  });
});
