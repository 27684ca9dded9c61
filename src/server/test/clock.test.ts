import { afterEach, expect, it } from "vitest";
import { addDays, chinaToday } from "../kernel/dates.js";
import { shiftClock } from "./clock.js";

let restore = () => {};
afterEach(() => restore());

it("moves today to the day asked and keeps the clock running with its time of day", async () => {
  const before = new Date();
  restore = shiftClock("2027-01-04");
  expect(chinaToday()).toBe("2027-01-04");
  expect(chinaToday(new Date(Date.now()))).toBe("2027-01-04");
  const shiftedNow = new Date();
  expect((shiftedNow.getTime() - before.getTime()) % 86_400_000).toBeLessThan(60_000);
  await new Promise((r) => setTimeout(r, 20));
  expect(Date.now()).toBeGreaterThan(shiftedNow.getTime());
});

it("leaves explicit dates, parsing and instanceof as they are", () => {
  restore = shiftClock("2030-02-28");
  expect(new Date("2026-11-05T00:00:00Z").toISOString()).toBe("2026-11-05T00:00:00.000Z");
  expect(new Date(Date.UTC(2026, 0, 1)).getUTCFullYear()).toBe(2026);
  expect(Date.parse("2026-12-01T00:00:00Z")).toBe(Date.UTC(2026, 11, 1));
  expect(new Date()).toBeInstanceOf(Date);
  expect(typeof Date()).toBe("string");
  expect(Date()).toContain("2030");
});

it("restores the clock it replaced", () => {
  const outer = chinaToday();
  const undo = shiftClock("2031-06-15");
  expect(chinaToday()).toBe("2031-06-15");
  undo();
  expect(chinaToday()).toBe(outer);
});

it("refuses a day that does not exist", () => {
  expect(() => shiftClock("2027-02-30")).toThrow(/JIANFU_TEST_TODAY/);
  expect(() => shiftClock("tomorrow")).toThrow(/YYYY-MM-DD/);
  expect(addDays(chinaToday(), 0)).toBe(chinaToday());
});

it.runIf(process.env.JIANFU_TEST_TODAY)("runs this file on the day JIANFU_TEST_TODAY names (setup-clock.ts)", () => {
  expect(chinaToday()).toBe(process.env.JIANFU_TEST_TODAY);
});
