import { describe, expect, it } from "vitest";
import type { ParentBurden } from "../types.js";
import { layeredIncrease } from "./relay.js";
import { buildGateBurden, buildGateContext } from "./test-factories.js";

const parent = (overrides: Partial<ParentBurden> = {}): ParentBurden => ({
  id: "6f1c2a3b-0000-4000-8000-0000000000f0",
  kind: "task",
  title: "开展政务新媒体推广",
  issuedOn: "2025-09-01",
  deadline: "2025-09-30",
  quantity: { value: 50, unit: "人", per: "day" },
  minutesPerTarget: 30,
  frequency: "weekly",
  ...overrides,
});
const same = { deadline: "2025-09-30", quantity: { value: 50, unit: "人", per: "day" as const }, minutesPerTarget: 30, frequency: "weekly" as const };
const run = (child: Parameters<typeof buildGateBurden>[0], p: ParentBurden | null = parent()) =>
  layeredIncrease.run(buildGateBurden({ ...same, ...child }), buildGateContext({ parent: p }));

describe("LAYERED_INCREASE", () => {
  it("is silent for a faithful relay, a lighter one, and a burden that relays nothing", () => {
    expect(run({})).toEqual([]);
    expect(run({ quantity: { value: 30, unit: "人", per: "day" }, deadline: "2025-09-30", minutesPerTarget: 20, frequency: "monthly" })).toEqual([]);
    expect(run({ quantity: { value: 500, unit: "人", per: "day" } }, null)).toEqual([]);
  });

  it("blocks a larger quantity for the same period, showing both", () => {
    const [f] = run({ quantity: { value: 100, unit: "人", per: "day" } });
    expect(f).toMatchObject({ code: "LAYERED_INCREASE", severity: "block", evidence: { aspects: ["quantity"] } });
    expect(f?.messages["zh-CN"]).toBe(
      "层层加码：转发上级事项“开展政务新媒体推广”时，上级要求每天 50 人，本事项要求每天 100 人。转发不得提高数量、提前时限或增加频次和工作量",
    );
    expect(f?.messages.en).toBe(
      "Layered increase: relaying “开展政务新媒体推广”, the parent asks 50 人 a day, this burden 100 人 a day. A relay may not ask more, sooner, more often or longer than its parent",
    );
    expect(f?.evidence).toMatchObject({ parent: { quantity: { value: 50 } }, child: { quantity: { value: 100 } } });
  });

  it("compares quantities over different periods by the year", () => {
    const [f] = run({ quantity: { value: 400, unit: "人", per: "week" } });
    expect(f?.messages["zh-CN"]).toContain("上级要求每天 50 人（折合每年 18250 人，本事项折合 20800 人），本事项要求每周 400 人");
    expect(run({ quantity: { value: 300, unit: "人", per: "week" } })).toEqual([]);
    // Different units or a one-off against a rate cannot be compared.
    expect(run({ quantity: { value: 500, unit: "条", per: "day" } })).toEqual([]);
    expect(run({ quantity: { value: 5000, unit: "人", per: "once" } })).toEqual([]);
  });

  it("blocks an earlier deadline, more minutes and a higher frequency, all in one finding", () => {
    const [f, ...rest] = run({ deadline: "2025-09-20", minutesPerTarget: 45, frequency: "daily" });
    expect(rest).toEqual([]);
    expect(f?.evidence.aspects).toEqual(["deadline", "minutesPerTarget", "frequency"]);
    expect(f?.messages["zh-CN"]).toBe(
      "层层加码：转发上级事项“开展政务新媒体推广”时，上级截止日期为 2025-09-30，本事项提前至 2025-09-20；上级预计每个对象 30 分钟，本事项增至 45 分钟；上级要求每周一次，本事项改为每天一次。转发不得提高数量、提前时限或增加频次和工作量",
    );
    expect(f?.messages.en).toBe(
      "Layered increase: relaying “开展政务新媒体推广”, the parent is due 2025-09-30, this burden earlier, 2025-09-20; the parent expects 30 minutes per target, this burden 45; the parent runs weekly, this burden daily. A relay may not ask more, sooner, more often or longer than its parent",
    );
  });
});
