import type { RefreshCycle } from "../../../contracts/forms.js";

/**
 * The period a value belongs to, from the indicator's refresh cycle and the date the figures are asked
 * for: a value is fresh for a form when one exists for the same unit, indicator and period.
 */
export function periodKey(cycle: RefreshCycle, isoDate: string): string {
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  switch (cycle) {
    case "once":
      return "static";
    case "yearly":
      return year;
    case "quarterly":
      return `${year}Q${Math.ceil(month / 3)}`;
    case "monthly":
      return isoDate.slice(0, 7);
  }
}
