import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgTransaction } from "drizzle-orm/pg-core";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.js";
import { acquireDataDirLock } from "./data-dir-lock.js";

/**
 * One database type for the whole app. PGlite and node-postgres expose the same Drizzle query
 * builder; the node-postgres type stands for both so domain code never branches on the driver.
 */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or a transaction inside it. */
export type Queryable = Db | Tx;

export type DbKind = "pglite" | "postgres";

export type Database = {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
};

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../drizzle");

export type OpenDatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | null /* null: in memory */; loadDataDir?: Blob };

/**
 * Connections to PostgreSQL per process. More is not faster on a small server: at 8 concurrent gate
 * checks on 2 cores, PostgreSQL's CPU per check was 7.3 ms with 4 connections, 8.3 with 6, 8.9–9.4 with
 * 10 and 10.3–10.7 with 20 (backends contending for the same hot index pages; ADR 0016); the deadline
 * peak of the 一表通 ran worse with 4 than with 10.
 */
export const DEFAULT_POOL_SIZE = 10;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      // The app's queries are many and short (the admission gate runs ~15 per check); parallel plans
      // cost more CPU than they save on them (measured in bench/gate.bench.ts: 24 → 10 ms PostgreSQL CPU per check).
      options: "-c max_parallel_workers_per_gather=0",
    });
    let closing = false;
    // An idle client can lose its server (restart, failover, a dropped test database); without a
    // listener the pool would throw that as an uncaught exception and end the process.
    pool.on("error", (err) => {
      if (!closing) console.error("PostgreSQL: an idle connection failed and was discarded:", err.message);
    });
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder });
    return {
      db,
      kind: "postgres",
      close: async () => {
        closing = true;
        await pool.end();
      },
    };
  }
  const release = options.dataDir ? acquireDataDirLock(options.dataDir) : () => {};
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, "pglite") : undefined,
      // A dump of another database's files to start from (the tests' migrated and seeded templates).
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Whether a query runs inside a transaction (one connection, and it may see its own uncommitted writes). */
export const isTransaction = (db: Queryable): db is Tx => db instanceof PgTransaction;

/**
 * Independent reads at once: on the pool each goes out on its own connection; in a transaction, whose one
 * connection runs a statement at a time, one after another (node-postgres deprecates queueing them on a
 * client, and pg 9 will refuse it).
 */
export async function concurrently<T extends readonly unknown[]>(db: Queryable, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!isTransaction(db)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
