import type { DbKind } from "../db/client.js";

/**
 * The databases every test file starts from, built once per test run by global-setup.ts: one only
 * migrated, one migrated and seeded like `createTestApp` needs. Migrating and seeding took 7–30 s a
 * file (18 migrations, argon2 for each demo account); copying a template takes well under one.
 * PGlite: a tarball of the data directory on disk. PostgreSQL: a database to `create database … template`.
 */
export type TestTemplates = { kind: DbKind; migrated: string; seeded: string };

/** What the harness seeds: the hierarchy, accounts, duty lists, cases and forms demo; no burdens. */
export const HARNESS_SEED_OPTIONS = { burdens: false, documents: false, secondments: false, facilities: false } as const;

declare module "vitest" {
  export interface ProvidedContext {
    jianfuTemplates: TestTemplates | null;
  }
}
