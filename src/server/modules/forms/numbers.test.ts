import { describe, expect, it } from "vitest";
import { normalizeValue, parseChineseNumber } from "./numbers.js";
import { periodKey } from "./period.js";

describe("Chinese numerals", () => {
  it.each([
    ["一百二十", 120],
    ["十五", 15],
    ["二十五", 25],
    ["一千零五", 1005],
    ["三万五千", 35000],
    ["两千三百四十五", 2345],
    ["壹佰贰拾", 120],
    ["十二点五", 12.5],
    ["一亿零三万", 100030000],
    ["负三", -3],
    ["零", 0],
  ])("reads %s as %d", (text, value) => expect(parseChineseNumber(text)).toBe(value));

  it.each(["", "一百二十户", "abc", "点五", "120"])("refuses %j", (text) => expect(parseChineseNumber(text)).toBeNull());
});

describe("normalizing a value by its indicator", () => {
  const spec = { type: "integer" as const, options: [], min: 0, max: 5000, unit: "户" };
  it("accepts a Chinese numeral in a number cell and says how it was read", () => {
    expect(normalizeValue("一百二十", spec)).toEqual({ ok: true, value: "120", note: { zh: "中文数字“一百二十”按 120 读取", en: "the Chinese numeral “一百二十” was read as 120" } });
  });
  it("checks type, range, options and dates", () => {
    expect(normalizeValue("1,234", spec)).toEqual({ ok: true, value: "1234" });
    expect(normalizeValue("12.5", spec)).toMatchObject({ ok: false });
    expect(normalizeValue("6000", spec)).toMatchObject({ ok: false, error: { zh: "6000 超过上限 5000户" } });
    expect(normalizeValue("是", { type: "choice", options: ["是", "否"], min: null, max: null, unit: "" })).toEqual({ ok: true, value: "是" });
    expect(normalizeValue("有", { type: "choice", options: ["是", "否"], min: null, max: null, unit: "" })).toMatchObject({ ok: false });
    expect(normalizeValue("2026年3月5日", { type: "date", options: [], min: null, max: null, unit: "" })).toEqual({ ok: true, value: "2026-03-05" });
    expect(normalizeValue("2026-02-30", { type: "date", options: [], min: null, max: null, unit: "" })).toMatchObject({ ok: false });
    expect(normalizeValue("85%", { type: "percent", options: [], min: 0, max: 100, unit: "%" })).toEqual({ ok: true, value: "85" });
  });
});

describe("period keys", () => {
  it("follows the refresh cycle", () => {
    expect(periodKey("yearly", "2026-11-25")).toBe("2026");
    expect(periodKey("quarterly", "2026-11-25")).toBe("2026Q4");
    expect(periodKey("monthly", "2026-01-05")).toBe("2026-01");
    expect(periodKey("once", "2026-11-25")).toBe("static");
  });
});
