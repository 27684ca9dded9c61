import { sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../../test/factories.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { loadWorkingCalendar } from "./calendar.js";

let ctx: TestContext;
/** 饶河县减负办 王主任: an office of a county. */
let office: Session;
/** 饶河村 吴书记: a village cadre, who reads the calendar only. */
let village: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  village = await loginAs(ctx.app, "raohe_village");
});
afterAll(async () => ctx?.close());

const calendarRows = async () => {
  const result = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from calendar_days`);
  return Number(result.rows[0]?.n);
};
const enter = (session: Session, payload: unknown) =>
  session.request({ method: "POST", url: "/api/calendar/days", payload: payload as InjectOptions["payload"] });

describe("reading a year", () => {
  it("shows 2025 from the package: National Day 1–8 October off, 28 September and 11 October worked", async () => {
    const res = await village.request({ method: "GET", url: "/api/calendar/2025" });
    expect(res.statusCode).toBe(200);
    const year = res.json();
    expect(year).toMatchObject({ year: 2025, covered: true, coveredBy: ["package"], workingDays: 248 });
    const byDate = new Map(year.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get("2025-10-01")).toEqual({
      date: "2025-10-01",
      kind: "holiday",
      name: "国庆节",
      nameEn: "National Day",
      source: "package",
      enteredBy: null,
      enteredAt: null,
    });
    expect(byDate.get("2025-09-28")).toMatchObject({ kind: "workday", name: "国庆节" });
    expect(byDate.get("2025-10-11")).toMatchObject({ kind: "workday" });
    expect(byDate.has("2025-10-12")).toBe(false);
  });

  it("shows the 2026 Spring Festival", async () => {
    const year = (await village.request({ method: "GET", url: "/api/calendar/2026" })).json();
    const festival = year.days.filter((d: { name: string; kind: string }) => d.name === "春节" && d.kind === "holiday");
    expect(festival.map((d: { date: string }) => d.date)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23].map((d) => `2026-02-${d}`));
  });

  it("says a year nobody has entered is not covered and counts its weekends only", async () => {
    const year = (await village.request({ method: "GET", url: "/api/calendar/2032" })).json();
    // 2032 is a leap year starting on a Thursday: 52 weeks and two weekdays.
    expect(year).toEqual({ year: 2032, covered: false, coveredBy: [], workingDays: 52 * 5 + 2, days: [] });
  });
});

describe("the office enters days for a year the package does not cover", () => {
  it("enters a holiday and a make-up workday, which change the count the gate uses, each with an audit entry", async () => {
    const before = await loadWorkingCalendar(ctx.db, [2030]);
    expect(before.covers(2030)).toBe(false);
    expect(before.workingDaysBetween("2030-09-27", "2030-10-07")).toBe(6);
    const audits = await countRows(ctx.db, "audit_log");

    const holiday = await enter(office, { date: "2030-10-01", kind: "holiday", name: "国庆节" });
    expect(holiday.statusCode).toBe(201);
    expect(holiday.json()).toMatchObject({ year: 2030, covered: true, coveredBy: ["office"] });
    expect(holiday.json().days).toEqual([
      expect.objectContaining({ date: "2030-10-01", kind: "holiday", name: "国庆节", nameEn: null, source: "office", enteredBy: "饶河县减负办 王主任" }),
    ]);
    const makeUp = await enter(office, { date: "2030-09-29", kind: "workday", name: "国庆节调休上班" });
    expect(makeUp.statusCode).toBe(201);

    const after = await loadWorkingCalendar(ctx.db, [2030]);
    expect(after.covers(2030)).toBe(true);
    // Sunday 29 September now worked, Tuesday 1 October now off.
    expect(after.workingDaysBetween("2030-09-27", "2030-10-07")).toBe(6 + 1 - 1);
    expect(after.workingDaysBetween("2030-09-28", "2030-09-30")).toBe(2);
    expect(await countRows(ctx.db, "audit_log")).toBe(audits + 2);
    const entry = await ctx.db.execute<{ action: string; entity_id: string; actor_name: string }>(
      sql`select action, entity_id, actor_name from audit_log order by id desc limit 1`,
    );
    expect(entry.rows[0]).toEqual({ action: "calendar.day.create", entity_id: "2030-09-29", actor_name: "raohe_office" });
  });

  it("replaces a day entered twice (200) and deletes it, after which the package's answer applies again", async () => {
    expect((await enter(office, { date: "2031-05-02", kind: "holiday", name: "劳动节" })).statusCode).toBe(201);
    const replaced = await enter(office, { date: "2031-05-02", kind: "holiday", name: "劳动节（调整）" });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().days).toEqual([expect.objectContaining({ date: "2031-05-02", name: "劳动节（调整）" })]);
    const removed = await office.request({ method: "DELETE", url: "/api/calendar/days/2031-05-02" });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    const year = (await village.request({ method: "GET", url: "/api/calendar/2031" })).json();
    expect(year).toMatchObject({ covered: false, days: [] });
  });

  it("answers 404 in the user's language for a day nobody entered, and never deletes the package's days", async () => {
    const missing = await office.request({ method: "DELETE", url: "/api/calendar/days/2025-10-01", headers: { "accept-language": "en" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({
      code: "CALENDAR_DAY_NOT_FOUND",
      message: "No holiday or make-up workday was entered by an office for 2025-10-01 (the statutory arrangements of the holiday package cannot be deleted)",
    });
    const zh = await office.request({ method: "DELETE", url: "/api/calendar/days/2025-10-01" });
    expect(zh.json().error.message).toBe("2025-10-01 没有减负办录入的节假日或调休上班日（节假日数据包中的法定安排不能删除）");
  });

  it("loads the office's days only for the years asked, and answers other years from the package", async () => {
    expect((await enter(office, { date: "2033-01-03", kind: "holiday", name: "元旦" })).statusCode).toBe(201);
    const narrow = await loadWorkingCalendar(ctx.db, [2025, 2026]);
    expect(narrow.covers(2033)).toBe(false);
    const wide = await loadWorkingCalendar(ctx.db, [2033]);
    expect(wide.covers(2033)).toBe(true);
    expect(wide.workingDaysBetween("2033-01-02", "2033-01-04")).toBe(1);
    expect((await loadWorkingCalendar(ctx.db, [])).covers(2025)).toBe(true);
  });
});

type Bad = { name: string; request: InjectOptions };
const post = (payload: unknown): InjectOptions => ({ method: "POST", url: "/api/calendar/days", payload: payload as InjectOptions["payload"] });
const BAD: Bad[] = [
  { name: "a date that does not exist", request: post({ date: "2030-02-30", kind: "holiday", name: "春节" }) },
  { name: "a date without leading zeros", request: post({ date: "2030-2-3", kind: "holiday", name: "春节" }) },
  { name: "a date in words", request: post({ date: "tomorrow", kind: "holiday", name: "春节" }) },
  { name: "a date with a time", request: post({ date: "2030-02-03T00:00:00Z", kind: "holiday", name: "春节" }) },
  { name: "a year before 2000", request: post({ date: "1999-10-01", kind: "holiday", name: "国庆节" }) },
  { name: "a year after 2099", request: post({ date: "2100-10-01", kind: "holiday", name: "国庆节" }) },
  { name: "an unknown kind", request: post({ date: "2030-10-01", kind: "vacation", name: "国庆节" }) },
  { name: "a blank name", request: post({ date: "2030-10-01", kind: "holiday", name: "   " }) },
  { name: "a name of 41 characters", request: post({ date: "2030-10-01", kind: "holiday", name: "节".repeat(41) }) },
  { name: "an unknown field", request: post({ date: "2030-10-01", kind: "holiday", name: "国庆节", region: "230524" }) },
  { name: "fields of the wrong type", request: post({ date: 20301001, kind: 1, name: true }) },
  { name: "no fields", request: post({}) },
  { name: "a year in words", request: { method: "GET", url: "/api/calendar/abc" } },
  { name: "a year out of range", request: { method: "GET", url: "/api/calendar/1999" } },
  { name: "a fractional year", request: { method: "GET", url: "/api/calendar/2025.5" } },
  { name: "deleting a malformed date", request: { method: "DELETE", url: "/api/calendar/days/2030-13-01" } },
];

describe("bad input", () => {
  it.each(BAD)("$name → 400 VALIDATION_FAILED, nothing written", async ({ request }) => {
    const [rows, audits] = [await calendarRows(), await countRows(ctx.db, "audit_log")];
    const res = await office.request(request);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(await calendarRows()).toBe(rows);
    expect(await countRows(ctx.db, "audit_log")).toBe(audits);
  });

  it("says which field is wrong, in the user's language", async () => {
    const res = await office.request({ ...post({ date: "1999-10-01", kind: "holiday", name: "国庆节" }), headers: { "accept-language": "en" } });
    expect(res.json().error.details).toEqual([{ path: "body.date", message: "a date between 2000 and 2099" }]);
  });
});

/** Who may do what: usernames of the demo accounts → expected status for reading, entering and deleting. */
const MATRIX: { username: string; who: string; read: number; write: number }[] = [
  { username: "raohe_village", who: "village cadre", read: 200, write: 403 },
  { username: "raohe_town", who: "township official", read: 200, write: 403 },
  { username: "raohe_nyncj", who: "department staff", read: 200, write: 403 },
  { username: "raohe_office", who: "county office", read: 200, write: 201 },
  { username: "atushi_office", who: "office of another county", read: 200, write: 201 },
  { username: "raohe_jiwei", who: "discipline commission", read: 200, write: 403 },
  { username: "raohe_admin", who: "county administrator", read: 200, write: 403 },
  { username: "admin", who: "national administrator", read: 200, write: 201 },
];

describe("authorization", () => {
  it.each(MATRIX.map((row, i) => ({ ...row, date: `2040-03-${String(i + 10).padStart(2, "0")}` })))(
    "$who ($username): read $read, enter $write",
    async ({ username, read, write, date }) => {
      const session = await loginAs(ctx.app, username);
      expect((await session.request({ method: "GET", url: "/api/calendar/2040" })).statusCode).toBe(read);
      const entered = await enter(session, { date, kind: "holiday", name: "测试节日" });
      expect(entered.statusCode, entered.body).toBe(write);
      if (write === 403) {
        expect(entered.json().error.code).toBe("FORBIDDEN");
        // A day the office entered stays whatever he tries.
        expect((await enter(office, { date, kind: "holiday", name: "测试节日" })).statusCode).toBe(201);
      }
      const deleted = await session.request({ method: "DELETE", url: `/api/calendar/days/${date}` });
      expect(deleted.statusCode).toBe(write === 403 ? 403 : 200);
      if (write === 403) expect((await office.request({ method: "DELETE", url: `/api/calendar/days/${date}` })).statusCode).toBe(200);
    },
  );

  it("turns away anyone not logged in, and a write without the CSRF token", async () => {
    expect((await ctx.app.inject({ method: "GET", url: "/api/calendar/2025" })).statusCode).toBe(401);
    expect((await ctx.app.inject(post({ date: "2040-04-01", kind: "holiday", name: "x" }))).statusCode).toBe(401);
    const noCsrf = await office.request({ ...post({ date: "2040-04-01", kind: "holiday", name: "x" }), headers: { "x-csrf-token": "" } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("CSRF_FAILED");
  });
});
