/** Dates as the platform speaks them: ISO calendar dates (YYYY-MM-DD) in China's time zone. */

/** Today in China (UTC+8): deadlines are Beijing dates. */
export const chinaToday = (now = new Date()): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The ISO date `days` after (or before, when negative) an ISO date. */
export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
