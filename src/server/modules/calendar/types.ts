/** The working-day calendar as its users (the admission gate, the inbox) see it. */
export type NamedDay = { date: string; kind: "holiday" | "workday"; name: string; nameEn: string | null };

export type WorkingCalendar = {
  /** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
  workingDaysBetween: (from: string, to: string) => number;
  /** False for a year the holiday data does not cover yet: weekends only are counted then. */
  covers: (year: number) => boolean;
  /** Holidays and make-up workdays after `from` up to and including `to`, so a finding can name them. */
  namedDaysBetween?: (from: string, to: string) => NamedDay[];
};
