import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { sheetRows } from "../../test/xlsx.js";
import { quarterRange } from "./inspection-merge.js";
import { chinaToday } from "./prepare.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
beforeAll(async () => {
  ctx = await createTestApp();
  // Inspections need an approved plan item (UNPLANNED_INSPECTION blocks the others).
  const plan = await (await as("raohe_office")).request({
    method: "POST",
    url: "/api/gate/registers",
    payload: { regionCode: "230524", year, register: "inspection_plan", entries: [{ code: "JC-T1", title: "年度专项检查计划" }] },
  });
  expect(plan.statusCode, plan.body).toBeLessThan(300);
});
afterAll(async () => ctx?.close());

/** Next year's second quarter: always ahead, whatever today is. */
const year = Number(chinaToday().slice(0, 4)) + 1;
const q2 = quarterRange(year, 2);

async function admittedInspection(username: string, issuer: string, targets: unknown, date: string, title: string) {
  const s = await as(username);
  const body = {
    kind: "inspection",
    issuer,
    targets,
    title,
    text: `${title}，现场查看工作开展情况。`,
    issuedOn: addDays(date, -20),
    deadline: date,
    frequency: "once",
    minutesPerTarget: 120,
    details: { comprehensive: false, onSite: true, planItemCode: "JC-T1" },
  };
  const created = await s.request({ method: "POST", url: "/api/burdens", payload: body });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as { id: string };
  const submitted = (await s.request({ method: "POST", url: `/api/burdens/${id}/submit` })).json() as { status: string; findings: { code: string }[] };
  let status = submitted.status;
  if (status === "returned") throw new Error(JSON.stringify(submitted.findings.map((f) => f.code)));
  if (status === "in_review") {
    const office = await as("raohe_office");
    status = (await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "测试：同意开展" } })).json().status;
  }
  expect(status).toBe("admitted");
  return id;
}

describe("督检考统筹: inspections of one township in a quarter", () => {
  it("proposes merging the visits of different departments to the same township, and only those", async () => {
    const a = await admittedInspection("raohe_nyncj", "230524D01", ["230524100000"], addDays(q2.from, 10), "春季农业生产专项检查");
    const b = await admittedInspection("raohe_mzj", "230524D03", { under: "230524100000", level: "village" }, addDays(q2.from, 40), "农村低保专项督查");
    // Another quarter, and another township alone: no proposal for them.
    await admittedInspection("raohe_tjj", "230524D02", ["230524100000"], addDays(q2.to, 20), "统计执法检查");
    await admittedInspection("raohe_tjj", "230524D02", ["230524101000"], addDays(q2.from, 5), "统计执法检查（小佳河镇）");

    const res = await (await as("raohe_office")).request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=2` });
    expect(res.statusCode, res.body).toBe(200);
    const { proposals } = res.json() as { proposals: { townshipCode: string; issuers: number; inspections: { id: string }[] }[] };
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ townshipCode: "230524100000", issuers: 2 });
    expect(proposals[0]!.inspections.map((i) => i.id).sort()).toEqual([a, b].sort());

    // The commission sees the same; a department may not plan; another county sees none of Raohe's.
    expect((await (await as("raohe_jiwei")).request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=2` })).json().proposals).toHaveLength(1);
    expect((await (await as("raohe_nyncj")).request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=2` })).statusCode).toBe(403);
    expect((await (await as("atushi_office")).request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=2` })).json().proposals).toEqual([]);
  });

  it("refuses a quarter that is not one", async () => {
    const res = await (await as("raohe_office")).request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=5` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("the office accepts a proposal: one joint visit is recorded, audited, and the proposal is gone", async () => {
    const q = `year=${year}&quarter=2`;
    const office = await as("raohe_office");
    const [proposal] = (await office.request({ method: "GET", url: `/api/inspections/merge-proposals?${q}` })).json().proposals as { townshipCode: string; inspections: { id: string }[] }[];
    const ids = proposal!.inspections.map((i) => i.id);
    // The proposal as a sheet: one inspection a row, under its township and the span of dates.
    const proposalSheet = await office.request({ method: "GET", url: `/api/inspections/merge-proposals/export.xlsx?${q}` });
    expect(proposalSheet.statusCode, proposalSheet.body).toBe(200);
    const proposalRows = await sheetRows(proposalSheet.rawPayload);
    expect(proposalRows[1]).toEqual(["乡镇（街道）", "检查单位数", "检查日期范围", "检查事项", "检查单位", "检查日期", "现场检查", "准入编号"]);
    expect(proposalRows.slice(2).map((r) => [r[0], r[1]])).toEqual(ids.map(() => ["饶河镇（230524100000）", "2"]));
    const visitOn = addDays(q2.from, 20);
    const accept = async (username: string, body: Record<string, unknown>) =>
      (await as(username)).request({ method: "POST", url: "/api/inspections/visits", payload: { townshipCode: "230524100000", inspections: ids, visitOn, ...body } });
    const other = (await office.request({ method: "GET", url: `/api/inspections/merge-proposals?year=${year}&quarter=3` })).json().proposals as unknown[];
    expect(other).toEqual([]);
    for (const [user, body, status, code] of [
      ["raohe_office", { inspections: [ids[0]] }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { visitOn: "2026-13-01" }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { inspections: [ids[0], "00000000-0000-4000-8000-000000000000"] }, 400, "VISIT_INSPECTIONS_INVALID"],
      ["raohe_office", { townshipCode: "230524101000" }, 400, "VISIT_INSPECTIONS_INVALID"],
      ["raohe_office", { townshipCode: "230524100200" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_office", { lead: "230524D02" }, 400, "VISIT_LEAD_INVALID"],
      ["raohe_jiwei", {}, 403, "FORBIDDEN"],
      ["raohe_nyncj", {}, 403, "FORBIDDEN"],
      ["atushi_office", {}, 403, "FORBIDDEN"],
    ] as const) {
      const res = await accept(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const done = await accept("raohe_office", { lead: "230524D03", note: "民政、农业联合到饶河镇检查一次" });
    expect(done.statusCode, done.body).toBe(201);
    const [visit] = done.json().items as { township: { name: string }; lead: { name: string }; visitOn: string; inspections: { id: string }[] }[];
    expect(visit).toMatchObject({ township: { name: "饶河镇" }, lead: { name: "饶河县民政局" }, visitOn });
    expect(visit!.inspections.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect((await accept("raohe_office", {})).json().error.code).toBe("VISIT_ALREADY_MERGED");
    expect((await office.request({ method: "GET", url: `/api/inspections/merge-proposals?${q}` })).json().proposals).toEqual([]);
    const listed = (await (await as("raohe_jiwei")).request({ method: "GET", url: `/api/inspections/visits?${q}` })).json().items as unknown[];
    expect(listed).toHaveLength(1);
    // The quarter in Excel: the visit, one merged inspection a row; the proposals' sheet now empty below its header.
    const visitsSheet = await sheetRows((await office.request({ method: "GET", url: `/api/inspections/visits/export.xlsx?${q}` })).rawPayload);
    expect(visitsSheet[0]![0]).toContain("联合检查");
    expect(visitsSheet.slice(2).map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ["饶河镇（230524100000）", visitOn, "饶河县民政局", "民政、农业联合到饶河镇检查一次"],
      ["饶河镇（230524100000）", visitOn, "饶河县民政局", "民政、农业联合到饶河镇检查一次"],
    ]);
    expect((await sheetRows((await office.request({ method: "GET", url: `/api/inspections/merge-proposals/export.xlsx?${q}` })).rawPayload)).length).toBe(2);
    expect((await (await as("raohe_nyncj")).request({ method: "GET", url: `/api/inspections/visits/export.xlsx?${q}` })).statusCode).toBe(403);
    expect((await (await as("atushi_office")).request({ method: "GET", url: `/api/inspections/visits?${q}` })).json().items).toEqual([]);
    const audit = await ctx.db.execute<{ detail: { township: string; inspections: string[] } }>(sql`select detail from audit_log where action = 'inspection.visit'`);
    expect(audit.rows.map((r) => [r.detail.township, r.detail.inspections.length])).toEqual([["230524100000", 2]]);
  });
});
