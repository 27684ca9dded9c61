import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../db/client.js";
import { recordAuditBatch, verifyAuditChain } from "../modules/audit/audit.js";
import { createTestDatabase } from "../test/database.js";
import { groupCommitter } from "./group-commit.js";

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.execute(sql`create table group_commit_probe (n int primary key, k text)`);
});
afterAll(async () => database?.close());

const txid = async (tx: Db) => String((await tx.execute<{ id: string }>(sql`select txid_current()::text as id`)).rows[0]!.id);
const probes = async () => (await db.execute<{ n: number }>(sql`select n from group_commit_probe order by n`)).rows.map((r) => Number(r.n));

/** An item as callers make them: a row (keyed by `k` when given) and its audit entry; `refuse` settles it as an error. */
type Item = { n: number; k?: string; refuse?: boolean };
const batches: number[][] = [];

/** Writes a batch as the real writers do: one insert for all its rows, one append to the audit chain. */
const commitProbe = groupCommitter<Item, { n: number; txid: string }>({
  maxBatch: 8,
  keyOf: (item) => item.k ?? String(item.n),
  write: async (tx, items) => {
    batches.push(items.map((i) => i.n));
    const kept = items.filter((i) => !i.refuse);
    await tx.execute(sql`insert into group_commit_probe (n, k) select * from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as x(n int, k text)`);
    await recordAuditBatch(tx, kept.map((i) => ({ actor: null, action: "probe.write", entityType: "probe", entityId: String(i.n) })));
    const id = await txid(tx);
    return items.map((i) => (i.refuse ? { ok: false as const, error: new Error(`refused ${i.n}`) } : { ok: true as const, value: { n: i.n, txid: id } }));
  },
});

describe("groupCommitter", () => {
  it("writes items arriving together in shared transactions, in batches of at most maxBatch; each gets its own result, and the audit chain holds", async () => {
    batches.length = 0;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => commitProbe(db, { n: i + 1 })));
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // The first goes alone; the nineteen that queued behind it share the next commits, eight at most in each.
    expect(batches[0]).toEqual([1]);
    expect(batches.slice(1).map((b) => b.length)).toEqual([8, 8, 3]);
    expect(new Set(results.map((r) => r.txid)).size).toBe(4);
    expect(await probes()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("never puts two items with the same key in one batch: the second waits for the next, and the others keep their order", async () => {
    batches.length = 0;
    const results = await Promise.all([30, 31, 32, 33].map((n) => commitProbe(db, { n, k: n === 33 ? "k31" : n === 31 ? "k31" : undefined })));
    expect(results.map((r) => r.n)).toEqual([30, 31, 32, 33]);
    expect(batches).toEqual([[30], [31, 32], [33]]);
    expect(results[3]!.txid).not.toBe(results[1]!.txid);
  });

  it("settles an item the writer refuses as its caller's error; the rest of its batch commits", async () => {
    const outcomes = await Promise.allSettled([41, 42, 43, 44].map((n) => commitProbe(db, { n, refuse: n === 43 })));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error("refused 43"));
    expect((await probes()).filter((n) => n > 40 && n < 50)).toEqual([41, 42, 44]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("retries a batch whose transaction fails item by item: only the bad item fails, the others commit", async () => {
    await commitProbe(db, { n: 102 });
    batches.length = 0;
    const outcomes = await Promise.allSettled([
      commitProbe(db, { n: 100 }),
      commitProbe(db, { n: 101 }),
      // A duplicate row under another key: the batch's insert fails, and so the batch.
      commitProbe(db, { n: 102, k: "again" }),
      commitProbe(db, { n: 103 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(batches).toEqual([[100, 101, 102, 103], [100], [101], [102], [103]]);
    expect((await probes()).filter((n) => n >= 100)).toEqual([100, 101, 102, 103]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("rolls back a lone write that fails, and the next write still goes through", async () => {
    await commitProbe(db, { n: 201 });
    await expect(commitProbe(db, { n: 201, k: "again" })).rejects.toThrow();
    await commitProbe(db, { n: 202 });
    expect((await probes()).filter((n) => n > 200)).toEqual([201, 202]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
