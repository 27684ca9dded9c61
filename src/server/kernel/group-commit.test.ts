import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../db/client.js";
import { recordAudit, verifyAuditChain } from "../modules/audit/audit.js";
import { createTestDatabase } from "../test/database.js";
import { inGroupCommit } from "./group-commit.js";

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.execute(sql`create table group_commit_probe (n int primary key)`);
});
afterAll(async () => database?.close());

const txid = async (tx: Db) => String((await tx.execute<{ id: string }>(sql`select txid_current()::text as id`)).rows[0]!.id);
const probes = async () => (await db.execute<{ n: number }>(sql`select n from group_commit_probe order by n`)).rows.map((r) => Number(r.n));

/** One write as the callers make them: a row and its audit entry. */
const write = (n: number) => async (tx: Db) => {
  await tx.execute(sql`insert into group_commit_probe (n) values (${n})`);
  await recordAudit(tx, { actor: null, action: "probe.write", entityType: "probe", entityId: String(n) });
  return { n, txid: await txid(tx) };
};

describe("inGroupCommit", () => {
  it("shares transactions among writes arriving together; each gets its own result, and the audit chain holds", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => inGroupCommit(db, write(i + 1))));
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // The first goes alone; the eleven that queued behind it share the next commit.
    expect(new Set(results.map((r) => r.txid)).size).toBeLessThan(12);
    expect(await probes()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("rolls back a failing write alone: its caller gets its error, the others in the batch commit", async () => {
    const outcomes = await Promise.allSettled([
      inGroupCommit(db, write(101)),
      inGroupCommit(db, write(102)),
      // A duplicate key: fails inside the shared transaction.
      inGroupCommit(db, write(102)),
      inGroupCommit(db, write(103)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((await probes()).filter((n) => n > 100)).toEqual([101, 102, 103]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("rolls back a lone write that fails, and the next write still goes through", async () => {
    await expect(inGroupCommit(db, async (tx) => {
      await tx.execute(sql`insert into group_commit_probe (n) values (201)`);
      throw new Error("refused after the insert");
    })).rejects.toThrow("refused after the insert");
    await inGroupCommit(db, write(202));
    expect((await probes()).filter((n) => n > 200)).toEqual([202]);
  });
});
