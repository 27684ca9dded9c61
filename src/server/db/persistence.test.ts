import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { seedDemoData } from "../demo/seed.js";
import { openDatabase } from "./client.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "jianfu-persist-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const counts = async (db: Awaited<ReturnType<typeof openDatabase>>["db"]) =>
  (
    await db.execute<{ units: number; users: number; burdens: number; audit: number }>(
      sql`select (select count(*) from units)::int as units, (select count(*) from users)::int as users,
                 (select count(*) from burdens)::int as burdens, (select count(*) from audit_log)::int as audit`,
    )
  ).rows[0];

// Embedded PGlite only, whatever DATABASE_URL says: the PostgreSQL pass would repeat the PGlite pass exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("the embedded database keeps everything across a restart", () => {
  it("reopens the same data folder with the same rows, and seeding again adds nothing", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir });
    await seedDemoData(first.db, "Restart-test-2026");
    const before = await counts(first.db);
    await first.close();
    expect(before?.users).toBeGreaterThan(10);
    expect(before?.burdens).toBeGreaterThan(0);

    const second = await openDatabase({ kind: "pglite", dataDir });
    expect(await counts(second.db)).toEqual(before);
    const reseeded = await seedDemoData(second.db, "Restart-test-2026");
    expect(reseeded.usersCreated).toBe(0);
    expect(reseeded.burdens).toBe(0);
    expect(reseeded.documents).toBe(0);
    expect(reseeded.secondments).toBe(0);
    expect(await counts(second.db)).toEqual(before);
    await second.close();
    // Seeding every module's demo data twice on a busy two-core machine takes a while; it is no speed test.
  }, 480_000);
});
