import type { Frequency } from "../../../contracts/burdens.js";

/**
 * Burden hours by the Standard Cost Model: time × quantity (targets) × frequency. A daily task falls on
 * working days, so a year has 250 of them, a month about 21.
 */
const OCCURRENCES_PER_YEAR: Record<Frequency, number> = { once: 1, daily: 250, weekly: 52, monthly: 12, quarterly: 4, yearly: 1 };

export const occurrencesPerYear = (frequency: Frequency): number => OCCURRENCES_PER_YEAR[frequency];

/** Occurrences that fall in one month of a recurring burden; a one-off falls in its deadline's month. */
export const occurrencesPerMonth = (frequency: Frequency): number => (frequency === "once" ? 1 : OCCURRENCES_PER_YEAR[frequency] / 12);

export const yearlyMinutes = (b: { minutesPerTarget: number; frequency: Frequency }, targetCount: number): number =>
  Math.round(b.minutesPerTarget * targetCount * occurrencesPerYear(b.frequency));

export const toHours = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;
