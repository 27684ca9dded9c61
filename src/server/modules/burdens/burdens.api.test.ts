import { addDays } from "../../kernel/dates.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createUser } from "../org/users.js";
import { importUnits } from "../org/divisions/import.js";
import { createTestApp, loginAs as login, TEST_PASSWORD, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";

let ctx: TestContext;
/** One session per user for the whole file: logins are rate limited per user. */
const sessions = new Map<string, Promise<Session>>();
const loginAs = (_app: unknown, username: string): Promise<Session> => {
  if (!sessions.has(username)) sessions.set(username, login(ctx.app, username));
  return sessions.get(username)!;
};
/** The next Monday after today: burdens issued then, so deadlines are never in the past whenever tests run. */
const monday = (() => {
  let d = addDays(chinaToday(), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();

const countBurdens = async () => (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from burdens`)).rows[0]?.n ?? 0;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const statsTable = (issuer: string, title: string, text: string) => ({
  kind: "form",
  issuer,
  targets: { under: "230524", level: "village" },
  title,
  text,
  issuedOn: monday,
  deadline: addDays(monday, 2),
  frequency: "once",
  minutesPerTarget: 120,
  details: { fieldCount: 24 },
});

async function submit(s: Session, body: object) {
  const created = await s.request({ method: "POST", url: "/api/burdens", payload: body });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const submitted = await s.request({ method: "POST", url: `/api/burdens/${id}/submit` });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { ...submitted.json(), id } as { id: string; status: string; admissionNumber: string | null; findings: { code: string; severity: string; message: string; evidence: Record<string, unknown> }[] };
}

describe("reported cases", () => {
  it("refuses a township's order to grow an official account by 100 followers a day (TRAFFIC_TARGET, not on the duty list)", async () => {
    const town = await loginAs(ctx.app, "raohe_town");
    const result = await submit(town, {
      kind: "task",
      issuer: "230524100000",
      targets: { under: "230524100000", level: "village" },
      title: "各村政务公众号每日新增粉丝任务",
      text: "各村（社区）须每天为镇政务公众号新增粉丝100人，每周通报排名，未完成的村党支部书记须作出书面检讨。",
      issuedOn: monday,
      deadline: addDays(monday, 30),
      frequency: "daily",
      minutesPerTarget: 60,
      quantity: { value: 100, unit: "人", per: "day" },
    });
    expect(result.status).toBe("returned");
    const codes = result.findings.map((f) => f.code);
    expect(codes).toContain("TRAFFIC_TARGET");
    expect(codes).toContain("DUTY_NOT_LISTED");
    expect(result.admissionNumber).toBeNull();
  });

  it("flags the second of two near-identical statistical tables with a 2-day deadline (DUPLICATE_REQUEST, SHORT_DEADLINE)", async () => {
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    const first = await submit(tjj, statsTable("230524D02", "关于报送各村耕地面积及种植结构统计表的通知", "请各村填报耕地面积、主要农作物播种面积及种植结构统计表，按时报送县统计局。"));
    expect(first.findings.map((f) => f.code)).toContain("SHORT_DEADLINE");
    if (first.status === "in_review") {
      const office = await loginAs(ctx.app, "raohe_office");
      const decided = await office.request({ method: "POST", url: `/api/burdens/${first.id}/decide`, payload: { decision: "admit", reason: "年度统计调查任务，时限经协调确认" } });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json().admissionNumber).toMatch(/^230524-\d{4}-\d{6}-[0-9X]$/);
    }
    const nyncj = await loginAs(ctx.app, "raohe_nyncj");
    const second = await submit(nyncj, statsTable("230524D01", "关于填报各村耕地面积和农作物种植结构情况表的通知", "请各村填写耕地面积、农作物播种面积和种植结构情况表，报县农业农村局。"));
    const duplicate = second.findings.find((f) => f.code === "DUPLICATE_REQUEST");
    expect(duplicate, JSON.stringify(second.findings)).toBeDefined();
    expect(JSON.stringify(duplicate!.evidence)).toContain(first.id);
    // Named by its issuer, as the cadre reading the finding knows it.
    expect(JSON.stringify(duplicate!.evidence)).toContain("饶河县统计局");
    expect(second.findings.map((f) => f.code)).toContain("SHORT_DEADLINE");
    expect(second.status).not.toBe("admitted");
  });

  it("stops a provincial inspection of townships that is in no approved plan (UNPLANNED_INSPECTION)", async () => {
    await importUnits(ctx.db, [{ code: "230000D11", name: "黑龙江省农业农村厅", level: "department", parentCode: "230000", provinceCode: "230000", orgType: "bureau" }]);
    await createUser(ctx.db, { actor: null, input: { username: "hlj_nyt", displayName: "省农业农村厅 督查处", role: "department_staff", scopeCode: "230000D11", password: TEST_PASSWORD }, mustChangePassword: false });
    const province = await loginAs(ctx.app, "hlj_nyt");
    const result = await submit(province, {
      kind: "inspection",
      issuer: "230000D11",
      targets: { under: "230524", level: "township" },
      title: "全省农村人居环境整治专项督查",
      text: "省厅将于下月对各乡镇农村人居环境整治工作开展实地督查。",
      issuedOn: monday,
      deadline: addDays(monday, 40),
      frequency: "once",
      minutesPerTarget: 480,
      details: { comprehensive: false, onSite: true },
    });
    expect(result.findings.map((f) => f.code)).toContain("UNPLANNED_INSPECTION");
    expect(result.status).toBe("returned");
  });
});

describe("admission numbers in public", () => {
  it("lets anyone verify an admitted burden's number, and says when a number is unknown or mistyped", async () => {
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    const admitted = await submit(tjj, {
      ...statsTable("230524D02", "2026年第四季度农村住户调查样本轮换登记", "按国家统计调查制度，请样本村配合完成住户调查样本轮换登记。"),
      targets: ["230524101200"],
      deadline: addDays(monday, 21),
      minutesPerTarget: 30,
      dutyItem: "统计调查工作",
    });
    let number = admitted.admissionNumber;
    if (admitted.status === "in_review") {
      const office = await loginAs(ctx.app, "raohe_office");
      number = (await office.request({ method: "POST", url: `/api/burdens/${admitted.id}/decide`, payload: { decision: "admit", reason: "统计调查制度规定的任务" } })).json().admissionNumber;
    }
    expect(number, JSON.stringify(admitted.findings)).toBeTruthy();
    const verify = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${number}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ admissionNumber: number, valid: true, issuer: "饶河县统计局", targetCount: 1 });
    expect(verify.json()).not.toHaveProperty("text");
    const qr = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${number}/qr.svg` });
    expect(qr.headers["content-type"]).toContain("image/svg+xml");
    const typo = number!.replace(/-(\d)(\d{5})-/, (_m, a: string, b: string) => `-${(Number(a) + 1) % 10}${b}-`);
    expect((await ctx.app.inject({ method: "GET", url: `/api/public/verify/${typo}` })).json().error.code).toBe("ADMISSION_NUMBER_INVALID");
    const unknown = await ctx.app.inject({ method: "GET", url: "/api/public/verify/230524-2026-999999-X" });
    expect([400, 404]).toContain(unknown.statusCode);

    const village = await loginAs(ctx.app, "jiaping_village");
    const inbox = (await village.request({ method: "GET", url: "/api/inbox" })).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(admitted.id);
    expect(inbox.items[0].workingDaysLeft).toBeGreaterThan(0);
  });
});

describe("bad input writes nothing", () => {
  const good = () => statsTable("230524D02", "测试报表", "测试");
  const cases: [string, (b: ReturnType<typeof good>) => object, number, string][] = [
    ["an unknown target unit", (b) => ({ ...b, targets: ["230524999999"] }), 404, "UNIT_NOT_FOUND"],
    ["targets outside the issuer's county", (b) => ({ ...b, targets: ["653001100000"] }), 400, "TARGET_OUT_OF_REACH"],
    ["a deadline in the past", (b) => ({ ...b, issuedOn: "2020-01-01", deadline: "2020-01-10" }), 400, "DEADLINE_IN_PAST"],
    ["a deadline before the issue date", (b) => ({ ...b, deadline: addDays(monday, -1) }), 400, "VALIDATION_FAILED"],
    ["absurd minutes", (b) => ({ ...b, minutesPerTarget: 10_000_000 }), 400, "VALIDATION_FAILED"],
    ["oversized text", (b) => ({ ...b, text: "字".repeat(60_001) }), 400, "VALIDATION_FAILED"],
    ["an unknown kind", (b) => ({ ...b, kind: "party" }), 400, "VALIDATION_FAILED"],
    ["meeting without its details", (b) => ({ ...b, kind: "meeting", details: {} }), 400, "VALIDATION_FAILED"],
    ["an issuer that is not the user's", (b) => ({ ...b, issuer: "230524D01" }), 403, "NOT_ISSUER"],
  ];
  it.each(cases)("%s", async (_name, mutate, status, code) => {
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    const before = await countBurdens();
    const res = await tjj.request({ method: "POST", url: "/api/burdens", payload: mutate(good()) });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await countBurdens()).toBe(before);
  });
});

describe("who may do what", () => {
  it("lets no village cadre issue, and hides a county's burdens from another county's office", async () => {
    const village = await loginAs(ctx.app, "raohe_village");
    const res = await village.request({ method: "POST", url: "/api/burdens", payload: statsTable("230524100200", "村里自定报表", "") });
    expect(res.statusCode).toBe(403);
    const tjj = await loginAs(ctx.app, "raohe_tjj");
    const draft = (await tjj.request({ method: "POST", url: "/api/burdens", payload: statsTable("230524D02", "仅草稿", "") })).json();
    const atushi = await loginAs(ctx.app, "atushi_office");
    expect((await atushi.request({ method: "GET", url: `/api/burdens/${draft.id}` })).statusCode).toBe(404);
    expect((await atushi.request({ method: "POST", url: `/api/burdens/${draft.id}/decide`, payload: { decision: "admit", reason: "越权" } })).statusCode).toBe(404);
    const raoheOffice = await loginAs(ctx.app, "raohe_office");
    expect((await raoheOffice.request({ method: "GET", url: `/api/burdens/${draft.id}` })).statusCode).toBe(200);
    const decideDraft = await raoheOffice.request({ method: "POST", url: `/api/burdens/${draft.id}/decide`, payload: { decision: "admit", reason: "草稿不能审核" } });
    expect(decideDraft.statusCode).toBe(409);
    expect(decideDraft.json().error.code).toBe("WRONG_STATUS");
  });
});
