import cliProgress from "cli-progress";
import { asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "../src/server/db/client.js";
import * as schema from "../src/server/db/schema.js";
import { importUnits, NATION_ROW, type LevelCounts } from "../src/server/modules/org/divisions/import.js";
import { units } from "../src/server/modules/org/schema.js";
import { isUnitInside, unitsUnder } from "../src/server/modules/org/units.js";
import { latencyFigures, timeSequential, type Figure } from "./stats.js";
import { NATIONAL, rowCount, seededRandom, syntheticHierarchy } from "./synthetic-hierarchy.js";

const SEED = 2026;
const RUNS = 500;
const WARMUP = 50;
const seconds = (startMs: number) => (performance.now() - startMs) / 1000;

function* allRows() {
  yield NATION_ROW;
  yield* syntheticHierarchy(NATIONAL, SEED);
}

/** Generates the national hierarchy and loads it through the real importer. */
export async function benchImport(db: Db, batchSize: number | undefined): Promise<Figure[]> {
  const total = rowCount(NATIONAL);
  let start = performance.now();
  let generated = 0;
  for (const _row of allRows()) generated++;
  const generateS = seconds(start);

  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: "import {bar} {percentage}% | {value}/{total} | {duration}s" }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(total, 0);
  start = performance.now();
  let counts: LevelCounts;
  try {
    counts = await importUnits(db, allRows(), { batchSize, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
  const importS = seconds(start);

  start = performance.now();
  await db.execute(sql`analyze units`);
  const analyzeS = seconds(start);

  const inserted = Object.values(counts).reduce((n, c) => n + c.inserted, 0);
  const notInserted = Object.values(counts).reduce((n, c) => n + c.updated + c.unchanged, 0);
  const byLevel = await db.select({ level: units.level, n: sql<number>`count(*)::int` }).from(units).groupBy(units.level);
  const bench = "import (generate + importUnits)";
  return [
    { bench, figure: "rows generated", value: String(generated) },
    { bench, figure: "generate only s", value: generateS.toFixed(3) },
    { bench, figure: "batch size", value: batchSize === undefined ? "default" : String(batchSize) },
    { bench, figure: "rows inserted", value: String(inserted) },
    ...(notInserted > 0 ? [{ bench, figure: "rows updated/unchanged", value: String(notInserted) }] : []),
    { bench, figure: "total s", value: importS.toFixed(3), target: "< 60 s" },
    { bench, figure: "rows/s", value: Math.floor(total / importS).toString() },
    { bench, figure: "analyze units s", value: analyzeS.toFixed(3) },
    ...UNIT_LEVEL_ORDER.flatMap((level) => {
      const n = byLevel.find((r) => r.level === level)?.n;
      return n === undefined ? [] : [{ bench, figure: `units: ${level}`, value: String(n) }];
    }),
  ];
}

const UNIT_LEVEL_ORDER = ["nation", "province", "city", "county", "township", "village", "department"];

/** "All villages under county X" and "is A inside B" over random counties and pairs, plus their plans. */
export async function benchQueries(db: Db, url: string): Promise<{ figures: Figure[]; plans: string[] }> {
  const rand = seededRandom(SEED + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const counties = await db.select({ code: units.code, path: units.path }).from(units).where(eq(units.level, "county")).orderBy(asc(units.code));
  const villages = await db.execute<{ code: string; path: string }>(
    sql`select code, path from units where level = 'village' order by md5(code) limit 2000`,
  );
  if (counties.length === 0 || villages.rows.length === 0) throw new Error("no counties or villages: the import did not run");

  let returned = 0;
  const underSamples = await timeSequential(RUNS, WARMUP, async () => {
    const rows = await unitsUnder(db, pick(counties).path, "village");
    returned += rows.length;
  });

  // Half the pairs are a village with its own county (inside), half with a random county (mostly not).
  let inside = 0;
  const pairSamples = await timeSequential(RUNS, WARMUP, async (i) => {
    const village = pick(villages.rows);
    const outer = i % 2 === 0 ? (village.path.split(".")[3] ?? "") : pick(counties).code;
    if (await isUnitInside(db, village.code, outer)) inside++;
  });

  const figures: Figure[] = [
    ...latencyFigures("unitsUnder(county, village)", underSamples, "< 5 ms"),
    { bench: "unitsUnder(county, village)", figure: "villages per query (avg)", value: (returned / (RUNS + WARMUP)).toFixed(1) },
    ...latencyFigures("isUnitInside(a, b)", pairSamples, "< 5 ms"),
    { bench: "isUnitInside(a, b)", figure: "true answers", value: `${inside}/${RUNS + WARMUP}` },
  ];

  // The exact SQL the domain functions send, captured through a logging Drizzle, then explained.
  const captured: { query: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const logging = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
    const county = counties[Math.floor(counties.length / 2)]!;
    const village = villages.rows[0]!;
    await unitsUnder(logging, county.path, "village");
    await isUnitInside(logging, village.code, village.path.split(".")[3] ?? "");
    const plans: string[] = [];
    for (const [label, q] of [
      [`unitsUnder(${county.code}, "village")`, captured[0]],
      [`isUnitInside(${village.code}, its county)`, captured[1]],
    ] as const) {
      if (!q) continue;
      const result = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.query}`, q.params);
      plans.push(`-- ${label}\n-- ${q.query}\n-- params ${JSON.stringify(q.params)}`, ...result.rows.map((r) => `   ${r["QUERY PLAN"]}`));
    }
    return { figures, plans };
  } finally {
    await pool.end();
  }
}
