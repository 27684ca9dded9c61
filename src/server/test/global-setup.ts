import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase, type Database } from "../db/client.js";
import { seedDemoData } from "../demo/seed.js";
import { shiftClockFromEnvironment } from "./clock.js";
import { TEST_PASSWORD } from "./password.js";
import { HARNESS_SEED_OPTIONS, type TestTemplates } from "./templates.js";

/** Builds the migrated and the seeded template once for the whole run (see templates.ts) and removes them after. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  // The templates are seeded on the day the tests will run on (JIANFU_TEST_TODAY, see clock.ts).
  const restoreClock = shiftClockFromEnvironment();
  const built = await (url ? buildPostgresTemplates(url) : buildPgliteTemplates()).finally(restoreClock);
  project.provide("jianfuTemplates", built.templates);
  return built.remove;
}

const seed = (database: Database) => seedDemoData(database.db, TEST_PASSWORD, HARNESS_SEED_OPTIONS);

async function buildPgliteTemplates(): Promise<{ templates: TestTemplates; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "jianfu-test-templates-"));
  const dump = async (database: Database, name: string) => {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const file = path.join(dir, `${name}.tar`);
    await writeFile(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  const database = await openDatabase({ kind: "pglite", dataDir: null });
  try {
    const migrated = await dump(database, "migrated");
    await seed(database);
    const seeded = await dump(database, "seeded");
    return { templates: { kind: "pglite", migrated, seeded }, remove: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await database.close();
  }
}

async function buildPostgresTemplates(url: string): Promise<{ templates: TestTemplates; remove: () => Promise<void> }> {
  const prefix = `jianfu_tpl_${randomBytes(4).toString("hex")}`;
  const names = { migrated: `${prefix}_migrated`, seeded: `${prefix}_seeded` };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  await admin(`create database ${names.migrated}`);
  const migrated = await openDatabase({ kind: "postgres", url: urlOf(names.migrated), poolSize: 2 });
  await migrated.close();
  // A template must have no open connection while it is copied: each is closed before use.
  await admin(`create database ${names.seeded} template ${names.migrated}`);
  const seeded = await openDatabase({ kind: "postgres", url: urlOf(names.seeded), poolSize: 2 });
  try {
    await seed(seeded);
  } finally {
    await seeded.close();
  }
  return {
    templates: { kind: "postgres", ...names },
    remove: async () => {
      await admin(`drop database if exists ${names.seeded} with (force)`);
      await admin(`drop database if exists ${names.migrated} with (force)`);
    },
  };
}
