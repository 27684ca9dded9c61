import pg from "pg";
import type { Unit } from "../src/server/modules/org/units.js";
import { ms, percentile, timeSequential, type Figure } from "./stats.js";

/**
 * What the dashboard benches (index.bench.ts, actual.bench.ts) share: a unit of each level of the
 * synthetic nation, and the run that, for each size, generates the rows, then for each level times the
 * dashboard's questions on the rollups against the same questions as a plain GROUP BY over the raw rows,
 * and at the end prints how the rollups' p95 grew from the first size to the last.
 */

/** Codes of the first province's first city's first county, and so on down. */
export const LEVEL_UNITS: { level: string; unit: Unit }[] = (() => {
  const prov = "110000", city = "110100", county = "110101", town = "110101001000", village = "110101001200";
  const u = (code: string, level: Unit["level"], path: string): Unit => ({ code, name: code, level, parentCode: null, path, provinceCode: "110000", orgType: null });
  return [
    { level: "nation", unit: u("100000", "nation", "100000") },
    { level: "province", unit: u(prov, "province", `100000.${prov}`) },
    { level: "county", unit: u(county, "county", `100000.${prov}.${city}.${county}`) },
    { level: "township", unit: u(town, "township", `100000.${prov}.${city}.${county}.${town}`) },
    { level: "village", unit: u(village, "village", `100000.${prov}.${city}.${county}.${town}.${village}`) },
  ];
})();

/** The raw queries' condition on the unit ($1, bound by rawKey): a village by its code, others by path prefix. */
export const rawWithin = (unit: Unit, alias = "") => (unit.level === "village" ? `${alias}unit_code = $1` : `(${alias}unit_path like $1 || '.%' or ${alias}unit_path = $1)`);
export const rawKey = (unit: Unit) => (unit.level === "village" ? unit.code : unit.path);

/** A figure list that also writes each figure to stderr as it comes, so a run stopped at 10^7 keeps what it measured. */
function streamingFigures(): Figure[] {
  const figures: Figure[] = [];
  const push = figures.push.bind(figures);
  figures.push = (...fs: Figure[]) => {
    for (const f of fs) console.error(`  ${f.bench}  ${f.figure}  ${f.value}`);
    return push(...fs);
  };
  return figures;
}

/** Runs `fn` and adds its time in seconds as a figure named by `figure` (given what `fn` returned). */
export type Timed = <T>(figure: (result: T) => string, fn: () => Promise<T>) => Promise<T>;

export type RollupBench = {
  /** "index", "actual": the figures are tagged `${name} 1e6`, the growth `${name} growth`; BENCH_<NAME>_ROWS and _RUNS set sizes and runs. */
  name: string;
  /** PostgreSQL, where the raw queries run on a client of their own. */
  url: string;
  /** Generates `rows` rows and builds the rollups, timing each step with `timed`; `figure` adds any other figure. */
  prepare: (a: { client: pg.Client; rows: number; timed: Timed; figure: (name: string, value: string) => void }) => Promise<void>;
  /** Removes what the bench generated, whatever happened. */
  cleanUp?: (client: pg.Client) => Promise<unknown>;
  /** What the dashboard asks of one unit, from the rollups. */
  dashboard: (unit: Unit) => Promise<unknown>;
  /** The same questions as plain GROUP BY statements over the raw rows, $1 bound to rawKey(unit). */
  raw: ((unit: Unit) => string)[];
  /** How the two sides are named in the figures, e.g. "dashboard (3 questions, rollups)", "same questions, plain GROUP BY". */
  labels: { rollups: string; raw: string };
};

export async function rollupVersusRaw(b: RollupBench): Promise<Figure[]> {
  const env = `BENCH_${b.name.toUpperCase()}`;
  const sizes = (process.env[`${env}_ROWS`] ?? "1000000,10000000").split(",").map(Number);
  const runs = Number(process.env[`${env}_RUNS`] ?? 40);
  const client = new pg.Client({ connectionString: b.url });
  await client.connect();
  try {
    return await compare(b, client, sizes, runs);
  } finally {
    await b.cleanUp?.(client).catch(() => undefined);
    await client.end();
  }
}

async function compare(b: RollupBench, client: pg.Client, sizes: number[], runs: number): Promise<Figure[]> {
  const figures = streamingFigures();
  const p95: Record<string, number[]> = {};
  for (const rows of sizes) {
    const tag = `${b.name} ${rows.toExponential(0)}`;
    const figure = (name: string, value: string) => void figures.push({ bench: tag, figure: name, value });
    const timed: Timed = async (name, fn) => {
      const start = performance.now();
      const result = await fn();
      figure(name(result), ((performance.now() - start) / 1000).toFixed(1));
      return result;
    };
    await b.prepare({ client, rows, timed, figure });
    for (const { level, unit } of LEVEL_UNITS) {
      const dashboard = await timeSequential(runs, 3, () => b.dashboard(unit));
      // A plain GROUP BY over a nation's or a province's rows takes seconds: fewer runs of those.
      const rawRuns = level === "nation" || level === "province" ? 2 : 5;
      const raw = await timeSequential(rawRuns, 0, async () => {
        for (const q of b.raw) await client.query(q(unit), [rawKey(unit)]);
      });
      (p95[level] ??= []).push(percentile(dashboard, 95));
      figures.push(
        { bench: tag, figure: `${level} ${b.labels.rollups} p50 ms`, value: ms(percentile(dashboard, 50)) },
        { bench: tag, figure: `${level} ${b.labels.rollups} p95 ms`, value: ms(percentile(dashboard, 95)), target: "< 300 at 1e7" },
        { bench: tag, figure: `${level} ${b.labels.raw} p50 ms (${rawRuns} runs)`, value: ms(percentile(raw, 50)) },
        { bench: tag, figure: `${level} plain / rollups (p50)`, value: `${(percentile(raw, 50) / percentile(dashboard, 50)).toFixed(1)}×` },
      );
    }
  }
  if (sizes.length > 1)
    for (const [level, values] of Object.entries(p95))
      figures.push({ bench: `${b.name} growth`, figure: `${level} rollup p95 ${sizes.at(-1)!.toExponential(0)} / ${sizes[0]!.toExponential(0)}`, value: `${(values.at(-1)! / values[0]!).toFixed(2)}×` });
  return figures;
}
