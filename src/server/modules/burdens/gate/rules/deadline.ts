import { finding, type NamedDay, type Rule } from "../types.js";
import { count, distinct, namesEn } from "./text.js";

/**
 * Deadlines counted in working days by the Chinese calendar: public holidays are not working days, a
 * make-up workday 调休 is. A year the calendar does not know yet is counted by weekends only, and said so.
 */

/** Years a check spans; a deadline years away is not worth naming every year. */
const MAX_YEARS_NAMED = 5;

function holidayNotes(days: NamedDay[]) {
  const holidays = days.filter((d) => d.kind === "holiday");
  const makeUp = days.filter((d) => d.kind === "workday").map((d) => d.date);
  const zh = distinct(holidays.map((d) => d.name));
  const en = distinct(holidays.map((d) => d.nameEn ?? d.name));
  return {
    zh: `${zh.length ? `（已扣除${zh.join("、")}假期）` : ""}${makeUp.length ? `（含调休上班日 ${makeUp.join("、")}）` : ""}`,
    en: `${en.length ? ` (${namesEn(en)} holidays excluded)` : ""}${makeUp.length ? ` (make-up workday${makeUp.length > 1 ? "s" : ""} ${makeUp.join(", ")} included)` : ""}`,
    holidays: distinct(holidays.map((d) => d.date)),
    makeUp,
  };
}

export const shortDeadline: Rule = {
  code: "SHORT_DEADLINE",
  description: { "zh-CN": "截止期限少于规定的工作日数", en: "Fewer working days to the deadline than required" },
  run: (burden, ctx) => {
    const { issuedOn, deadline } = burden;
    const out = [];
    const firstYear = Number(issuedOn.slice(0, 4));
    const lastYear = Math.min(Number(deadline.slice(0, 4)), firstYear + MAX_YEARS_NAMED - 1);
    const uncovered: number[] = [];
    for (let y = firstYear; y <= lastYear; y++) if (!ctx.calendar.covers(y)) uncovered.push(y);

    const min = ctx.settings.minWorkingDays;
    const days = ctx.calendar.workingDaysBetween(issuedOn, deadline);
    if (days < min) {
      const notes = holidayNotes(ctx.calendar.namedDaysBetween?.(issuedOn, deadline) ?? []);
      const zhDays = days === 0 ? "不足 1 个工作日" : `仅 ${days} 个工作日`;
      const enDays = days === 0 ? "less than one working day" : `only ${count(days, "working day")}`;
      out.push(
        finding(
          "SHORT_DEADLINE",
          "review",
          `截止期限${zhDays}，少于规定的 ${min} 个工作日${notes.zh}：${issuedOn} 下发，${deadline} 截止`,
          `The deadline leaves ${enDays}, fewer than the required ${min}${notes.en}: issued ${issuedOn}, due ${deadline}`,
          { workingDays: days, required: min, issuedOn, deadline, holidays: notes.holidays, makeUpWorkdays: notes.makeUp, weekendsOnlyYears: uncovered },
        ),
      );
    }
    if (uncovered.length) {
      const years = uncovered.join("、");
      out.push(
        finding(
          "CALENDAR_NOT_COVERED",
          "info",
          `${years} 年的法定节假日和调休安排尚未收录，工作日暂按周末计算；减负办可录入该年的节假日和调休上班日`,
          `The public holidays and make-up workdays of ${uncovered.join(", ")} are not known yet, so working days are counted by weekends only; the burden-reduction office can enter them`,
          { years: uncovered },
        ),
      );
    }
    return out;
  },
};
