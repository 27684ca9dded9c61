import { addDays } from "../../kernel/dates.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loadWorkingCalendar } from "../calendar/calendar.js";
import { createUser } from "../org/users.js";
import { countRows } from "../../test/factories.js";
import { createTestApp, loginAs as login, TEST_PASSWORD, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";

let ctx: TestContext;
/** One session per user for the whole file: logins are rate limited per user. */
const sessions = new Map<string, Promise<Session>>();
const as = (username: string): Promise<Session> => {
  if (!sessions.has(username)) sessions.set(username, login(ctx.app, username));
  return sessions.get(username)!;
};
/** The next Monday after today: burdens issued then never have deadlines in the past. */
const monday = (() => {
  let d = addDays(chinaToday(), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();
const year = Number(monday.slice(0, 4));
/** The day that leaves exactly 7 working days after `monday` by the Chinese calendar (holidays included). */
let sevenWorkingDays = "";

type Finding = { code: string; severity: string; evidence: Record<string, unknown> };

beforeAll(async () => {
  ctx = await createTestApp();
  const calendar = await loadWorkingCalendar(ctx.db, [year, year + 1]);
  let d = monday;
  while (calendar.workingDaysBetween(monday, d) < 7) d = addDays(d, 1);
  sevenWorkingDays = d;
  await createUser(ctx.db, {
    actor: null,
    input: { username: "hlj_office", displayName: "黑龙江省减负办 测试", role: "office", scopeCode: "230000", password: TEST_PASSWORD },
    mustChangePassword: false,
  });
});
afterAll(async () => ctx?.close());

const sevenDayTask = () => ({
  kind: "task",
  issuer: "230524D01",
  targets: ["230524100200"],
  title: "组织农户参加农业技术推广培训",
  text: "请组织农户参加农业技术推广培训，培训情况报县农业农村局。",
  issuedOn: monday,
  deadline: sevenWorkingDays,
  frequency: "once",
  minutesPerTarget: 30,
  dutyItem: "农业技术推广和农业社会化服务",
});

async function findings(body: object): Promise<Finding[]> {
  const res = await (await as("raohe_nyncj")).request({ method: "POST", url: "/api/admission/check", payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().findings as Finding[];
}
const shortDeadline = async () => (await findings(sevenDayTask())).find((f) => f.code === "SHORT_DEADLINE");

async function put(username: string, regionCode: string, settings: object) {
  return (await as(username)).request({ method: "PUT", url: `/api/gate/settings/${regionCode}`, payload: settings });
}
async function effective(regionCode: string): Promise<Record<string, unknown>> {
  const res = await (await as("raohe_office")).request({ method: "GET", url: `/api/gate/settings/${regionCode}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().effective as Record<string, unknown>;
}

describe("a region's thresholds are configuration", () => {
  it("sends a 7-working-day burden to review once the county office asks for 10 working days", async () => {
    expect(await shortDeadline()).toBeUndefined();
    expect((await effective("230524")).minWorkingDays).toBe(5);
    const before = await countRows(ctx.db, "audit_log");
    const res = await put("raohe_office", "230524", { minWorkingDays: 10 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 1);
    expect((await effective("230524")).minWorkingDays).toBe(10);
    expect(await shortDeadline()).toMatchObject({ severity: "review", evidence: { workingDays: 7, required: 10 } });
    // The township below the county inherits it; Atushi keeps the default.
    expect((await effective("230524100000")).minWorkingDays).toBe(10);
    const atushi = await (await as("atushi_office")).request({ method: "GET", url: "/api/gate/settings/653001" });
    expect(atushi.json().effective.minWorkingDays).toBe(5);
  });

  it("lets a provincial setting reach the county unless the county overrides it", async () => {
    const province = await put("hlj_office", "230000", { minWorkingDays: 9 });
    expect(province.statusCode, province.body).toBe(200);
    expect((await effective("230000")).minWorkingDays).toBe(9);
    // The county's own 10 still wins over the province's 9.
    expect((await effective("230524")).minWorkingDays).toBe(10);
    expect(await shortDeadline()).toMatchObject({ evidence: { required: 10 } });
    // A county setting that says nothing of working days leaves the province's in force.
    expect((await put("raohe_office", "230524", { speechMaxMinutes: 45 })).statusCode).toBe(200);
    expect(await effective("230524")).toMatchObject({ minWorkingDays: 9, speechMaxMinutes: 45 });
    expect(await shortDeadline()).toMatchObject({ evidence: { workingDays: 7, required: 9 } });
    // The county may also relax it below the province's.
    expect((await put("raohe_office", "230524", { minWorkingDays: 6 })).statusCode).toBe(200);
    expect((await effective("230524")).minWorkingDays).toBe(6);
    expect(await shortDeadline()).toBeUndefined();
    // The county office cannot touch the province.
    const up = await put("raohe_office", "230000", { minWorkingDays: 1 });
    expect(up.statusCode).toBe(403);
    expect(up.json().error.code).toBe("OUT_OF_SCOPE");
  });

  it("keeps the specific-document cap when only the general one is lowered, and applies the new cap", async () => {
    const res = await put("raohe_office", "230524", { minWorkingDays: 6, documentMaxChars: { general: 3000, specific: 4000 } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await effective("230524")).documentMaxChars).toEqual({ general: 3000, specific: 4000 });
    const doc = (chars: number, scope: "general" | "specific") => ({
      ...sevenDayTask(),
      kind: "document",
      title: "关于进一步做好农业技术推广工作的通知",
      text: "农业技术推广".repeat(Math.ceil(chars / 6)).slice(0, chars),
      deadline: addDays(monday, 40),
      details: { head: "red", scope },
    });
    const codes = async (body: object) => (await findings(body)).map((f) => f.code);
    const over = await findings(doc(3500, "general"));
    const cap = over.find((f) => JSON.stringify(f.evidence).includes("3000"));
    expect(cap, JSON.stringify(over)).toBeDefined();
    expect(await codes(doc(3500, "specific"))).not.toContain(cap!.code);
  });

  it("passes an inspection that is in the registered plan and stops one that is not (UNPLANNED_INSPECTION)", async () => {
    const inspection = (planItemCode: string) => ({
      ...sevenDayTask(),
      kind: "inspection",
      targets: { under: "230524", level: "township" },
      title: "农业技术推广工作专项督查",
      text: "县农业农村局将对各乡镇农业技术推广工作开展专项督查。",
      deadline: addDays(monday, 40),
      details: { planItemCode, comprehensive: false, onSite: true },
    });
    const codes = async (code: string) => (await findings(inspection(code))).map((f) => f.code);
    expect(await codes("RH-NY-01")).toContain("UNPLANNED_INSPECTION");
    const before = await countRows(ctx.db, "audit_log");
    const res = await (await as("raohe_office")).request({
      method: "POST",
      url: "/api/gate/registers",
      payload: { regionCode: "230524", year, register: "inspection_plan", entries: [{ code: "RH-NY-01", title: "农业技术推广工作专项督查（年度计划）" }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 1);
    expect(await codes("RH-NY-01")).not.toContain("UNPLANNED_INSPECTION");
    const outside = (await findings(inspection("RH-NY-99"))).find((f) => f.code === "UNPLANNED_INSPECTION");
    expect(outside).toMatchObject({ severity: "block", evidence: { planItemCode: "RH-NY-99", planSize: 1 } });
  });
});

describe("bad settings write nothing", () => {
  const settingsRows = async () => (await ctx.db.execute<{ s: string }>(sql`select region_code || ':' || settings::text as s from gate_settings order by region_code`)).rows.map((r) => r.s);
  it.each([
    ["a negative number of working days", { minWorkingDays: -1 }],
    ["a fractional number of working days", { minWorkingDays: 2.5 }],
    ["an unknown key", { minWorkingDay: 3 }],
    ["an unknown key beside a good one", { minWorkingDays: 3, maxMeetings: 2 }],
    ["a negative cap of a kind", { issuerYearlyCap: { form: -1 } }],
    ["an unknown kind in the yearly caps", { issuerYearlyCap: { party: 1 } }],
    ["a tiny document cap", { documentMaxChars: { general: 5, specific: 4000 } }],
    ["a similarity above 1", { duplicateSimilarity: 1.5 }],
    ["a string for a number", { speechMaxMinutes: "60" }],
    ["not an object", [1, 2]],
  ])("refuses %s with 400", async (_name, settings) => {
    const rows = await settingsRows();
    const audit = await countRows(ctx.db, "audit_log");
    const res = await put("raohe_office", "230524", settings);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(await settingsRows()).toEqual(rows);
    expect(await countRows(ctx.db, "audit_log")).toBe(audit);
  });

  it("refuses a village or a department as a region, and registers with a negative year", async () => {
    expect((await put("raohe_office", "230524100200", { minWorkingDays: 3 })).statusCode).toBe(404);
    expect((await put("raohe_office", "230524D01", { minWorkingDays: 3 })).statusCode).toBe(404);
    const bad = await (await as("raohe_office")).request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year: -1, register: "inspection_plan", entries: [{ code: "X", title: "X" }] } });
    expect(bad.statusCode).toBe(400);
  });
});
