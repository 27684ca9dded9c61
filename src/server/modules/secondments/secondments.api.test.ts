import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { sheetRows } from "../../test/xlsx.js";
import { monthsOf, secondmentFlags } from "./flags.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const year = Number(today.slice(0, 4));
// The approved one began a month ago; its approval is in the register of that year (the last one early in January).
const approvedStart = addDays(today, -30);

beforeAll(async () => {
  ctx = await createTestApp();
  const res = await (await as("raohe_office")).request({
    method: "POST",
    url: "/api/gate/registers",
    payload: { regionCode: "230524", year: Number(approvedStart.slice(0, 4)), register: "secondment_approval", entries: [{ code: "饶组借〔2026〕1号", title: "同意县农业农村局借调一名乡镇干部" }] },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
});
afterAll(async () => ctx?.close());

type S = { id: string; flags: { code: string; message: string }[]; can: string[]; returnedOn: string | null };
const register = async (username: string, body: Record<string, unknown>) =>
  (await as(username)).request({
    method: "POST",
    url: "/api/secondments",
    payload: { personName: "张三", fromUnit: "230524100000", borrowingUnit: "230524D01", startOn: `${year}-01-05`, plannedEndOn: `${year}-04-05`, reason: "春耕生产调度专班", ...body },
  });

describe("secondments 借调", () => {
  it("flags a secondment without approval, too long, repeated within two years and overdue; an approved short one has no flag", async () => {
    const ok = await register("raohe_nyncj", { personName: "李四", approvalCode: "饶组借〔2026〕1号", startOn: approvedStart, plannedEndOn: addDays(today, 60) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as S).flags).toEqual([]);

    const first = await register("raohe_nyncj", { startOn: `${year - 1}-03-01`, plannedEndOn: `${year - 1}-06-01`, approvalCode: "饶组借〔2026〕1号" });
    await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/secondments/${(first.json() as S).id}/return`, payload: { returnedOn: `${year - 1}-06-01` } });
    const again = await register("raohe_nyncj", { startOn: addDays(today, -300), plannedEndOn: addDays(today, -10) });
    const codes = (again.json() as S).flags.map((f) => f.code).sort();
    expect(codes).toEqual(["NO_APPROVAL", "OVERDUE_RETURN", "REPEATED", "TOO_LONG"]);
    expect((again.json() as S).flags.find((f) => f.code === "TOO_LONG")!.message).toContain("超过 6 个月");

    // Returning it clears the overdue flag; a second return is refused.
    const back = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/secondments/${(again.json() as S).id}/return`, payload: { returnedOn: today } });
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as S).flags.map((f) => f.code)).not.toContain("OVERDUE_RETURN");
    const twice = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/secondments/${(again.json() as S).id}/return`, payload: { returnedOn: today } });
    expect(twice.statusCode).toBe(409);

    // The township the cadre comes from sees it; another county does not.
    const town = (await (await as("raohe_town")).request({ method: "GET", url: "/api/secondments?flagged=true" })).json() as { items: S[] };
    expect(town.items.length).toBeGreaterThan(0);
    expect(town.items[0]!.can).toEqual([]);
    expect(((await (await as("atushi_office")).request({ method: "GET", url: "/api/secondments" })).json() as { total: number }).total).toBe(0);
  });

  it("lets only the borrower or the region's office keep the register, and refuses bad input", async () => {
    expect((await register("raohe_tjj", {})).statusCode).toBe(403);
    expect((await register("raohe_village", {})).statusCode).toBe(403);
    expect((await register("atushi_office", {})).statusCode).toBe(403);
    expect((await register("raohe_office", {})).statusCode).toBe(201);
    const bad: [Record<string, unknown>, number, string][] = [
      [{ fromUnit: "230524D02" }, 400, "SECONDMENT_FROM_NOT_GRASSROOTS"],
      [{ fromUnit: "653001100000" }, 400, "SECONDMENT_FROM_NOT_GRASSROOTS"],
      [{ plannedEndOn: `${year}-01-01` }, 400, "VALIDATION_FAILED"],
      [{ personName: "" }, 400, "VALIDATION_FAILED"],
      [{ borrowingUnit: "999999" }, 404, "UNIT_NOT_FOUND"],
    ];
    for (const [body, status, code] of bad) {
      const res = await register("raohe_nyncj", body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });
});

describe("the secondments register in Excel", () => {
  it("downloads what the list shows, flags in words; only flagged ones on request; another region gets its own (none)", async () => {
    const office = await as("raohe_office");
    const all = await office.request({ method: "GET", url: "/api/secondments/export.xlsx" });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers["content-type"]).toContain("spreadsheetml");
    const rows = await sheetRows(all.rawPayload);
    expect(rows[1]).toEqual(["姓名", "原单位", "借调单位", "开始日期", "计划结束日期", "实际返回日期", "借调月数", "审批文号", "借调事由", "问题", "占用工时（小时）"]);
    const listed = (await office.request({ method: "GET", url: "/api/secondments" })).json() as { total: number; items: (S & { personName: string; hours: number })[] };
    expect(rows.length - 2).toBe(listed.total);
    expect(rows.some((r) => r[0] === "李四" && r[9] === "")).toBe(true);
    const li = listed.items.find((i) => i.personName === "李四")!;
    expect(rows.find((r) => r[0] === "李四")![10]).toBe(String(li.hours));

    const flagged = await sheetRows((await office.request({ method: "GET", url: "/api/secondments/export.xlsx?flagged=true" })).rawPayload);
    expect(flagged.length).toBeGreaterThan(2);
    expect(flagged.slice(2).every((r) => r[9]!.length > 0)).toBe(true);

    const elsewhere = await sheetRows((await (await as("atushi_office")).request({ method: "GET", url: "/api/secondments/export.xlsx" })).rawPayload);
    expect(elsewhere).toHaveLength(2);
    expect((await office.request({ method: "GET", url: "/api/secondments/export.xlsx?flagged=maybe" })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: "GET", url: "/api/secondments/export.xlsx" })).statusCode).toBe(401);
  });
});

type Hours = { year: number; units: { unit: { code: string }; secondments: number; workingDays: number; hours: number; hoursLastYear: number; change: number | null }[]; total: { hours: number } };
const hoursOf = async (username: string, y: number) => {
  const res = await (await as(username)).request({ method: "GET", url: `/api/secondments/hours?year=${y}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Hours;
};
const listedHours = async (username: string, person: string) =>
  ((await (await as(username)).request({ method: "GET", url: "/api/secondments" })).json() as { items: { personName: string; workingDays: number; hours: number }[] }).items.find((i) => i.personName === person)!;

describe("burden-hours of secondments 借调占用工时", () => {
  // 2024-12-01 to 2025-01-31: 22 working days in December 2024, 19 in January 2025 (New Year's Day and
  // the Spring Festival off, Sunday 26 January a make-up workday), by the Chinese calendar.
  const winter = { personName: "周五", fromUnit: "230524101000", startOn: "2024-12-01", plannedEndOn: "2025-03-01", reason: "冬季农田水利专班" };

  it("counts the lending unit's working days away × 8 hours, per row and per unit and year against the year before", async () => {
    const made = await register("raohe_nyncj", winter);
    expect(made.statusCode, made.body).toBe(201);
    const back = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/secondments/${(made.json() as S).id}/return`, payload: { returnedOn: "2025-01-31" } });
    expect(back.json()).toMatchObject({ workingDays: 41, hours: 328 });
    const y2025 = await hoursOf("raohe_office", 2025);
    expect(y2025.units.find((u) => u.unit.code === "230524101000")).toEqual({
      unit: { code: "230524101000", name: expect.any(String), level: "township" },
      secondments: 1,
      workingDays: 19,
      hours: 152,
      hoursLastYear: 176,
      change: -0.136,
    });
    // A township it did not come from, and another region, see nothing of it.
    expect((await hoursOf("raohe_town", 2025)).units.map((u) => u.unit.code)).not.toContain("230524101000");
    expect((await hoursOf("atushi_office", 2025)).units).toEqual([]);
    const bad = await (await as("raohe_office")).request({ method: "GET", url: "/api/secondments/hours?year=20x5" });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("takes the minutes of a working day from the lending unit's region; another region keeps its own", async () => {
    const atushi = await register("atushi_office", { ...winter, personName: "吐尔逊", fromUnit: "653001100000", borrowingUnit: "653001" });
    expect(atushi.statusCode, atushi.body).toBe(201);
    expect(atushi.json()).toMatchObject({ hours: expect.any(Number) });
    const put = await (await as("raohe_office")).request({ method: "PUT", url: "/api/gate/settings/230524", payload: { registryMinutes: { secondmentWorkingDay: 420 } } });
    expect(put.statusCode, put.body).toBe(200);
    try {
      expect(await listedHours("raohe_office", "周五")).toMatchObject({ workingDays: 41, hours: 287 });
      expect((await hoursOf("raohe_office", 2025)).units.find((u) => u.unit.code === "230524101000")).toMatchObject({ workingDays: 19, hours: 133, hoursLastYear: 154 });
      // Atushi's cadre is away from 2024-12-01 while not returned: 8-hour days still.
      const there = await listedHours("atushi_office", "吐尔逊");
      expect(there.hours).toBe(there.workingDays * 8);
      expect((await hoursOf("atushi_office", 2024)).units).toEqual([expect.objectContaining({ workingDays: 22, hours: 176 })]);
    } finally {
      await (await as("raohe_office")).request({ method: "PUT", url: "/api/gate/settings/230524", payload: {} });
    }
  });
});

describe("secondment flags", () => {
  it("count months to the return, or to the planned end while away", () => {
    expect(monthsOf({ startOn: "2026-01-01", plannedEndOn: "2026-07-01", returnedOn: null, approvalCode: null })).toBe(5.9);
    expect(monthsOf({ startOn: "2026-01-01", plannedEndOn: "2026-07-01", returnedOn: "2026-02-01", approvalCode: null })).toBe(1);
    const flags = secondmentFlags({ startOn: "2026-01-01", plannedEndOn: "2026-03-01", returnedOn: null, approvalCode: "A" }, [], { maxMonths: 6, repeatYears: 2, approvals: ["A"] }, "2026-02-01", "en");
    expect(flags).toEqual([]);
  });
});
