/**
 * npm run bench: figures for the national scale of DESIGN.md §4, printed, never asserted.
 *
 *   BENCH_DATABASE_URL  use this PostgreSQL instead of a throwaway one (scripts/pg-local.sh under /tmp)
 *   BENCH_BATCH_SIZE    rows per importer batch (default: the importer's own)
 *   BENCH_ONLY          comma list of: import, queries, login, gate, documents, index, actual, cases, intake, forms (default: all; queries, login, gate and cases need the import)
 *   BENCH_CASES         cases the case-list bench generates (default 1,000,000)
 *   BENCH_DOCS          documents the documents bench generates (default 1,000,000)
 *   BENCH_GATE_BURDENS  admitted burdens the gate bench generates (default 1,000,000)
 *   BENCH_GATE_SECONDS  length of each concurrent run of the gate bench (default 20)
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/server/db/client.js";
import { benchCases } from "./cases.bench.js";
import { benchDocuments } from "./documents.bench.js";
import { benchForms } from "./forms.bench.js";
import { benchGate } from "./gate.bench.js";
import { benchActual } from "./actual.bench.js";
import { benchIndex } from "./index.bench.js";
import { benchIntake } from "./intake.bench.js";
import { benchImport, benchQueries } from "./hierarchy.bench.js";
import { startLocalPostgres, type LocalPostgres } from "./local-pg.js";
import { benchLogin } from "./login.bench.js";
import { printTable, type Figure } from "./stats.js";

function parseEnv() {
  const batch = process.env.BENCH_BATCH_SIZE;
  const batchSize = batch ? Number(batch) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new Error(`BENCH_BATCH_SIZE must be a positive integer, not ${batch}`);
  const only = new Set((process.env.BENCH_ONLY ?? "import,queries,login,gate,documents,index,actual,cases,intake,forms").split(",").map((s) => s.trim()));
  return { batchSize, only };
}

async function main(): Promise<number> {
  const { batchSize, only } = parseEnv();
  let local: LocalPostgres | null = null;
  const stopLocal = () => local?.stop();
  process.once("SIGINT", () => {
    stopLocal();
    process.exit(130);
  });

  const figures: Figure[] = [];
  let plans: string[] = [];
  let serverVersion: string;
  const started = performance.now();
  const loadAtStart = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  try {
    const envUrl = process.env.BENCH_DATABASE_URL;
    if (!envUrl) {
      console.error("bench: starting a throwaway PostgreSQL (scripts/pg-local.sh)");
      local = await startLocalPostgres();
    }
    const url = envUrl ?? local!.url;
    const database = await openDatabase({ kind: "postgres", url });
    try {
      const version = await database.db.execute<{ v: string }>(sql`select current_setting('server_version') as v`);
      serverVersion = version.rows[0]?.v ?? "?";
      if (only.has("import")) {
        console.error("bench: generating and importing the national hierarchy");
        figures.push(...(await benchImport(database.db, batchSize)));
      }
      if (only.has("queries")) {
        console.error("bench: hierarchy queries");
        const result = await benchQueries(database.db, url);
        figures.push(...result.figures);
        plans = result.plans;
      }
      if (only.has("login")) {
        console.error("bench: concurrent logins");
        figures.push(...(await benchLogin(database.db)));
      }
      if (only.has("documents")) {
        console.error("bench: near-duplicate search over registered documents");
        figures.push(...(await benchDocuments(url)));
      }
      if (only.has("gate")) {
        console.error("bench: admission gate at national scale (data generation, then checks)");
        const result = await benchGate(database.db, url);
        figures.push(...result.figures);
        plans = [...plans, ...result.plans];
      }
      if (only.has("cases")) {
        console.error("bench: the handler's case list over generated cases");
        figures.push(...(await benchCases(database.db, url)));
      }
      if (only.has("intake")) figures.push(...(await benchIntake(url)));
      if (only.has("forms")) figures.push(...(await benchForms(database.db, url)));
      if (only.has("index")) {
        console.error("bench: burden index rollups against plain GROUP BY (data generation, rebuild, dashboard questions)");
        figures.push(...(await benchIndex(database.db, url)));
      }
      if (only.has("actual")) {
        console.error("bench: monitoring and satisfaction rollups against plain GROUP BY (data generation, rebuild, dashboard questions)");
        figures.push(...(await benchActual(database.db, url)));
      }
    } finally {
      await database.close();
    }
  } finally {
    stopLocal();
  }

  const cpu = os.cpus();
  console.log(
    `jianfu bench — ${new Date().toISOString()} — node ${process.version}, PostgreSQL ${serverVersion}, ` +
      `${cpu.length} × ${cpu[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  console.log(`load average at start ${loadAtStart} / at end ${os.loadavg().map((n) => n.toFixed(2)).join(" ")} (other work on this machine skews timings)`);
  console.log(`database: ${process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "throwaway PostgreSQL via scripts/pg-local.sh (fsync=off)"}\n`);
  printTable(figures);
  if (plans.length > 0) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the SQL the domain functions send:\n${plans.join("\n")}`);
  console.log(`\nbench wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
