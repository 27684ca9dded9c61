import { and, eq } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../kernel/dates.js";
import { auditLog } from "../audit/schema.js";
import { createTestApp, sessionsFor, type TestContext } from "../../test/harness.js";
import { childrenOf } from "../org/units.js";
import { sheetRows } from "../../test/xlsx.js";

let ctx: TestContext;
const as = sessionsFor(() => ctx.app);
const year = Number(chinaToday().slice(0, 4));

beforeAll(async () => {
  ctx = await createTestApp();
  const res = await (await as("raohe_office")).request({
    method: "POST",
    url: "/api/gate/registers",
    payload: { regionCode: "230524", year, register: "allowed_proof", entries: [{ code: "ZM-01", title: "困难群众家庭情况证明" }] },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
});
afterAll(async () => ctx?.close());

type Proof = { id: string; decision: string; matched: string | null; channel: string | null; refusalText: string | null };
const ask = async (username: string, body: Record<string, unknown>) =>
  (await as(username)).request({ method: "POST", url: "/api/proofs/requests", payload: { villageCode: "230524100200", requestedBy: "某银行饶河支行", ...body } });

describe("proofs asked of a village 证明事项", () => {
  it("refuses a proof villages may no longer issue, with the refusal naming how the bank can check it, as text and as Word", async () => {
    const res = await ask("raohe_village", { proofName: "亲属关系证明", purpose: "办理贷款" });
    expect(res.statusCode, res.body).toBe(201);
    const proof = res.json() as Proof;
    expect(proof).toMatchObject({ decision: "refuse_banned", matched: "亲属关系证明" });
    expect(proof.channel).toContain("户籍");
    expect(proof.refusalText).toContain("某银行饶河支行：");
    expect(proof.refusalText).toContain("民发〔2020〕20号");
    const docx = await (await as("raohe_village")).request({ method: "GET", url: `/api/proofs/requests/${proof.id}/refusal.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain("不予出具证明告知书");
    expect(text).toContain("饶河村");
  });

  it("issues a proof on the region's list, refuses one outside it, and counts per village", async () => {
    expect((await ask("raohe_village", { proofName: "困难群众家庭情况证明" })).json()).toMatchObject({ decision: "issue", refusalText: null });
    const unlisted = (await ask("raohe_town", { proofName: "房屋产权归属证明" })).json() as Proof;
    expect(unlisted.decision).toBe("refuse_unlisted");
    expect(unlisted.refusalText).toContain("不在本地区村级组织可出具证明事项清单内");
    await ask("raohe_village", { proofName: "困难群众家庭情况证明", on: `${year - 1}-06-01` });
    await ask("raohe_village", { proofName: "困难群众家庭情况证明", on: `${year - 1}-07-01` });
    const counts = await (await as("raohe_office")).request({ method: "GET", url: `/api/proofs/counts?year=${year}` });
    const village = (counts.json() as { villages: { villageCode: string; issuedThisYear: number; issuedLastYear: number; refusedThisYear: number; change: number }[] }).villages.find((v) => v.villageCode === "230524100200");
    expect(village).toMatchObject({ issuedThisYear: 1, issuedLastYear: 0, refusedThisYear: 2, change: null });
  });

  it("lets only the village's cadre and its township ask, and shows the ledger within one's region", async () => {
    expect((await ask("jiaping_village", { proofName: "亲属关系证明" })).statusCode).toBe(404);
    expect((await ask("xiaojiahe_town", { proofName: "亲属关系证明" })).statusCode).toBe(404);
    expect((await ask("raohe_nyncj", { proofName: "亲属关系证明" })).statusCode).toBe(403);
    expect((await ask("raohe_office", { proofName: "亲属关系证明" })).statusCode).toBe(403);
    expect((await ask("atushi_town", { proofName: "亲属关系证明" })).statusCode).toBe(404);
    const mine = (await (await as("raohe_village")).request({ method: "GET", url: "/api/proofs/requests" })).json() as { total: number; items: Proof[] };
    expect(mine.total).toBeGreaterThan(0);
    const other = (await (await as("atushi_office")).request({ method: "GET", url: "/api/proofs/requests" })).json() as { total: number };
    expect(other.total).toBe(0);
    expect((await (await as("atushi_office")).request({ method: "GET", url: `/api/proofs/requests/${mine.items[0]!.id}/refusal.docx` })).statusCode).toBe(404);
  });

  it("downloads the log as Excel: the region's requests, their outcome in words, of a year on request", async () => {
    const office = await as("raohe_office");
    const res = await office.request({ method: "GET", url: "/api/proofs/requests/export.xlsx" });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[1]).toEqual(["日期", "村（社区）", "证明事项", "索要单位", "用途", "处理", "对应清单事项", "可自行核查的途径", "耗时（小时）"]);
    const listed = (await office.request({ method: "GET", url: "/api/proofs/requests?limit=500" })).json() as { total: number };
    expect(rows.length - 2).toBe(listed.total);
    expect(rows.some((r) => r[2] === "房屋产权归属证明" && r[5] === "不予出具（不在清单内）" && r[8] === "0")).toBe(true);
    expect(rows.some((r) => r[2] === "困难群众家庭情况证明" && r[5] === "可以出具" && r[8] === "0.5")).toBe(true);
    const lastYear = await sheetRows((await office.request({ method: "GET", url: `/api/proofs/requests/export.xlsx?year=${year - 1}` })).rawPayload);
    expect(lastYear.slice(2).map((r) => r[0]!.slice(0, 4))).toEqual([String(year - 1), String(year - 1)]);
    expect(await sheetRows((await (await as("atushi_office")).request({ method: "GET", url: "/api/proofs/requests/export.xlsx" })).rawPayload)).toHaveLength(2);
    expect((await office.request({ method: "GET", url: "/api/proofs/requests/export.xlsx?year=1999" })).statusCode).toBe(400);
  });

  it("refuses bad input clearly and writes nothing", async () => {
    const before = (await (await as("raohe_office")).request({ method: "GET", url: "/api/proofs/requests" })).json().total as number;
    const township = await ask("raohe_town", { proofName: "亲属关系证明", villageCode: "230524100000" });
    expect(township.json().error.code).toBe("PROOF_NOT_A_VILLAGE");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ proofName: "证" }, 400, "VALIDATION_FAILED"],
      [{ proofName: "亲属关系证明", on: addDays(chinaToday(), 3) }, 400, "PROOF_DATE_IN_FUTURE"],
      [{ proofName: "亲属关系证明", villageCode: "23052410020X" }, 400, "VALIDATION_FAILED"],
      [{ proofName: "亲属关系证明", stamp: true }, 400, "VALIDATION_FAILED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await ask("raohe_village", body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect((await (await as("raohe_office")).request({ method: "GET", url: "/api/proofs/requests" })).json().total).toBe(before);
  });
});

describe("taking a proof off the list 撤出清单", () => {
  it("the office withdraws it with a reason, audited; a village asked for it then refuses it as unlisted; others may not", async () => {
    const office = await as("raohe_office");
    const add = await office.request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year, register: "allowed_proof", entries: [{ code: "ZM-09", title: "林地经营权流转情况证明" }] } });
    expect(add.statusCode, add.body).toBe(200);
    expect((await ask("raohe_village", { proofName: "林地经营权流转情况证明" })).json()).toMatchObject({ decision: "issue" });
    const withdraw = (username: string, body: Record<string, unknown>) => as(username).then((s) => s.request({ method: "POST", url: "/api/proofs/list/withdraw", payload: { year, code: "ZM-09", reason: "已实行部门数据共享核查", ...body } }));
    for (const [user, status, code] of [["raohe_nyncj", 403, "FORBIDDEN"], ["raohe_village", 403, "FORBIDDEN"], ["atushi_office", 404, "PROOF_LIST_NOT_FOUND"]] as const) {
      const res = await withdraw(user, {});
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    const short = await withdraw("raohe_office", { reason: "不要" });
    expect([short.statusCode, short.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const done = await withdraw("raohe_office", {});
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as { items: { code: string }[] }).items.map((i) => i.code)).not.toContain("ZM-09");
    const again = await withdraw("raohe_office", {});
    expect([again.statusCode, again.json().error.code]).toEqual([404, "PROOF_LIST_NOT_FOUND"]);
    expect((await ask("raohe_village", { proofName: "林地经营权流转情况证明" })).json()).toMatchObject({ decision: "refuse_unlisted" });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "gate.register.withdraw"), eq(auditLog.entityId, `230524/${year}/allowed_proof`)));
    expect(audit.map((a) => a.detail)).toEqual([{ code: "ZM-09", title: "林地经营权流转情况证明", reason: "已实行部门数据共享核查" }]);
  });
});

type Counts = {
  villages: { villageCode: string; issuedThisYear: number; issuedLastYear: number; change: number | null; minutesPerProof: number; hoursThisYear: number; hoursLastYear: number }[];
  total: { issuedThisYear: number; hoursThisYear: number; hoursLastYear: number; change: number | null };
};
const countsOf = async (username: string) => {
  const res = await (await as(username)).request({ method: "GET", url: `/api/proofs/counts?year=${year}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Counts;
};

describe("burden-hours of proofs 出具证明耗时", () => {
  const JIAPING = "230524101200";
  let atushiVillage = "";

  beforeAll(async () => {
    const office = await as("raohe_office");
    const lastYear = await office.request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "230524", year: year - 1, register: "allowed_proof", entries: [{ code: "ZM-01", title: "困难群众家庭情况证明" }] } });
    expect(lastYear.statusCode, lastYear.body).toBeLessThan(300);
    // 佳平村: 34 proofs issued last year, 17 this year (the Heze village's figure).
    for (const [on, n] of [[`${year - 1}-06-01`, 34], [`${year}-01-01`, 17]] as const) {
      for (let i = 0; i < n; i++) expect((await ask("jiaping_village", { villageCode: JIAPING, proofName: "困难群众家庭情况证明", on })).json().decision).toBe("issue");
    }
    atushiVillage = (await childrenOf(ctx.db, "653001100000", { limit: 1, offset: 0 })).items[0]!.code;
    const list = await (await as("atushi_office")).request({ method: "POST", url: "/api/gate/registers", payload: { regionCode: "653001", year, register: "allowed_proof", entries: [{ code: "AT-01", title: "困难群众家庭情况证明" }] } });
    expect(list.statusCode, list.body).toBeLessThan(300);
    const asked = await ask("atushi_town", { villageCode: atushiVillage, proofName: "困难群众家庭情况证明", requestedBy: "阿图什市民政局", on: `${year}-01-01` });
    expect(asked.json().decision, asked.body).toBe("issue");
  });

  it("counts 17 proofs a year × 30 minutes as 8.5 hours, against 34 last year, per village and in the region's sum", async () => {
    const counts = await countsOf("raohe_office");
    expect(counts.villages.find((v) => v.villageCode === JIAPING)).toEqual(
      expect.objectContaining({ issuedThisYear: 17, issuedLastYear: 34, change: -0.5, minutesPerProof: 30, hoursThisYear: 8.5, hoursLastYear: 17 }),
    );
    const sum = (pick: (v: Counts["villages"][number]) => number) => Math.round(counts.villages.reduce((n, v) => n + pick(v), 0) * 10) / 10;
    expect(counts.total).toMatchObject({ issuedThisYear: sum((v) => v.issuedThisYear), hoursThisYear: sum((v) => v.hoursThisYear), hoursLastYear: sum((v) => v.hoursLastYear) });
    const ledger = (await (await as("jiaping_village")).request({ method: "GET", url: `/api/proofs/requests?year=${year}` })).json() as { items: { hours: number }[] };
    expect(ledger.items.map((p) => p.hours)).toEqual(Array(17).fill(0.5));
  });

  it("takes the minutes per proof from the village's region: Raohe's 60 makes it 17 hours; Atushi keeps 30", async () => {
    const put = await (await as("raohe_office")).request({ method: "PUT", url: "/api/gate/settings/230524", payload: { registryMinutes: { proofIssued: 60 } } });
    expect(put.statusCode, put.body).toBe(200);
    try {
      expect((await countsOf("raohe_office")).villages.find((v) => v.villageCode === JIAPING)).toMatchObject({ minutesPerProof: 60, hoursThisYear: 17, hoursLastYear: 34 });
      const ledger = (await (await as("jiaping_village")).request({ method: "GET", url: `/api/proofs/requests?year=${year}` })).json() as { items: { hours: number }[] };
      expect(new Set(ledger.items.map((p) => p.hours))).toEqual(new Set([1]));
      const atushi = await countsOf("atushi_office");
      expect(atushi.villages).toEqual([expect.objectContaining({ villageCode: atushiVillage, issuedThisYear: 1, minutesPerProof: 30, hoursThisYear: 0.5 })]);
      expect(atushi.total).toMatchObject({ issuedThisYear: 1, hoursThisYear: 0.5, hoursLastYear: 0, change: null });
    } finally {
      await (await as("raohe_office")).request({ method: "PUT", url: "/api/gate/settings/230524", payload: {} });
    }
  });

  it("refuses a minutes setting out of range, and one the contract does not know, and keeps the old", async () => {
    for (const registryMinutes of [{ proofIssued: -1 }, { proofIssued: 2000 }, { proofIssued: 30.5 }, { perProof: 30 }]) {
      const res = await (await as("raohe_office")).request({ method: "PUT", url: "/api/gate/settings/230524", payload: { registryMinutes } });
      expect([res.statusCode, res.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    }
    expect((await countsOf("raohe_office")).villages.find((v) => v.villageCode === JIAPING)).toMatchObject({ minutesPerProof: 30 });
  });
});

describe("the list of proofs villages may issue, one entry at a time", () => {
  type Entry = { code: string; title: string; region: { code: string }; can: string[] };
  const addOne = (username: string, body: Record<string, unknown>, lang = "zh-CN") =>
    as(username).then((s) => s.request({ method: "POST", url: "/api/proofs/list", payload: { year, code: "ZM-20", title: "农村土地承包经营权证明", ...body }, headers: { "accept-language": lang } }));

  it("the office adds one proof; the list then holds it, marked as the office's to withdraw; the same entry again changes nothing", async () => {
    const res = await addOne("raohe_office", {});
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { added: boolean; items: Entry[] };
    expect(body.added).toBe(true);
    expect(body.items.find((e) => e.code === "ZM-20")).toMatchObject({ title: "农村土地承包经营权证明", region: { code: "230524" }, can: ["withdraw"] });
    expect((await ask("raohe_village", { proofName: "农村土地承包经营权证明" })).json()).toMatchObject({ decision: "issue" });
    const again = await addOne("raohe_office", {});
    expect([again.statusCode, again.json().added]).toEqual([201, false]);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, "gate.register.add"), eq(auditLog.entityId, `230524/${year}/allowed_proof`)));
    expect(audit.filter((a) => (a.detail as { codes: string[] }).codes.includes("ZM-20"))).toHaveLength(1);
  });

  it("answers bad input clearly: a taken number, a banned proof, a short name, a region not the office's; others may not add", async () => {
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      ["raohe_office", { title: "另一个证明" }, 409, "PROOF_LIST_CODE_TAKEN", "农村土地承包经营权证明"],
      ["raohe_office", { code: "ZM-21", title: "亲属关系证明" }, 400, "PROOF_LIST_BANNED", "亲属关系证明"],
      ["raohe_office", { code: "ZM-22", title: "证" }, 400, "VALIDATION_FAILED", ""],
      ["raohe_office", { code: "", title: "居住证明" }, 400, "VALIDATION_FAILED", ""],
      ["raohe_office", { code: "ZM-23", title: "居住证明", regionCode: "230524100200" }, 400, "PROOF_LIST_REGION", "230524100200"],
      ["raohe_office", { code: "ZM-23", title: "居住证明", regionCode: "653001" }, 404, "UNIT_NOT_FOUND", "653001"],
      ["raohe_office", { code: "ZM-23", title: "居住证明", regionCode: "230000" }, 403, "OUT_OF_SCOPE", "230000"],
      ["raohe_village", { code: "ZM-23", title: "居住证明" }, 403, "FORBIDDEN", ""],
      ["raohe_nyncj", {}, 403, "FORBIDDEN", ""],
    ];
    for (const [user, body, status, code, named] of cases) {
      const res = await addOne(user, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(res.json().error.message).toContain(named);
    }
    const list = (await (await as("raohe_office")).request({ method: "GET", url: `/api/proofs/list?year=${year}` })).json() as { items: Entry[] };
    expect(list.items.map((e) => e.code).filter((c) => ["ZM-21", "ZM-22", "ZM-23"].includes(c))).toEqual([]);
  });

  it("shows withdraw only on entries the user's office keeps; one set above is refused with 403 naming who set it", async () => {
    const { addRegisterEntries } = await import("../burdens/gate/settings.js");
    const { getUnit } = await import("../org/units.js");
    await addRegisterEntries(ctx.db, { actor: null, region: (await getUnit(ctx.db, "230000"))!, year, register: "allowed_proof", entries: [{ code: "HLJ-01", title: "黑龙江省统一保留的居民身份核实证明" }] });
    const listOf = async (user: string) => ((await (await as(user)).request({ method: "GET", url: `/api/proofs/list?year=${year}` })).json() as { items: Entry[] }).items;
    const office = await listOf("raohe_office");
    expect(office.find((e) => e.code === "HLJ-01")).toMatchObject({ region: { code: "230000" }, can: [] });
    expect(office.find((e) => e.code === "ZM-01")!.can).toEqual(["withdraw"]);
    // Nobody but an office withdraws: the village sees the entries without the action.
    expect((await listOf("raohe_village")).every((e) => e.can.length === 0)).toBe(true);
    const withdraw = (lang: string) => as("raohe_office").then((s) => s.request({ method: "POST", url: "/api/proofs/list/withdraw", payload: { year, code: "HLJ-01", reason: "县里已实行数据共享" }, headers: { "accept-language": lang } }));
    const res = await withdraw("zh-CN");
    expect([res.statusCode, res.json().error.code]).toEqual([403, "PROOF_LIST_SET_ABOVE"]);
    expect(res.json().error.message).toContain("黑龙江省");
    expect((await withdraw("en")).json().error.message).toContain("only the office of");
    expect((await listOf("raohe_office")).map((e) => e.code)).toContain("HLJ-01");
    // Outside the user's region the entry is not shown, so it is not found there, as before.
    const other = await (await as("atushi_office")).request({ method: "POST", url: "/api/proofs/list/withdraw", payload: { year, code: "HLJ-01", reason: "县里已实行数据共享" } });
    expect([other.statusCode, other.json().error.code]).toEqual([404, "PROOF_LIST_NOT_FOUND"]);
  });
});
