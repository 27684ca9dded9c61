import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../kernel/dates.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { loadWorkingCalendar } from "../calendar/calendar.js";
import { DEFAULT_REMINDER_DAYS, reminderDue, sendDueReminders, workingDaysBefore } from "./reminders.js";
import { caseEvents, cases } from "./schema.js";
import { freshAddress, REPORT, submitPublicReport } from "./test-fixtures.js";

/** Weekdays work, weekends do not, and 2026-10-01..07 is a holiday: enough to count working days by hand. */
const calendar = {
  isWorkingDay: (iso: string) => {
    const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6 && !(iso >= "2026-10-01" && iso <= "2026-10-07");
  },
};

describe("the day a reminder falls due, by working days", () => {
  it("counts back over weekends and holidays", () => {
    expect(workingDaysBefore(calendar, "2026-11-16", 0)).toBe("2026-11-16"); // Monday itself
    expect(workingDaysBefore(calendar, "2026-11-16", 1)).toBe("2026-11-13"); // the Friday before
    expect(workingDaysBefore(calendar, "2026-11-16", 2)).toBe("2026-11-12");
    expect(workingDaysBefore(calendar, "2026-10-09", 3)).toBe("2026-09-29"); // over the National Day week
  });

  it("is due from the reminder day up to the deadline, never after it", () => {
    const due = (today: string, days = 2) => reminderDue(calendar, { deadline: "2026-11-16", today, days });
    expect(due("2026-11-11")).toBe(false);
    expect(due("2026-11-12")).toBe(true);
    expect(due("2026-11-14")).toBe(true); // a Saturday in between: a late run still reminds
    expect(due("2026-11-16")).toBe(true);
    expect(due("2026-11-17")).toBe(false); // overdue: escalation's business, not a reminder's
    expect(due("2026-11-13", 0)).toBe(false);
    expect(due("2026-11-16", 0)).toBe(true);
  });
});

let ctx: TestContext;
let office: Session;
let town: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  town = await loginAs(ctx.app, "raohe_town");
});
afterAll(async () => ctx?.close());

const newCase = async () => {
  const text = `${REPORT.text}（提醒测试 ${Math.random().toString(36).slice(2)}）`;
  const { receipt } = (await submitPublicReport(ctx.app, { text })).json<{ receipt: string }>();
  const [row] = await ctx.db.select().from(cases).where(eq(cases.text, text));
  return { row: row!, receipt };
};
const remindersOf = async (id: string) => (await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).filter((e) => e.kind === "reminder");
const workingCalendar = async (deadline: string) => loadWorkingCalendar(ctx.db, [Number(deadline.slice(0, 4)) - 1, Number(deadline.slice(0, 4))]);

describe("reminders to the handling body", () => {
  it("reminds once per state, N working days ahead, in the timeline and the handler's list, never to the reporter", async () => {
    const { row, receipt } = await newCase();
    const deadline = row.deadline!;
    const reminderDay = workingDaysBefore(await workingCalendar(deadline), deadline, DEFAULT_REMINDER_DAYS);

    await sendDueReminders(ctx.db, addDays(reminderDay, -1));
    expect(await remindersOf(row.id)).toHaveLength(0);
    await sendDueReminders(ctx.db, reminderDay);
    await sendDueReminders(ctx.db, reminderDay);
    await sendDueReminders(ctx.db, deadline);
    const sent = await remindersOf(row.id);
    expect(sent.map((e) => [e.on, e.status, e.body, e.author, e.visibleToReporter])).toEqual([[reminderDay, "received", deadline, "system", false]]);

    // The handler: a mark in the list, a filter, and the event in the timeline.
    const list = (await office.request({ method: "GET", url: "/api/cases?dueSoon=true&limit=200" })).json<{ items: { id: string; dueSoon: boolean }[] }>();
    expect(list.items.find((c) => c.id === row.id)?.dueSoon).toBe(true);
    const detail = (await office.request({ method: "GET", url: `/api/cases/${row.id}` })).json<{ events: { kind: string }[] }>();
    expect(detail.events.map((e) => e.kind)).toContain("reminder");
    // The reported township sees nothing (no case list at all); the reporter's view has no reminder.
    expect((await town.request({ method: "GET", url: "/api/cases?dueSoon=true" })).statusCode).toBe(403);
    expect((await town.request({ method: "GET", url: `/api/cases/${row.id}` })).statusCode).toBe(404);
    const view = (await ctx.app.inject({ method: "GET", url: `/api/public/reports/${receipt}`, remoteAddress: freshAddress() })).json<{ events: { kind: string }[] }>();
    expect(view.events.map((e) => e.kind)).not.toContain("reminder");

    // A new state has a new deadline: one more reminder when that one nears.
    expect((await office.request({ method: "POST", url: `/api/cases/${row.id}/transition`, payload: { to: "verifying", reason: "启动核实" } })).statusCode).toBe(200);
    const [moved] = await ctx.db.select().from(cases).where(eq(cases.id, row.id));
    const list2 = (await office.request({ method: "GET", url: "/api/cases?dueSoon=true&limit=200" })).json<{ items: { id: string }[] }>();
    expect(list2.items.map((c) => c.id)).not.toContain(row.id);
    await sendDueReminders(ctx.db, moved!.deadline!);
    expect((await remindersOf(row.id)).map((e) => e.status)).toEqual(["received", "verifying"]);
  });

  it("follows the region's own number of days, set by its office", async () => {
    const bad = await Promise.all([-1, 21, 1.5].map((reminder) => office.request({ method: "PUT", url: "/api/cases/settings/deadlines", payload: { reminder } })));
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400]);
    expect((await town.request({ method: "PUT", url: "/api/cases/settings/deadlines", payload: { reminder: 1 } })).statusCode).toBe(403);
    const set = await office.request({ method: "PUT", url: "/api/cases/settings/deadlines", payload: { reminder: 0 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ reminderDays: 0, deadlines: { received: 3 } });

    const { row } = await newCase();
    const deadline = row.deadline!;
    const dayBefore = workingDaysBefore(await workingCalendar(deadline), deadline, 1);
    await sendDueReminders(ctx.db, dayBefore);
    expect(await remindersOf(row.id)).toHaveLength(0);
    await sendDueReminders(ctx.db, deadline);
    expect(await remindersOf(row.id)).toHaveLength(1);
    // Setting the state days again keeps the reminder days.
    expect((await office.request({ method: "PUT", url: "/api/cases/settings/deadlines", payload: { verifying: 12 } })).json().reminderDays).toBe(0);
  });
});
