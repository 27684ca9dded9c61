import { firstDayOf, monthsBetween, periodOf, shiftPeriod } from "./periods.js";

/**
 * When the demo's story happens, relative to the day it is seeded: Raohe introduced the gate 准入 on the
 * first of the month eleven months back (January when seeded in December), and its history starts
 * thirteen months before that, with the year before the dashboard's default twelve months. So a dashboard's default twelve months always show the month before the gate and
 * the eleven after it, whatever month the demo starts in — a fixed "January of this year" left almost no
 * after-gate months when the demo was seeded in January.
 */
const GATE_MONTHS_AGO = 11;

export type DemoTimeline = {
  /** The day the gate took effect. */
  gate: string;
  gatePeriod: string;
  /** The first month of the demo's history: the old ways for thirteen months, so the year-before line of the dashboard's twelve months has every month. */
  historyStart: string;
  /** Months from the gate's month to `period`: 0 in the gate's month, negative before it. */
  monthsSinceGate: (period: string) => number;
};

export function demoTimeline(today: string): DemoTimeline {
  const gatePeriod = shiftPeriod(periodOf(today), -GATE_MONTHS_AGO);
  return {
    gate: firstDayOf(gatePeriod),
    gatePeriod,
    historyStart: shiftPeriod(gatePeriod, -13),
    monthsSinceGate: (period) => monthsBetween(gatePeriod, period),
  };
}
