import pg from "pg";
import type { Db } from "../src/server/db/client.js";
import type { Figure } from "./stats.js";
import { type Env, ensureHierarchy } from "./forms-setup.js";
import { benchMapping } from "./forms-mapping.bench.js";
import { benchExport } from "./forms-export.bench.js";
import { benchPeak } from "./forms-peak.bench.js";

/**
 * 一表通 at national scale (issue 4, "Speed"):
 *   a. mapping proposals for a 60-column form against a catalog of 20,000 indicators;
 *   b. a deadline peak: villages submit a 40-field one form over loopback HTTP from a second process
 *      (50 clients) on PostgreSQL with durable commits, against pgbench inserting what one submission
 *      writes at the same concurrency on the same database, in the same run;
 *   c. a department's export of 600,000 villages' rows (time, peak RSS and heap; streamed).
 *
 * Each part in its file: forms-mapping.bench.ts, forms-peak.bench.ts, forms-export.bench.ts; shared
 * set-up in forms-setup.ts.
 *
 *   BENCH_FORMS_SUBMISSIONS  villages that submit in the peak (default 12,000; each a user with a session)
 *   BENCH_FORMS_CLIENTS      concurrent HTTP clients and pgbench clients (default 50)
 *   BENCH_FORMS_SKIP         comma list of mapping, peak, export to leave out
 */

function parseEnv(): Env {
  const int = (name: string, fallback: number) => {
    const raw = process.env[name];
    const n = raw ? Number(raw) : fallback;
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`${name} must be a positive integer, not ${raw}`);
    return n;
  };
  const skip = new Set((process.env.BENCH_FORMS_SKIP ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  return { submissions: int("BENCH_FORMS_SUBMISSIONS", 12_000), clients: int("BENCH_FORMS_CLIENTS", 50), skip };
}

export async function benchForms(db: Db, url: string): Promise<Figure[]> {
  const env = parseEnv();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const figures: Figure[] = [];
    figures.push(...(await ensureHierarchy(db, client)));
    if (!env.skip.has("mapping")) {
      console.error("bench: forms — mapping proposals");
      figures.push(...(await benchMapping(client, db)));
    }
    if (!env.skip.has("export")) {
      console.error("bench: forms — export of 600,000 villages' rows");
      figures.push(...(await benchExport(client, db)));
    }
    if (!env.skip.has("peak")) {
      console.error("bench: forms — deadline peak over HTTP and pgbench");
      figures.push(...(await benchPeak(client, url, env)));
    }
    return figures;
  } finally {
    await client.end();
  }
}

