import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XLSX_MIME } from "../../../contracts/duties.js";
import type { EvaluationRequest, EvaluationYear } from "../../../contracts/evaluations.js";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { hoursByIssuer } from "./hours.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const today = chinaToday();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const ask = async (username: string, body: Record<string, unknown> = {}) =>
  (await as(username)).request({ method: "POST", url: "/api/evaluations/requests", payload: { issuer: "230524D01", year, title: "饶河县美丽庭院示范户评选", category: "demonstration", reason: "落实人居环境整治，评选示范户 50 户", ...body } });
const decide = async (username: string, id: string, body: Record<string, unknown>) =>
  (await as(username)).request({ method: "POST", url: `/api/evaluations/requests/${id}/decision`, payload: body });
const view = async (username: string) => (await (await as(username)).request({ method: "GET", url: "/api/evaluations", query: { year: String(year) } })).json() as EvaluationYear;

/** An evaluation burden through the gate: its findings on submission. */
async function evaluationBurden(title: string, approvalCode?: string) {
  const s = await as("raohe_nyncj");
  const created = await s.request({
    method: "POST",
    url: "/api/burdens",
    payload: { kind: "evaluation", issuer: "230524D01", targets: { under: "230524100000", level: "village" }, title, text: "", issuedOn: today, deadline: addDays(today, 30), frequency: "once", minutesPerTarget: 60, details: { category: "demonstration", ...(approvalCode ? { approvalCode } : {}) } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const submitted = await s.request({ method: "POST", url: `/api/burdens/${created.json().id}/submit` });
  return (submitted.json() as { findings: { code: string }[] }).findings.map((f) => f.code);
}

describe("评比创建清单 the approved list of evaluations", () => {
  it("an approved request joins the list the gate reads; a burden citing it passes, one without is flagged", async () => {
    const asked = await ask("raohe_nyncj");
    expect(asked.statusCode, asked.body).toBe(201);
    const req = asked.json() as EvaluationRequest;
    expect(req).toMatchObject({ status: "pending", region: { code: "230524" }, can: [] });
    expect((await decide("raohe_nyncj", req.id, { decision: "approve", reason: "自己批自己" })).statusCode).toBe(403);
    expect((await decide("atushi_office", req.id, { decision: "approve", reason: "越权" })).json().error.code).toBe("EVALUATION_REQUEST_NOT_FOUND");
    const ok = await decide("raohe_office", req.id, { decision: "approve", reason: "列入年度计划", approvalCode: `饶评〔${year}〕1号` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "approved", approvalCode: `饶评〔${year}〕1号` });
    expect((await decide("raohe_office", req.id, { decision: "reject", reason: "再次审核" })).json().error.code).toBe("EVALUATION_ALREADY_DECIDED");

    expect(await evaluationBurden("美丽庭院示范户评选", `饶评〔${year}〕1号`)).not.toContain("UNAPPROVED_EVALUATION");
    expect(await evaluationBurden("文明村镇创建评比")).toContain("UNAPPROVED_EVALUATION");

    const year_ = await view("raohe_office");
    expect(year_.approved.map((e) => e.code)).toContain(`饶评〔${year}〕1号`);
    expect(year_.burdens.map((b) => [b.title, b.onList])).toEqual(expect.arrayContaining([["美丽庭院示范户评选", true], ["文明村镇创建评比", false]]));
  });

  it("a rejection keeps it off the list; a generated code when none is given; a code already used is refused", async () => {
    const r1 = (await ask("raohe_nyncj", { title: "乡村振兴擂台赛" })).json() as EvaluationRequest;
    const rejected = await decide("raohe_office", r1.id, { decision: "reject", reason: "与年度考核重复" });
    expect(rejected.json()).toMatchObject({ status: "rejected", approvalCode: null, decisionReason: "与年度考核重复" });
    expect((await view("raohe_office")).approved.map((e) => e.title)).not.toContain("乡村振兴擂台赛");

    const r2 = (await ask("raohe_town", { issuer: "230524100000", title: "饶河镇开江鱼节", category: "festival_forum" })).json() as EvaluationRequest;
    expect(r2.region.code).toBe("230524");
    const gen = await decide("raohe_office", r2.id, { decision: "approve", reason: "传统节庆，压缩规模" });
    expect(gen.json().approvalCode).toMatch(new RegExp(`^230524-PB-${year}-\\d{3}$`));
    const r3 = (await ask("raohe_nyncj", { title: "另一个评比项目" })).json() as EvaluationRequest;
    expect((await decide("raohe_office", r3.id, { decision: "approve", reason: "重复编号", approvalCode: `饶评〔${year}〕1号` })).json().error.code).toBe("EVALUATION_CODE_TAKEN");
  });

  it("refuses bad requests", async () => {
    const bad: [string, Record<string, unknown>, number, string][] = [
      ["raohe_nyncj", { issuer: "230524D02" }, 403, "FORBIDDEN"],
      ["raohe_village", { issuer: "230524100200" }, 403, "FORBIDDEN"],
      ["raohe_nyncj", { issuer: "230524D77" }, 404, "UNIT_NOT_FOUND"],
      ["raohe_nyncj", { category: "contest" }, 400, "VALIDATION_FAILED"],
      ["raohe_nyncj", { title: "短" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [user, body, status, code] of bad) {
      const res = await ask(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });

  it("imports the list from Excel (all or nothing) and exports it with what is not on it", async () => {
    const sheet = async (rows: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("清单");
      ws.addRow(["审批编号", "项目名称", "类别", "主办单位编码"]);
      for (const r of rows) ws.addRow(r.map((c) => c ?? undefined));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (file: Buffer, username = "raohe_office") =>
      (await as(username)).request({ method: "POST", url: "/api/evaluations/import", query: { year: String(year) }, headers: { "content-type": XLSX_MIME }, payload: file });
    const bad = await upload(
      await sheet([
        [`饶评〔${year}〕8号`, "全县平安村评选", "评比表彰", "230524D04"],
        [`饶评〔${year}〕1号`, "编号已在清单", "评比表彰", "230524D04"],
        [`饶评〔${year}〕9号`, "类别不对的项目", "比赛", "230524D04"],
        [`饶评〔${year}〕10号`, "区外单位的项目", "创建示范", "653001100000"],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().error.details as { path: string }[]).map((d) => d.path)).toEqual(expect.arrayContaining(["清单!A3", "清单!C4", "清单!D5"]));
    expect((await view("raohe_office")).approved.map((e) => e.title)).not.toContain("全县平安村评选");

    const good = await upload(await sheet([[`饶评〔${year}〕8号`, "全县平安村评选", "评比表彰", "230524D04"]]));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toEqual({ added: 1 });
    expect((await upload(await sheet([[`饶评〔${year}〕11号`, "部门不能导入", "评比表彰", "230524D04"]]), "raohe_nyncj")).statusCode).toBe(403);
    expect((await upload(Buffer.from("not a workbook"))).json().error.code).toBe("EXCEL_NOT_XLSX");

    const out = await (await as("raohe_office")).request({ method: "GET", url: "/api/evaluations/export.xlsx", query: { year: String(year) } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getColumn(2).values.map(String)).toContain("全县平安村评选");
    expect(wb.worksheets[1]!.getColumn(1).values.map(String)).toContain("文明村镇创建评比");
  });

  it("the office takes an approved item off the list with a reason, audited; a new burden citing it is then flagged", async () => {
    const code = `饶评〔${year}〕21号`;
    const req = (await ask("raohe_nyncj", { title: "最美护林员评选" })).json() as EvaluationRequest;
    await decide("raohe_office", req.id, { decision: "approve", reason: "列入年度计划", approvalCode: code });
    expect(await evaluationBurden("最美护林员评选", code)).not.toContain("UNAPPROVED_EVALUATION");
    const before = await view("raohe_office");
    expect(before.approved.find((e) => e.code === code)!.can).toEqual(["withdraw"]);
    expect(before.requests.find((r) => r.id === req.id)!.can).toEqual(["withdraw"]);
    // A department sees the list but may not take anything off it.
    expect((await view("raohe_nyncj")).approved.find((e) => e.code === code)!.can).toEqual([]);

    const withdraw = async (username: string, body: Record<string, unknown>) =>
      (await as(username)).request({ method: "POST", url: "/api/evaluations/withdraw", payload: { year, code, reason: "评选活动与年度考核重复", ...body } });
    for (const [user, body, status, errorCode] of [
      ["raohe_office", { reason: "重复" }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { code: "" }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { year: "今年" }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { extra: 1 }, 400, "VALIDATION_FAILED"],
      ["raohe_office", { code: "饶评〔1999〕1号" }, 404, "EVALUATION_NOT_ON_LIST"],
      ["raohe_office", { year: year + 1 }, 404, "EVALUATION_NOT_ON_LIST"],
      ["raohe_nyncj", {}, 403, "FORBIDDEN"],
      ["raohe_town", {}, 403, "FORBIDDEN"],
      ["atushi_office", {}, 404, "EVALUATION_NOT_ON_LIST"],
    ] as const) {
      const res = await withdraw(user, body);
      expect(res.statusCode, `${user} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(errorCode);
    }
    expect(await evaluationBurden("最美护林员评选（二）", code)).not.toContain("UNAPPROVED_EVALUATION");

    const done = await withdraw("raohe_office", {});
    expect(done.statusCode, done.body).toBe(200);
    const after = done.json() as EvaluationYear;
    expect(after.approved.map((e) => e.code)).not.toContain(code);
    expect(after.requests.find((r) => r.id === req.id)).toMatchObject({ status: "withdrawn", withdrawReason: "评选活动与年度考核重复", withdrawnBy: "饶河县减负办 王主任", can: [] });
    expect(await evaluationBurden("最美护林员评选（三）", code)).toContain("UNAPPROVED_EVALUATION");
    expect((await withdraw("raohe_office", {})).json().error.code).toBe("EVALUATION_NOT_ON_LIST");
    // An entry imported from Excel (no request behind it) can be taken off too.
    expect((await withdraw("raohe_office", { code: `饶评〔${year}〕8号`, reason: "平安村评选并入综治考核" })).statusCode).toBe(200);

    const audit = await ctx.db.execute<{ action: string; detail: { code: string; reason: string } }>(sql`select action, detail from audit_log where action in ('evaluations.withdraw', 'gate.register.withdraw') order by id`);
    expect(audit.rows.map((r) => [r.action, r.detail.code, r.detail.reason])).toEqual([
      ["gate.register.withdraw", code, "评选活动与年度考核重复"],
      ["evaluations.withdraw", code, "评选活动与年度考核重复"],
      ["gate.register.withdraw", `饶评〔${year}〕8号`, "平安村评选并入综治考核"],
      ["evaluations.withdraw", `饶评〔${year}〕8号`, "平安村评选并入综治考核"],
    ]);
  });
});

describe("burden-hours of evaluations 评比创建占用基层工时", () => {
  it("are the burden registry's own figures: per burden, per approved request (the burdens citing its code), per issuer", async () => {
    const children = (await (await as("raohe_office")).request({ method: "GET", url: "/api/units/230524100000/children" })).json() as { items: { level: string }[] };
    const villages = children.items.filter((u) => u.level === "village").length;
    expect(villages).toBeGreaterThan(1);
    const v = await view("raohe_office");
    // 60 minutes for each village of 饶河镇, once: one hour a village.
    for (const b of v.burdens) expect(b.yearlyHours, b.title).toBe(villages);
    const registry = (await (await as("raohe_office")).request({ method: "GET", url: `/api/burdens/${v.burdens[0]!.id}` })).json() as { yearlyHours: number };
    expect(registry.yearlyHours).toBe(v.burdens[0]!.yearlyHours);

    const inForce = v.burdens.filter((b) => b.status === "admitted" || b.status === "expired");
    expect(inForce.length).toBeGreaterThan(0);
    expect(v.burdens.length).toBeGreaterThan(inForce.length); // the flagged ones wait in review and count nothing yet
    const first = v.requests.find((r) => r.approvalCode === `饶评〔${year}〕1号`)!;
    expect(first.yearlyHours).toBe(villages * inForce.filter((b) => b.approvalCode === first.approvalCode).length);
    expect(v.requests.filter((r) => r.status === "pending" || r.status === "rejected").map((r) => r.yearlyHours)).toEqual(expect.arrayContaining([null]));
    expect(v.issuers).toEqual([{ code: "230524D01", name: expect.any(String), burdens: inForce.length, yearlyHours: villages * inForce.length, yearlyHoursLastYear: 0, change: null }]);
    expect(v.total).toEqual({ burdens: inForce.length, yearlyHours: villages * inForce.length, yearlyHoursLastYear: 0, change: null });
    // Atushi sees none of it.
    expect((await view("atushi_office")).total).toEqual({ burdens: 0, yearlyHours: 0, yearlyHoursLastYear: 0, change: null });

    const out = await (await as("raohe_office")).request({ method: "GET", url: "/api/evaluations/export.xlsx", query: { year: String(year) } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    const list = wb.worksheets[0]!;
    expect(list.getRow(2).getCell(6).value).toBe("基层年度工时（小时）");
    const row = list.getRows(3, list.rowCount - 2)!.find((r) => r.getCell(1).value === first.approvalCode)!;
    expect(row.getCell(6).value).toBe(first.yearlyHours);
    expect(wb.worksheets[1]!.getRow(1).getCell(6).value).toBe("基层年度工时（小时）");
  });

  it("sum per issuer against last year, counting only the burdens in force", () => {
    const b = (issuerCode: string, status: string, yearlyMinutes: number) => ({ issuerCode, status, yearlyMinutes, details: {} });
    const sums = hoursByIssuer(
      [b("D01", "admitted", 600), b("D01", "expired", 300), b("D01", "returned", 6000), b("D02", "admitted", 60)],
      [b("D01", "admitted", 1800), b("D02", "withdrawn", 60)],
      new Map([["D01", "农业农村局"]]),
    );
    expect(sums.issuers).toEqual([
      { code: "D01", name: "农业农村局", burdens: 2, yearlyHours: 15, yearlyHoursLastYear: 30, change: -0.5 },
      { code: "D02", name: "D02", burdens: 1, yearlyHours: 1, yearlyHoursLastYear: 0, change: null },
    ]);
    expect(sums.total).toEqual({ burdens: 3, yearlyHours: 16, yearlyHoursLastYear: 30, change: -0.467 });
  });
});
