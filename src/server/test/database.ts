import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../db/client.js";
import type { TestTemplates } from "./templates.js";

/** Which template a test database starts from: only migrated, or also seeded as `createTestApp` needs. */
export type TestTemplate = "migrated" | "seeded";

/** The run's templates (global-setup.ts), or null when a file runs without that setup. */
const templates = (): TestTemplates | null => {
  const provided = inject("jianfuTemplates") ?? null;
  const wanted = process.env.DATABASE_URL ? "postgres" : "pglite";
  return provided?.kind === wanted ? provided : null;
};

/**
 * A fresh database of its own for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (dropped afterwards), so files run in parallel. It is a
 * copy of the run's template, so it is migrated (and seeded, when asked) without doing either again.
 * Returns `seeded: false` when no template was there and the caller must seed itself.
 */
export async function createTestDatabase(template: TestTemplate = "migrated"): Promise<Database & { seeded: boolean }> {
  const source = templates();
  const url = process.env.DATABASE_URL;
  if (!url) {
    const loadDataDir = source ? new Blob([await readFile(source[template])]) : undefined;
    const database = await openDatabase({ kind: "pglite", dataDir: null, ...(loadDataDir ? { loadDataDir } : {}) });
    return { ...database, seeded: template === "seeded" && source !== null };
  }
  const name = `jianfu_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create database ${name}${source ? ` template ${source[template]}` : ""}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: testUrl.toString(), poolSize: 5 });
  return {
    ...database,
    seeded: template === "seeded" && source !== null,
    close: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
