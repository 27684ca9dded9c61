import type { Actor } from "../../kernel/actor.js";

/**
 * The working calendar is national: public holidays and make-up workdays are set by the State Council
 * for the whole country, and every deadline is counted by them.
 *
 * Choice: any burden-reduction office 减负办 (the body the issue names as keeping the calendar when the
 * holiday package lags) and an administrator whose scope is the nation may write it. A county
 * administrator may not: he manages accounts, not the nation's holidays. Every entry is audited under
 * the writer's region and shows who entered it. Regional holidays (e.g. 肉孜节, 古尔邦节 in Xinjiang)
 * would need a region column; not done yet.
 */
export const calendarPolicy = {
  /** Everyone logged in reads the calendar: the inbox shows deadlines in working days. */
  canRead: (_actor: Actor): boolean => true,
  /** An office of any level, or an administrator of the nation, enters and deletes days. */
  canWrite: (actor: Actor): boolean => actor.role === "office" || (actor.role === "admin" && actor.scope.level === "nation"),
};
