import { describe, expect, it } from "vitest";
import { monthlyMinutes } from "./hours.js";
import { GENERAL_SYSTEM, systemOf } from "./systems.js";

describe("systemOf 系统", () => {
  const above = ["中华人民共和国", "黑龙江省", "双鸭山市", "饶河县"];
  it("reads the line from a department's name, the same for a county bureau and a provincial department", () => {
    expect(systemOf({ name: "饶河县农业农村局", level: "department" }, above)).toBe("农业农村");
    expect(systemOf({ name: "黑龙江省农业农村厅", level: "department" }, ["中华人民共和国", "黑龙江省"])).toBe("农业农村");
    expect(systemOf({ name: "饶河县民政局", level: "department" }, above)).toBe("民政");
    expect(systemOf({ name: "中共饶河县委办公室", level: "department" }, above)).toBe("党委办公室");
    expect(systemOf({ name: "饶河镇", level: "township" }, above)).toBe(GENERAL_SYSTEM);
    expect(systemOf({ name: "饶河县", level: "county" }, above)).toBe(GENERAL_SYSTEM);
  });
});

describe("monthlyMinutes", () => {
  it("puts a one-off meeting in its month and a weekly one in every month it runs", () => {
    const once = monthlyMinutes({ unitPath: "x", frequency: "once", loadFrom: "2026-03-10", loadTo: "2026-03-10", lengthMinutes: 90, attendees: 2 }, 2026);
    expect(once[2]).toBe(180);
    expect(once.reduce((a, b) => a + b, 0)).toBe(180);
    expect(monthlyMinutes({ unitPath: "x", frequency: "once", loadFrom: "2025-03-10", loadTo: "2025-03-10", lengthMinutes: 90, attendees: 2 }, 2026).every((v) => v === 0)).toBe(true);
    const weekly = monthlyMinutes({ unitPath: "x", frequency: "weekly", loadFrom: "2026-02-15", loadTo: "2026-04-02", lengthMinutes: 60, attendees: 1 }, 2026);
    expect(weekly.map((v) => Math.round(v))).toEqual([0, 260, 260, 260, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
