import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../test/harness.js";
import { verifyAuditChain } from "../audit/audit.js";
import { solveChallenge } from "./guard.js";
import { cases } from "./schema.js";
import { freshAddress, REPORT, submitPublicReport } from "./test-fixtures.js";

/** Idempotent public intake, and the group commit under a burst (one app for the file). */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const caseCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from cases`)).rows[0]?.n);
const uniqueText = (label: string) => `${REPORT.text}（${label} ${Math.random().toString(36).slice(2)}）`;
const newKey = () => crypto.randomUUID();

describe("idempotent public intake", () => {
  it("answers a retry with the same key and content with the same receipt, and makes no second case", async () => {
    const key = newKey();
    const text = uniqueText("retry");
    const first = await submitPublicReport(ctx.app, { text, idempotencyKey: key });
    expect(first.statusCode, first.body).toBe(201);
    const before = await caseCount();
    // The retry comes from elsewhere (another network) with a fresh proof of work: same answer.
    const again = await submitPublicReport(ctx.app, { text, idempotencyKey: key }, freshAddress());
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await caseCount()).toBe(before);
    expect(await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text))).toHaveLength(1);
  });

  it("answers a resend of the very same body (its proof of work already spent) with the same receipt", async () => {
    const remoteAddress = freshAddress();
    const c = (await ctx.app.inject({ method: "GET", url: "/api/public/reports/challenge", remoteAddress })).json<{ challenge: string }>().challenge;
    const payload = { ...REPORT, text: uniqueText("resend"), challenge: c, nonce: solveChallenge(c), idempotencyKey: newKey() };
    const first = await ctx.app.inject({ method: "POST", url: "/api/public/reports", remoteAddress, payload });
    expect(first.statusCode, first.body).toBe(201);
    const resent = await ctx.app.inject({ method: "POST", url: "/api/public/reports", remoteAddress, payload });
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json().receipt).toBe(first.json().receipt);
    // Without a key the spent proof of work is refused, as before.
    const { idempotencyKey: _k, ...bare } = payload;
    expect((await ctx.app.inject({ method: "POST", url: "/api/public/reports", remoteAddress, payload: bare })).json().error.code).toBe("PROOF_OF_WORK_FAILED");
  });

  it("gives two attempts racing with one key one case and one receipt", async () => {
    const key = newKey();
    const text = uniqueText("race");
    const [a, b] = await Promise.all([submitPublicReport(ctx.app, { text, idempotencyKey: key }), submitPublicReport(ctx.app, { text, idempotencyKey: key })]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().receipt).toBe(b.json().receipt);
    expect(await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text))).toHaveLength(1);
  });

  it("refuses the same key with other content (409) and writes nothing", async () => {
    const key = newKey();
    expect((await submitPublicReport(ctx.app, { text: uniqueText("first"), idempotencyKey: key })).statusCode).toBe(201);
    const before = await caseCount();
    for (const change of [{ text: uniqueText("other") }, { category: "meetings_documents" }, { contact: "13800000000" }]) {
      const res = await submitPublicReport(ctx.app, { text: uniqueText("first"), ...change, idempotencyKey: key });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    }
    expect(await caseCount()).toBe(before);
  });

  it.each([["too short", "abc"], ["with other characters", "x".repeat(20) + "<script>"], ["too long", "a".repeat(101)]])("refuses a key %s (400)", async (_n, key) => {
    const before = await caseCount();
    const res = await submitPublicReport(ctx.app, { text: uniqueText("bad key"), idempotencyKey: key });
    expect(res.statusCode).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it("keeps neither the key, nor the address, nor the receipt in the case", async () => {
    const key = newKey();
    const remoteAddress = "10.77.1.23";
    const text = uniqueText("no ip");
    const { receipt } = (await submitPublicReport(ctx.app, { text, idempotencyKey: key }, remoteAddress)).json<{ receipt: string }>();
    const [row] = await ctx.db.select().from(cases).where(eq(cases.text, text));
    const stored = JSON.stringify(row);
    for (const secret of [key, key.replaceAll("-", ""), remoteAddress, receipt]) expect(stored).not.toContain(secret);
    expect(row!.intakeKeyTag).toMatch(/^[0-9a-f]{64}$/);
    // A guessed key is just a new report: nothing tells whether another key exists.
    const guess = await submitPublicReport(ctx.app, { text: uniqueText("guess"), idempotencyKey: newKey() });
    expect(guess.json().receipt).not.toBe(receipt);
  });
});

describe("group commit", () => {
  it("takes a burst of reports in shared transactions: every receipt opens its case, the audit chain verifies", async () => {
    const before = await caseCount();
    const texts = Array.from({ length: 24 }, (_, i) => uniqueText(`burst ${i}`));
    const answers = await Promise.all(texts.map((text) => submitPublicReport(ctx.app, { text })));
    expect(answers.map((a) => a.statusCode)).toEqual(texts.map(() => 201));
    expect(await caseCount()).toBe(before + texts.length);
    for (const a of answers.slice(0, 3)) {
      const res = await ctx.app.inject({ method: "GET", url: `/api/public/reports/${a.json().receipt}`, remoteAddress: freshAddress() });
      expect(res.statusCode).toBe(200);
    }
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it("fails one bad report of a burst alone", async () => {
    const before = await caseCount();
    const answers = await Promise.all([
      submitPublicReport(ctx.app, { text: uniqueText("good 1") }),
      submitPublicReport(ctx.app, { text: uniqueText("bad"), unitCode: "999999999999" }),
      submitPublicReport(ctx.app, { text: uniqueText("good 2") }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 404, 201]);
    expect(await caseCount()).toBe(before + 2);
  });
});
