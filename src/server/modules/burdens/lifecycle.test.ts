import { addDays } from "../../kernel/dates.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../audit/audit.js";
import { countRows } from "../../test/factories.js";
import { createTestApp, loginAs as login, type Session, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";
import { expireOverdue } from "./registry.js";

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

type Finding = { code: string; severity: string; message: string; evidence: Record<string, unknown> };
type Written = { id: string; status: string; admissionNumber: string | null; findings: Finding[]; targetCount?: number; yearlyHours?: number };
const codesOf = (r: { findings: Finding[] }) => r.findings.map((f) => f.code);

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

/** A county task to all townships of 饶河县, with a quantity, citing a listed duty, a month to do it. */
const countyTask = () => ({
  kind: "task",
  issuer: "230524D01",
  targets: { under: "230524", level: "township" },
  title: "组织开展春季农业技术推广培训",
  text: "请各乡镇组织农业技术推广培训，每个乡镇培训农户不少于50人，培训情况报县农业农村局。",
  issuedOn: monday,
  deadline: addDays(monday, 35),
  frequency: "once",
  minutesPerTarget: 240,
  quantity: { value: 50, unit: "人", per: "once" },
  dutyItem: "农业技术推广和农业社会化服务",
});

/** The same burden relayed by 饶河镇 to its villages. */
const relayOf = (parentId: string, overrides: Record<string, unknown> = {}) => ({
  ...countyTask(),
  issuer: "230524100000",
  targets: { under: "230524100000", level: "village" },
  title: "转发：组织开展春季农业技术推广培训",
  text: "请各村配合组织农业技术推广培训，培训农户不少于50人，培训情况报镇农业办。",
  minutesPerTarget: 120,
  parentId,
  ...overrides,
});

async function create(s: Session, body: object): Promise<Written> {
  const res = await s.request({ method: "POST", url: "/api/burdens", payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Written;
}

async function submit(s: Session, id: string): Promise<Written> {
  const res = await s.request({ method: "POST", url: `/api/burdens/${id}/submit` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Written;
}

/** Creates, submits and, if the gate sent it to review, has the county office admit it. */
async function admitted(username: string, body: object): Promise<Written & { admissionNumber: string }> {
  const s = await as(username);
  const { id } = await create(s, body);
  let result = await submit(s, id);
  if (result.status === "in_review") {
    const office = await as("raohe_office");
    const res = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "经审核，事项确属需要，准予下达" } });
    expect(res.statusCode, res.body).toBe(200);
    result = res.json() as Written;
  }
  expect(result.status, JSON.stringify(result.findings)).toBe("admitted");
  expect(result.admissionNumber).toMatch(/^230524-\d{4}-\d{6}-[0-9X]$/);
  return result as Written & { admissionNumber: string };
}

const check = async (username: string, body: object) => (await as(username)).request({ method: "POST", url: "/api/admission/check", payload: body });
const detail = async (username: string, id: string) => (await (await as(username)).request({ method: "GET", url: `/api/burdens/${id}` })).json();

describe("a township relays a county burden to its villages", () => {
  let parent: Written & { admissionNumber: string };
  beforeAll(async () => {
    parent = await admitted("raohe_nyncj", countyTask());
  });

  it("offers the relay to a targeted township and lets its child pass the gate again", async () => {
    expect((await detail("raohe_town", parent.id)).can).toContain("relay");
    const town = await as("raohe_town");
    const child = await create(town, relayOf(parent.id));
    expect(child.status).toBe("draft");
    expect(codesOf(child)).not.toContain("LAYERED_INCREASE");
    const result = await submit(town, child.id);
    expect(["admitted", "in_review"]).toContain(result.status);
    expect(codesOf(result)).not.toContain("LAYERED_INCREASE");
    const shown = await detail("raohe_town", child.id);
    expect(shown).toMatchObject({ parentId: parent.id, issuer: { code: "230524100000" } });
    const codes = shown.targetSample.map((t: { code: string }) => t.code) as string[];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith("230524100") && c !== "230524100000")).toBe(true);
  });

  it.each([
    ["an earlier deadline", { deadline: addDays(monday, 20) }, "deadline"],
    ["a larger quantity", { quantity: { value: 80, unit: "人", per: "once" } }, "quantity"],
  ])("refuses a relay with %s (LAYERED_INCREASE)", async (_name, overrides, aspect) => {
    const res = await check("raohe_town", relayOf(parent.id, overrides));
    expect(res.statusCode, res.body).toBe(200);
    const layered = (res.json().findings as Finding[]).find((f) => f.code === "LAYERED_INCREASE");
    expect(layered, res.body).toMatchObject({ severity: "block", evidence: { aspects: [aspect] } });
    expect(res.json().outcome).toBe("returned");
  });

  it("refuses a relay by a township that is not a target of the parent (NOT_A_PARENT_TARGET)", async () => {
    const inspection = await admitted("raohe_nyncj", {
      ...countyTask(),
      title: "组织开展小佳河镇农业技术推广培训",
      targets: ["230524101000"],
    });
    const before = await countRows(ctx.db, "audit_log");
    const town = await as("raohe_town");
    const res = await town.request({ method: "POST", url: "/api/burdens", payload: relayOf(inspection.id) });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe("NOT_A_PARENT_TARGET");
    expect(await countRows(ctx.db, "audit_log")).toBe(before);
  });

  it("refuses to relay a parent that is not admitted (PARENT_NOT_ADMITTED)", async () => {
    const draft = await create(await as("raohe_nyncj"), { ...countyTask(), title: "尚未提交的农业技术推广培训通知" });
    const res = await (await as("raohe_town")).request({ method: "POST", url: "/api/burdens", payload: relayOf(draft.id) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe("PARENT_NOT_ADMITTED");
  });
});

describe("returned, changed and submitted again", () => {
  it("lets the issuer edit a returned burden and resubmit it", async () => {
    const tjj = await as("raohe_tjj");
    const office = await as("raohe_office");
    // A 2-day table: the gate sends it to review for its deadline, and the office returns it.
    const body = {
      kind: "form",
      issuer: "230524D02",
      targets: ["230524101200"],
      title: "农村住户调查样本户基本情况登记表",
      text: "请样本村填报住户调查样本户基本情况登记表。",
      issuedOn: monday,
      deadline: addDays(monday, 1),
      frequency: "once",
      minutesPerTarget: 30,
      dutyItem: "统计调查工作",
      details: { fieldCount: 12 },
    };
    const { id } = await create(tjj, body);
    const first = await submit(tjj, id);
    expect(codesOf(first)).toContain("SHORT_DEADLINE");
    if (first.status === "in_review") {
      const res = await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "return", reason: "时限过短，请给足五个工作日" } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe("returned");
    }
    expect((await detail("raohe_tjj", id)).can).toEqual(expect.arrayContaining(["edit", "submit"]));

    const edited = await tjj.request({ method: "PUT", url: `/api/burdens/${id}`, payload: { ...body, deadline: addDays(monday, 28) } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id, status: "draft" });
    expect(codesOf(edited.json())).not.toContain("SHORT_DEADLINE");
    const again = await submit(tjj, id);
    expect(codesOf(again)).not.toContain("SHORT_DEADLINE");
    const shown = await detail("raohe_tjj", id);
    expect(shown.deadline).toBe(addDays(monday, 28));
    expect(shown.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(
      expect.arrayContaining(["draft", "submitted", "returned", again.status]),
    );
  });
});

describe("withdrawal", () => {
  it("withdraws an admitted burden with a reason, audits it, shows it on the timeline and voids its number", async () => {
    const burden = await admitted("raohe_nyncj", { ...countyTask(), title: "组织开展秋季农业技术推广培训", targets: ["230524102000"] });
    const before = await countRows(ctx.db, "audit_log");
    const res = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/burdens/${burden.id}/withdraw`, payload: { reason: "省厅已统一组织，县级不再单独部署" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("withdrawn");
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 1);
    const entry = await ctx.db.execute<{ action: string; detail: { reason: string } }>(sql`select action, detail from audit_log where entity_id = ${burden.id} order by id desc limit 1`);
    expect(entry.rows[0]).toMatchObject({ action: "burden.withdraw", detail: { reason: "省厅已统一组织，县级不再单独部署" } });
    const shown = await detail("raohe_nyncj", burden.id);
    expect(shown.status).toBe("withdrawn");
    expect(shown.events.at(-1)).toMatchObject({ fromStatus: "admitted", toStatus: "withdrawn", reason: "省厅已统一组织，县级不再单独部署" });
    expect(shown.can).toEqual([]);
    const verify = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${burden.admissionNumber}` });
    expect(verify.json()).toMatchObject({ valid: false, status: "withdrawn" });
    const twice = await (await as("raohe_nyncj")).request({ method: "POST", url: `/api/burdens/${burden.id}/withdraw`, payload: { reason: "再次撤回" } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("WRONG_STATUS");
  });
});

describe("expiry", () => {
  it("expires a one-off burden after its deadline; the public verify says it is no longer valid", async () => {
    const burden = await admitted("raohe_nyncj", { ...countyTask(), title: "组织开展冬季农业技术推广培训", targets: ["230524103000"] });
    const recurring = await admitted("raohe_nyncj", {
      ...countyTask(),
      title: "每月报送农业技术推广培训进度",
      targets: ["230524103000"],
      frequency: "monthly",
      minutesPerTarget: 20,
      quantity: undefined,
    });
    const deadline = addDays(monday, 35);
    const before = await countRows(ctx.db, "audit_log");
    await expireOverdue(ctx.db, deadline); // due today is not overdue yet
    expect((await detail("raohe_nyncj", burden.id)).status).toBe("admitted");
    const afterFirst = await countRows(ctx.db, "audit_log");
    expect(afterFirst).toBeGreaterThanOrEqual(before);
    const expired = await expireOverdue(ctx.db, addDays(deadline, 1));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await countRows(ctx.db, "audit_log")).toBe(afterFirst + expired);
    const shown = await detail("raohe_nyncj", burden.id);
    expect(shown.status).toBe("expired");
    expect(shown.events.at(-1)).toMatchObject({ actorName: "system", fromStatus: "admitted", toStatus: "expired" });
    expect((await detail("raohe_nyncj", recurring.id)).status).toBe("admitted");
    const verify = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${burden.admissionNumber}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ admissionNumber: burden.admissionNumber, valid: false, status: "expired" });
  });
});

describe("burden hours (Standard Cost Model)", () => {
  it("sums minutes × targets × occurrences per year by issuer and by target", async () => {
    const xifeng = { under: "230524102000", level: "village" }; // 西丰镇's villages: no other burden of this file reaches them
    const weekly = await admitted("raohe_mzj", {
      kind: "task",
      issuer: "230524D03",
      targets: xifeng,
      title: "每周走访特困供养人员",
      text: "请各村每周走访一次特困供养人员，了解生活情况，发现困难及时按程序申请救助。",
      issuedOn: monday,
      deadline: addDays(monday, 60),
      frequency: "weekly",
      minutesPerTarget: 20,
      dutyItem: "最低生活保障和特困人员救助供养申请受理、入户调查",
    });
    const daily = await admitted("raohe_mzj", {
      kind: "task",
      issuer: "230524D03",
      targets: xifeng,
      title: "每日查看独居老人取暖情况",
      text: "入冬后请各村每天查看独居老人取暖情况，发现问题及时处置。",
      issuedOn: monday,
      deadline: addDays(monday, 60),
      frequency: "daily",
      minutesPerTarget: 6,
      dutyItem: "农村养老服务和老年人权益保障",
    });
    const n = (await detail("raohe_mzj", weekly.id)).targetCount as number;
    expect(n).toBeGreaterThan(1);
    expect((await detail("raohe_mzj", daily.id)).yearlyHours).toBe(Math.round(((6 * n * 250) / 60) * 10) / 10);

    const office = await as("raohe_office");
    const byIssuer = await office.request({ method: "GET", url: "/api/burdens/hours", query: { by: "issuer", year: String(year) } });
    expect(byIssuer.statusCode, byIssuer.body).toBe(200);
    const mzj = byIssuer.json().items.find((i: { code: string }) => i.code === "230524D03");
    const expectedIssuerMinutes = 20 * n * 52 + 6 * n * 250;
    expect(mzj).toMatchObject({ name: "饶河县民政局", burdens: 2, yearlyHours: Math.round((expectedIssuerMinutes / 60) * 10) / 10 });

    const byTarget = await office.request({ method: "GET", url: "/api/burdens/hours", query: { by: "target", year: String(year), limit: "200" } });
    expect(byTarget.statusCode, byTarget.body).toBe(200);
    const villages = (byTarget.json().items as { code: string; burdens: number; yearlyHours: number }[]).filter((i) => i.code.startsWith("230524102") && i.code !== "230524102000");
    expect(villages).toHaveLength(n);
    // 20 min × 52 weeks + 6 min × 250 working days = 2,540 minutes = 42.3 hours a village
    for (const v of villages) expect(v).toMatchObject({ burdens: 2, yearlyHours: 42.3 });
  });
});

describe("the public verify page in English", () => {
  it("summarises the targets in English", async () => {
    const burden = await admitted("raohe_nyncj", { ...countyTask(), title: "组织开展农业技术推广示范户培训", deadline: addDays(monday, 42) });
    const en = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${burden.admissionNumber}`, headers: { "accept-language": "en" } });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({ valid: true, targets: "all townships of 饶河县" });
    const zh = await ctx.app.inject({ method: "GET", url: `/api/public/verify/${burden.admissionNumber}`, headers: { "accept-language": "zh-CN" } });
    expect(zh.json().targets).toBe("饶河县所有乡镇（街道）");
  });
});

describe("every write is audited", () => {
  it("writes one audit entry per create, update, submit, decide and withdraw, and the chain verifies", async () => {
    const nyncj = await as("raohe_nyncj");
    const before = await countRows(ctx.db, "audit_log");
    const { id } = await create(nyncj, { ...countyTask(), title: "农业技术推广培训审计测试", targets: ["230524200000"] });
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 1);
    const put = await nyncj.request({ method: "PUT", url: `/api/burdens/${id}`, payload: { ...countyTask(), title: "农业技术推广培训审计测试（修改）", targets: ["230524200000"] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 2);
    const submitted = await submit(nyncj, id);
    expect(await countRows(ctx.db, "audit_log")).toBe(before + 3);
    let expected = before + 3;
    if (submitted.status === "in_review") {
      const res = await (await as("raohe_office")).request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "准予下达" } });
      expect(res.statusCode, res.body).toBe(200);
      expect(await countRows(ctx.db, "audit_log")).toBe(++expected);
    }
    const withdrawn = await nyncj.request({ method: "POST", url: `/api/burdens/${id}/withdraw`, payload: { reason: "审计测试结束" } });
    expect(withdrawn.statusCode).toBe(200);
    expect(await countRows(ctx.db, "audit_log")).toBe(expected + 1);
    const actions = await ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${id} order by id`);
    expect(actions.rows.map((r) => r.action)).toEqual(["burden.create", "burden.update", "burden.submit", ...(submitted.status === "in_review" ? ["burden.admit"] : []), "burden.withdraw"]);
    // A refused write leaves no trace.
    const refused = await nyncj.request({ method: "POST", url: "/api/burdens", payload: { ...countyTask(), issuer: "230524D02" } });
    expect(refused.statusCode).toBe(403);
    expect(await countRows(ctx.db, "audit_log")).toBe(expected + 1);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
