import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../test/database.js";
import { concurrently, type Database, type Queryable } from "./client.js";

/**
 * `concurrently` runs independent reads at once on the pool, and one after another in a transaction,
 * whose single connection node-postgres would otherwise be asked to queue statements on.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** Two reads that note when each starts and ends; the first waits a little inside the database. */
async function timeline(db: Queryable): Promise<{ answers: [number, string]; events: string[] }> {
  const events: string[] = [];
  const read = <T>(name: string, run: () => Promise<T>) => async () => {
    events.push(`${name} starts`);
    const out = await run();
    events.push(`${name} ends`);
    return out;
  };
  const answers = await concurrently(db, [
    read("first", async () => Number((await db.execute<{ n: number }>(sql`select 1 as n from pg_sleep(0.05)`)).rows[0]!.n)),
    read("second", async () => String((await db.execute<{ s: string }>(sql`select 'two' as s`)).rows[0]!.s)),
  ]);
  return { answers, events };
}

describe("concurrently", () => {
  it("answers each read, in order", async () => {
    expect((await timeline(database.db)).answers).toEqual([1, "two"]);
  });

  it("starts every read at once outside a transaction", async () => {
    const { events } = await timeline(database.db);
    expect(events.slice(0, 2)).toEqual(["first starts", "second starts"]);
  });

  it("runs them one after another in a transaction", async () => {
    const result = await database.db.transaction(async (tx) => timeline(tx));
    expect(result.answers).toEqual([1, "two"]);
    expect(result.events).toEqual(["first starts", "first ends", "second starts", "second ends"]);
  });
});
