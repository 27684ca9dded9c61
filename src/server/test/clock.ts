import { addDays, chinaToday } from "../kernel/dates.js";

/**
 * A test run as if today were another day: `JIANFU_TEST_TODAY=2027-01-04 npx vitest run` moves `Date`
 * (`new Date()`, `Date.now()`, hence `chinaToday()`) by whole days, so the clock still runs and keeps the
 * time of day. It catches tests and code that assume "this year is 2026" before the calendar does.
 *
 * It moves JavaScript's clock only: `now()` and `current_date` inside the database, and server processes
 * a test spawns (cases/durability, db/data-dir-lock), keep the real date. Business dates are taken from
 * `chinaToday()` in the code, not from SQL, so the database's clock only stamps `created_at`-like columns.
 *
 * It is a Proxy over the real `Date` rather than vi.useFakeTimers so that the global setup, which seeds
 * the template databases outside any test worker, runs on the same day as the tests.
 */
export const TEST_TODAY_VARIABLE = "JIANFU_TEST_TODAY";

const shifted = Symbol.for("jianfu.testClock");
type ShiftedDate = DateConstructor & { [shifted]?: { real: DateConstructor; today: string } };

/** Moves `Date` so that China's today is `today`; returns what restores the clock it replaced. */
export function shiftClock(today: string): () => void {
  const current = globalThis.Date as ShiftedDate;
  const real = current[shifted]?.real ?? current;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || addDays(today, 0) !== today) {
    throw new Error(`${TEST_TODAY_VARIABLE}=${today}: 应为 YYYY-MM-DD 格式的有效日期 (expected a valid YYYY-MM-DD date)`);
  }
  const offset = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${chinaToday(new real())}T00:00:00Z`);
  const now = () => real.now() + offset;
  const proxy = new Proxy(real, {
    construct: (target, args: unknown[], newTarget) => Reflect.construct(target, args.length ? args : [now()], newTarget) as object,
    // `Date()` called without `new` answers a string of now.
    apply: () => new real(now()).toString(),
    get: (target, property, receiver) => {
      if (property === "now") return now;
      if (property === shifted) return { real, today };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  globalThis.Date = proxy;
  return () => {
    globalThis.Date = current;
  };
}

/** Shifts the clock when JIANFU_TEST_TODAY is set (and not already to that day); otherwise leaves it. */
export function shiftClockFromEnvironment(): () => void {
  const today = process.env[TEST_TODAY_VARIABLE];
  if (!today || (globalThis.Date as ShiftedDate)[shifted]?.today === today) return () => {};
  return shiftClock(today);
}
