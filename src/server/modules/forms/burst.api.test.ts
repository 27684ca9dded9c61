import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Form, OneTable, SubmitResult } from "../../../contracts/forms.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { verifyAuditChain } from "../audit/audit.js";
import { actorByUsername } from "../org/auth.js";
import { getUnit } from "../org/units.js";
import { commitSubmission, type SubmissionWrite } from "./collect/submit-write.js";
import { uploadAndMap } from "./fixtures/forms.js";
import { nyncjTable } from "./fixtures/tables.js";

/**
 * A deadline burst, over HTTP: the submissions arriving together are written together (one transaction, one
 * statement, one append to the audit chain). Each must still be its own: its data and their
 * provenance, its audit entry, the figures it replaces kept for the mismatch check, its retry.
 */
let ctx: TestContext;
let office: Session, nyncj: Session, town: Session;
let form: Form;
let villages: string[];

const table = async (code: string): Promise<OneTable> => {
  const res = await town.request({ method: "GET", url: `/api/forms/one-table/${code}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const answers = (t: OneTable, value: string) => t.questions.map((q) => ({ indicatorId: q.indicatorId, periodKey: q.periodKey, value }));
const submit = (code: string, values: unknown[], key: string) => town.request({ method: "POST", url: `/api/forms/one-table/${code}/submit`, payload: { idempotencyKey: key, values } });
const rows = async <T,>(query: ReturnType<typeof sql>) => (await ctx.db.execute<T & Record<string, unknown>>(query)).rows;

beforeAll(async () => {
  ctx = await createTestApp();
  [office, nyncj, town] = (await Promise.all(["raohe_office", "raohe_nyncj", "raohe_town"].map((u) => loginAs(ctx.app, u)))) as [Session, Session, Session];
  form = await uploadAndMap(nyncj, office, { issuer: "230524D01", title: "关于填报各村耕地面积和农作物种植结构情况表的通知", file: await nyncjTable(), fileName: "种植结构情况表.xlsx" });
  // Villages of 饶河镇, whose official fills their forms.
  villages = (await rows<{ code: string }>(sql`select code from units where parent_code = '230524100000' and level = 'village' order by code limit 5`)).map((r) => r.code);
  expect(villages).toHaveLength(5);
});
afterAll(async () => ctx?.close());

describe("submissions arriving together", () => {
  it("each keeps its data, provenance, audit entry and replaced figures; a village's second submission comes after its first", async () => {
    const [a, b] = villages as [string, string];
    const tables = new Map(await Promise.all(villages.map(async (v) => [v, await table(v)] as const)));
    // Village a already gave its figures; in the burst it corrects them.
    expect((await submit(a, answers(tables.get(a)!, "7"), `burst-${a}-1`)).statusCode).toBe(201);
    const burst = await Promise.all([
      ...villages.map((v, i) => submit(v, answers(tables.get(v)!, String(100 + i)), `burst-${v}-2`)),
      // Village b sends a second submission at once (another key): it must come after its first, not beside it.
      submit(b, answers(tables.get(b)!, "555"), `burst-${b}-3`),
    ]);
    expect(burst.map((r) => r.statusCode)).toEqual(Array(villages.length + 1).fill(201));
    const results: SubmitResult[] = burst.map((r) => r.json());
    expect(new Set(results.map((r) => r.submissionId)).size).toBe(results.length);
    expect(results.every((r) => !r.replayed && r.accepted === tables.get(a)!.questions.length)).toBe(true);

    const ids = results.map((r) => r.submissionId);

    // b's two submissions were sent together: which reaches the queue first depends on their reads before
    // it. Whichever it is, they are committed one after the other (never in one transaction), and the
    // later one holds b's data. The audit chain tells the order.
    const bOwn = [{ value: "101", id: ids[1]! }, { value: "555", id: ids[villages.length]! }];
    const bOrder = (await rows<{ entity_id: string }>(sql`select entity_id from audit_log where action = 'form.submit' and entity_id in (${bOwn[0]!.id}, ${bOwn[1]!.id}) order by id`)).map((r) => r.entity_id);
    const [bFirst, bLast] = bOrder.map((id) => bOwn.find((o) => o.id === id)!) as [(typeof bOwn)[number], (typeof bOwn)[number]];
    const xmin = async (id: string) => (await rows<{ x: string }>(sql`select xmin::text as x from form_submissions where id = ${id}`))[0]!.x;
    expect(await xmin(bFirst.id)).not.toBe(await xmin(bLast.id));

    // Each village's data come from its own (last) submission, with its author and time.
    const final = new Map([...villages.map((v, i) => [v, { value: String(100 + i), id: ids[i]! }] as const), [b, bLast]]);
    for (const v of villages) {
      const held = (await table(v)).questions.map((q) => q.current);
      expect(held.every((c) => c?.value === final.get(v)!.value && c.provenance.sourceId === final.get(v)!.id && c.provenance.by === "饶河镇 孙镇长"), v).toBe(true);
    }
    // One audit entry per submission, naming it and its village; the chain still holds.
    const audit = await rows<{ entity_id: string; unit: string }>(sql`select entity_id, detail->>'unitCode' as unit from audit_log where action = 'form.submit'`);
    for (const [i, id] of ids.entries()) expect(audit.filter((e) => e.entity_id === id).map((e) => e.unit)).toEqual([i < villages.length ? villages[i] : b]);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    // Figures replaced by different ones are kept for the mismatch check: a's first answers, b's burst answers.
    const replaced = await rows<{ unit_code: string; value: string; n: number }>(
      sql`select unit_code, value, count(*)::int as n from form_disagreements group by unit_code, value order by unit_code`,
    );
    const questions = tables.get(a)!.questions.length;
    expect(replaced).toEqual([{ unit_code: a, value: "7", n: questions }, { unit_code: b, value: bFirst.value, n: questions }]);
  });

  it("writes the submissions waiting together in one transaction; one per village in each, a taken key answered with its first, a bad one failing alone", async () => {
    const [, , , c, d] = villages as [string, string, string, string, string];
    const actor = (await actorByUsername(ctx.db, "raohe_town"))!;
    const item = async (code: string, key: string, value: string, indicatorId?: string): Promise<SubmissionWrite> => ({
      actor, village: (await getUnit(ctx.db, code))!, key, hash: `hash-${key}`, notes: [], at: new Date(),
      values: answers(await table(code), value).map((v) => ({ ...v, indicatorId: indicatorId ?? v.indicatorId })),
    });
    const items = [await item(c, "w-1", "1"), await item(d, "w-2", "2"), await item(c, "w-3", "3"), await item(d, "w-2", "2")];
    const [first, second, third, retry] = await Promise.all(items.map((i) => commitSubmission(ctx.db, i)));
    expect(retry).toMatchObject({ submissionId: second!.submissionId, replayed: true });
    expect([first, second, third].map((r) => r!.replayed)).toEqual([false, false, false]);
    // The first went alone; d's and c's second waited for it and shared the next transaction (c's second could not join c's first).
    const xmin = async (id: string) => (await rows<{ x: string }>(sql`select xmin::text as x from form_submissions where id = ${id}`))[0]!.x;
    expect(await xmin(second!.submissionId)).toBe(await xmin(third!.submissionId));
    expect(await xmin(first!.submissionId)).not.toBe(await xmin(second!.submissionId));
    expect((await table(c)).questions.every((q) => q.current?.value === "3" && q.current.provenance.sourceId === third!.submissionId)).toBe(true);
    // A batch that fails (an answer the database refuses) is retried one by one: only the bad submission fails.
    const next = [await item(c, "w-4", "4"), await item(d, "w-5", "5"), await item(villages[0]!, "w-bad", "6", "not-a-uuid")];
    const outcomes = await Promise.allSettled(next.map((i) => commitSubmission(ctx.db, i)));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((await table(d)).questions.every((q) => q.current?.value === "5")).toBe(true);
    expect(await rows(sql`select 1 from form_submissions where idempotency_key = 'w-bad'`)).toEqual([]);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it("answers a retry with its first submission even after the form has closed; new answers are refused", async () => {
    const v = villages[2]!;
    const values = answers(await table(v), "42");
    const first = await submit(v, values, `closing-${v}`);
    expect(first.statusCode, first.body).toBe(201);
    const withdrawn = await nyncj.request({ method: "POST", url: `/api/burdens/${form.burdenId}/withdraw`, payload: { reason: "测试：撤回表格" } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const retry = await submit(v, values, `closing-${v}`);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ submissionId: first.json().submissionId, replayed: true });
    const again = await submit(v, values, `closing-${v}-new`);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe("FORM_VALUES_INVALID");
  });
});
