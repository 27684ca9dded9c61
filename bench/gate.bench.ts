import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import cliProgress from "cli-progress";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { ZBurdenInput, type BurdenInput } from "../src/contracts/burdens.js";
import { openDatabase, type Db } from "../src/server/db/client.js";
import * as schema from "../src/server/db/schema.js";
import type { Actor, ScopeUnit } from "../src/server/kernel/actor.js";
import { prepareName } from "../src/server/kernel/text-similarity.js";
import { evaluateGate } from "../src/server/modules/burdens/gate/evaluate.js";
import { loadGateContext } from "../src/server/modules/burdens/gate/context.js";
import { loadGateSettings, loadRegisters } from "../src/server/modules/burdens/gate/settings.js";
import { chinaToday, prepareBurden } from "../src/server/modules/burdens/prepare.js";
import { DEFAULT_GATE_SETTINGS } from "../src/server/modules/burdens/gate/rules/defaults.js";
import { exactScore, prepareChecked, screen, similarBurdens, similaritySignatureOf, SIMILARITY_FLOOR } from "../src/server/modules/burdens/similar.js";
import { resolveTargets } from "../src/server/modules/burdens/targets.js";
import { loadWorkingCalendar } from "../src/server/modules/calendar/calendar.js";
import { clearDutyMatchCache, matchDuty } from "../src/server/modules/duties/match.js";
import { loadItems } from "../src/server/modules/duties/lists.js";
import { importUnits } from "../src/server/modules/org/divisions/import.js";
import { getUnit, getUnits } from "../src/server/modules/org/units.js";
import { latencyFigures, ms, percentile, timeSequential, type Figure } from "./stats.js";
import {
  admittedBurdens,
  checkInput,
  countyTemplate,
  DEPARTMENTS,
  DIFFERING_SHARE,
  SCENARIOS,
  townshipDifferences,
  type BurdenRow,
  type CheckScenario,
  type DutyItemRow,
  type GateCounty,
  type GateTownship,
} from "./synthetic-gate-data.js";
import { seededRandom } from "./synthetic-hierarchy.js";

/**
 * The admission gate at national scale (issue 3, "Speed"): 2,850 county duty-list templates of 340
 * items applied to 38,000 townships (5% with differences), 1,000,000 admitted burdens with their
 * targets, then prepareBurden — everything POST /api/admission/check does — single client and under
 * 8 and 16 concurrent clients, and where the time of loadGateContext goes.
 *
 *   BENCH_GATE_BURDENS   admitted burdens to generate (default 1,000,000)
 *   BENCH_GATE_SECONDS   length of each concurrent run (default 20)
 */

const SEED = 2027;
const RUNS = 600;
const WARMUP = 90;
const PHASE_SAMPLES = 60;
const POOL_SIZE = 20;
const CONCURRENCY = [8, 16];
const BURDEN_BATCH = 5000;
const ITEM_BATCH = 20_000;
/** Marks the rows this bench writes, so a second run on the same database reuses them. */
const BENCH_CREATOR = "00000000-0000-4000-8000-000000002027";
const TEMPLATE_REASON = "压测：全国县级乡镇履职事项清单模板（合成数据）";
const DIFFERENCES_REASON = "压测：乡镇履职事项差异（合成数据）";

const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
const s3 = (n: number) => n.toFixed(3);

function parseEnv() {
  const int = (name: string, fallback: number) => {
    const raw = process.env[name];
    const n = raw ? Number(raw) : fallback;
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`${name} must be a positive integer, not ${raw}`);
    return n;
  };
  return { burdens: int("BENCH_GATE_BURDENS", 1_000_000), seconds: int("BENCH_GATE_SECONDS", 20) };
}

// ---- data ------------------------------------------------------------------------------------

/** Counties with their townships, villages and departments, as the units table holds them. */
export async function loadHierarchy(client: pg.Client): Promise<GateCounty[]> {
  const counties = new Map<string, GateCounty>();
  for (const r of (await client.query<{ code: string; name: string; path: string; province_code: string }>(
    `select code, name, path, province_code from units where level = 'county' order by code`,
  )).rows) {
    counties.set(r.code, { code: r.code, name: r.name, path: r.path, provinceCode: r.province_code, townships: [], departments: [] });
  }
  const townships = new Map<string, GateTownship>();
  for (const r of (await client.query<{ code: string; name: string; path: string; province_code: string; parent_code: string }>(
    `select code, name, path, province_code, parent_code from units where level = 'township' order by code`,
  )).rows) {
    const t: GateTownship = { code: r.code, name: r.name, path: r.path, provinceCode: r.province_code, villages: [] };
    townships.set(r.code, t);
    counties.get(r.parent_code)?.townships.push(t);
  }
  for (const r of (await client.query<{ code: string; parent_code: string }>(`select code, parent_code from units where level = 'village' order by code`)).rows) {
    townships.get(r.parent_code)?.villages.push(r.code);
  }
  for (const r of (await client.query<{ code: string; name: string; path: string; parent_code: string }>(
    `select code, name, path, parent_code from units where level = 'department' order by code`,
  )).rows) {
    counties.get(r.parent_code)?.departments.push({ code: r.code, name: r.name, path: r.path });
  }
  return [...counties.values()].filter((c) => c.townships.length > 0 && c.townships.every((t) => t.villages.length > 0));
}

/** Rows of unnest(...) for a bulk insert: one array parameter per column. */
function columns<T>(rows: readonly T[], pickers: ((r: T) => unknown)[]): unknown[][] {
  return pickers.map((p) => rows.map(p));
}

type Generated = { figures: Figure[]; counties: GateCounty[]; templateOf: Map<string, string> };

async function generate(db: Db, client: pg.Client, burdenCount: number, today: string): Promise<Generated> {
  const bench = "gate data (generate + load)";
  const figures: Figure[] = [];
  const total = performance.now();
  let start = performance.now();

  // Departments: four bureaus per county, through the real importer (parents are in the database).
  let counties = await loadHierarchy(client);
  if (counties.length === 0) throw new Error("no counties with townships and villages: run the import first (BENCH_ONLY=import,gate)");
  const missingDepartments = counties.filter((c) => c.departments.length === 0);
  if (missingDepartments.length > 0) {
    await importUnits(
      db,
      missingDepartments.flatMap((c) =>
        DEPARTMENTS.map((d) => ({ code: `${c.code}D${d.suffix}`, name: `${c.name}${d.name}`, level: "department" as const, parentCode: c.code, provinceCode: c.provinceCode, orgType: "bureau" })),
      ),
    );
    counties = await loadHierarchy(client);
  }
  const departments = counties.reduce((n, c) => n + c.departments.length, 0);
  figures.push({ bench, figure: "department units (issuers)", value: String(departments) }, { bench, figure: "departments + hierarchy load s", value: s3(seconds(start)) });

  // Duty lists: one template per county applied to all its townships, differences for ~5% of townships.
  start = performance.now();
  const templateOf = new Map<string, string>();
  const existing = await client.query<{ unit_code: string; id: string }>(`select unit_code, id from duty_list_versions where reason = $1`, [TEMPLATE_REASON]);
  let differing = 0;
  if (existing.rows.length > 0) {
    for (const r of existing.rows) templateOf.set(r.unit_code, r.id);
    figures.push({ bench, figure: "duty lists", value: "reused (already in the database)" });
  } else {
    const effectiveFrom = `${Number(today.slice(0, 4)) - 1}-07-01`;
    type Version = { id: string; kind: string; unitCode: string; unitPath: string; provinceCode: string; reason: string; rows: DutyItemRow[] };
    const versions: Version[] = [];
    const rand = seededRandom(SEED);
    for (const [ci, county] of counties.entries()) {
      const template = countyTemplate(SEED * 10_000 + ci);
      const id = randomUUID();
      templateOf.set(county.code, id);
      versions.push({ id, kind: "template", unitCode: county.code, unitPath: county.path, provinceCode: county.provinceCode, reason: TEMPLATE_REASON, rows: template });
      for (const [ti, township] of county.townships.entries()) {
        if (rand() >= DIFFERING_SHARE) continue;
        differing++;
        const rows = townshipDifferences(template, SEED * 1_000_000 + ci * 1000 + ti);
        versions.push({ id: randomUUID(), kind: "differences", unitCode: township.code, unitPath: township.path, provinceCode: township.provinceCode, reason: DIFFERENCES_REASON, rows });
      }
    }
    await client.query("begin");
    for (let i = 0; i < versions.length; i += 5000) {
      const chunk = versions.slice(i, i + 5000);
      // As insertVersion writes them: version 1, source seed, applies_to null (every township), no actor.
      await client.query(
        `insert into duty_list_versions (id, kind, unit_code, unit_path, province_code, version, effective_from, reason, source, applies_to, item_count)
         select id, kind, unit_code, unit_path, province_code, 1, $7::date, reason, 'seed', null, item_count
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::int[]) as v(id, kind, unit_code, unit_path, province_code, reason, item_count)`,
        [
          ...columns(chunk, [(v) => v.id, (v) => v.kind, (v) => v.unitCode, (v) => v.unitPath, (v) => v.provinceCode, (v) => v.reason]),
          effectiveFrom,
          chunk.map((v) => v.rows.length),
        ],
      );
    }
    const flat = versions.flatMap((v) => v.rows.map((r) => ({ ...r, versionId: v.id, provinceCode: v.provinceCode })));
    const itemRows = flat.length;
    for (let i = 0; i < flat.length; i += ITEM_BATCH) {
      const chunk = flat.slice(i, i + ITEM_BATCH);
      await client.query(
        `insert into duty_items (version_id, key, op, part, name, legal_basis, lead_department, note, position, province_code)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])`,
        columns(chunk, [(r) => r.versionId, (r) => r.key, (r) => r.op, (r) => r.part, (r) => r.name, (r) => r.legalBasis, (r) => r.leadDepartment, (r) => r.note, (r) => r.position, (r) => r.provinceCode]),
      );
    }
    await client.query("commit");
    await client.query("analyze duty_list_versions; analyze duty_items");
    figures.push(
      { bench, figure: "duty templates (counties × 340 items)", value: String(counties.length) },
      { bench, figure: "townships with differences", value: String(differing) },
      { bench, figure: "duty_items rows", value: String(itemRows) },
      { bench, figure: "duty lists s", value: s3(seconds(start)) },
    );
  }
  const townships = counties.reduce((n, c) => n + c.townships.length, 0);
  const effectiveItems = await client.query<{ n: string }>(
    `select (sum(t.item_count * (select count(*) from units u where u.parent_code = t.unit_code and u.level = 'township'))
             + coalesce((select sum(case op when 'add' then 1 when 'remove' then -1 else 0 end) from duty_items i join duty_list_versions d on d.id = i.version_id where d.reason = $2), 0))::text as n
     from duty_list_versions t where t.reason = $1`,
    [TEMPLATE_REASON, DIFFERENCES_REASON],
  );
  figures.push(
    { bench, figure: "townships with a list in force", value: String(townships) },
    { bench, figure: "effective duty items (all townships' lists)", value: effectiveItems.rows[0]?.n ?? "?" },
  );

  // Admitted burdens, generated here, written in multi-row inserts (unnest), then their targets in SQL.
  const [{ n: already } = { n: "0" }] = (await client.query<{ n: string }>(`select count(*)::text as n from burdens where created_by = $1`, [BENCH_CREATOR])).rows;
  if (Number(already) > 0) {
    figures.push({ bench, figure: "burdens", value: `reused ${already} (already in the database)` });
  } else {
    start = performance.now();
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ stream: process.stderr, format: "burdens {bar} {percentage}% | {value}/{total} | {duration}s" }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(burdenCount, 0);
    let batch: BurdenRow[] = [];
    let written = 0;
    const flush = async () => {
      await client.query(
        `insert into burdens (id, kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target,
                              target_spec, target_count, duty_item, details, findings, yearly_minutes, admission_number, admitted_at, created_by, created_at, updated_at,
                              similarity_signature)
         select id, kind, 'admitted', issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes,
                spec, n, duty_item, details, '[]'::jsonb, yearly, number, at, $17::uuid, at, at, signature
         from (select *, (issued_on + time '09:30') at time zone 'Asia/Shanghai' as at
               from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::text[],
                           $11::int[], $12::jsonb[], $13::int[], $14::text[], $15::jsonb[], $16::bigint[], $18::text[], $19::bytea[])
                 as b(id, kind, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes, spec, n, duty_item, details, yearly, number,
                      signature)) b`,
        [
          ...columns(batch, [
            (b) => b.id, (b) => b.kind, (b) => b.issuerCode, (b) => b.issuerPath, (b) => b.provinceCode, (b) => b.title, (b) => b.text, (b) => b.issuedOn,
            (b) => b.deadline, (b) => b.frequency, (b) => b.minutesPerTarget, (b) => JSON.stringify(b.targetSpec), (b) => b.targetCount, (b) => b.dutyItem,
            (b) => JSON.stringify(b.details), (b) => b.yearlyMinutes,
          ]),
          BENCH_CREATOR,
          batch.map((b) => b.admissionNumber),
          // What registry.ts writes with every burden: the MinHash signatures of its title and text.
          batch.map((b) => Buffer.from(similaritySignatureOf(b))),
        ],
      );
      written += batch.length;
      batch = [];
      bar?.update(written);
    };
    let expectedTargets = 0;
    try {
      await client.query("begin");
      for (const row of admittedBurdens(counties, burdenCount, today, SEED)) {
        expectedTargets += row.targetCount;
        batch.push(row);
        if (batch.length >= BURDEN_BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      // The admission sequences continue after the numbers given.
      await client.query(
        `insert into admission_sequences (region_code, year, next)
         select split_part(admission_number, '-', 1), split_part(admission_number, '-', 2)::int, max(split_part(admission_number, '-', 3)::int) + 1
         from burdens where created_by = $1 group by 1, 2
         on conflict (region_code, year) do update set next = greatest(admission_sequences.next, excluded.next)`,
        [BENCH_CREATOR],
      );
      await client.query("commit");
    } finally {
      bar?.stop();
    }
    const burdensS = seconds(start);
    figures.push(
      { bench, figure: "burdens (admitted) rows", value: String(written) },
      { bench, figure: "burdens generate + insert s", value: s3(burdensS) },
      { bench, figure: "burdens rows/s", value: Math.floor(written / burdensS).toString() },
    );
    figures.push(...(await expandTargets(client, expectedTargets)));
  }
  // As a database in steady state: visibility map and hint bits set, statistics fresh, and no autovacuum
  // of 17 M fresh rows running under the measurements.
  start = performance.now();
  await client.query("vacuum (analyze) burdens");
  await client.query("vacuum (analyze) burden_targets");
  await client.query("vacuum (analyze) duty_list_versions");
  await client.query("vacuum (analyze) duty_items");
  await client.query("analyze units");
  figures.push({ bench, figure: "vacuum (analyze) s", value: s3(seconds(start)) });
  const sizes = await client.query<{ t: string; rows: string; size: string }>(
    `select c.relname as t, c.reltuples::bigint::text as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size
     from pg_class c where c.relname in ('burdens', 'burden_targets', 'duty_items', 'duty_list_versions', 'units') order by c.relname`,
  );
  for (const r of sizes.rows) figures.push({ bench, figure: `table ${r.t} (rows ≈, size with indexes)`, value: `${r.rows} / ${r.size}` });
  figures.push({ bench, figure: "total s", value: s3(seconds(total)) });
  return { figures, counties, templateOf };
}

/**
 * burden_targets from each burden's target_spec, as resolveTargets expands it, in four INSERT … SELECT
 * (lists; a township's villages or a county's townships; a county's villages). The table's indexes and
 * constraints are dropped and rebuilt from their own definitions around the load, in one transaction.
 */
async function expandTargets(client: pg.Client, expected: number): Promise<Figure[]> {
  const bench = "gate data (generate + load)";
  const figures: Figure[] = [];
  let start: number;
  await client.query("begin");
  await client.query("set local maintenance_work_mem = '1GB'; set local work_mem = '256MB'; set local max_parallel_maintenance_workers = 2");
  const constraints = (await client.query<{ name: string; def: string; type: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def, contype as type from pg_constraint where conrelid = 'burden_targets'::regclass and contype in ('p', 'f', 'u')`,
  )).rows;
  const indexes = (await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename = 'burden_targets' and indexname not in (select conname from pg_constraint where conrelid = 'burden_targets'::regclass)`,
  )).rows;
  for (const c of constraints.filter((c) => c.type === "f")) await client.query(`alter table burden_targets drop constraint "${c.name}"`);
  for (const c of constraints.filter((c) => c.type !== "f")) await client.query(`alter table burden_targets drop constraint "${c.name}"`);
  for (const i of indexes) await client.query(`drop index "${i.name}"`);

  const mine = `b.created_by = '${BENCH_CREATOR}'`;
  // The load columns registry.ts writes (target-loads.ts): all these burdens are admitted.
  const load = `true, case when b.frequency = 'once' then b.deadline else b.issued_on end, b.deadline,
    b.minutes_per_target * case b.frequency when 'once' then 1 when 'daily' then 250.0 / 12 when 'weekly' then 52.0 / 12
      when 'monthly' then 1 when 'quarterly' then 4.0 / 12 else 1.0 / 12 end`;
  const steps: [string, string][] = [
    [
      "targets: lists",
      `select b.id, u.code, u.path, u.province_code, ${load} from burdens b cross join lateral jsonb_array_elements_text(b.target_spec) as c(code)
       join units u on u.code = c.code where ${mine} and jsonb_typeof(b.target_spec) = 'array'`,
    ],
    [
      "targets: a township's villages, a county's townships",
      `select b.id, u.code, u.path, u.province_code, ${load} from burdens b join units u on u.parent_code = b.target_spec->>'under' and u.level = b.target_spec->>'level'
       where ${mine} and jsonb_typeof(b.target_spec) = 'object' and not (b.target_spec->>'level' = 'village' and length(b.target_spec->>'under') = 6)`,
    ],
    [
      "targets: a county's villages",
      `select b.id, v.code, v.path, v.province_code, ${load} from burdens b join units t on t.parent_code = b.target_spec->>'under' and t.level = 'township'
       join units v on v.parent_code = t.code and v.level = 'village'
       where ${mine} and jsonb_typeof(b.target_spec) = 'object' and b.target_spec->>'level' = 'village' and length(b.target_spec->>'under') = 6`,
    ],
  ];
  let rows = 0;
  for (const [label, select] of steps) {
    start = performance.now();
    const result = await client.query(`insert into burden_targets (burden_id, unit_code, unit_path, province_code, in_force, load_from, load_to, monthly_minutes) ${select}`);
    rows += result.rowCount ?? 0;
    figures.push({ bench, figure: `${label} rows / s`, value: `${result.rowCount} / ${s3(seconds(start))}` });
  }
  for (const c of constraints.filter((c) => c.type !== "f")) {
    start = performance.now();
    await client.query(`alter table burden_targets add constraint "${c.name}" ${c.def}`);
    figures.push({ bench, figure: `rebuild ${c.name} s`, value: s3(seconds(start)) });
  }
  for (const i of indexes) {
    start = performance.now();
    await client.query(i.def);
    figures.push({ bench, figure: `rebuild ${i.name} s`, value: s3(seconds(start)) });
  }
  for (const c of constraints.filter((c) => c.type === "f")) {
    start = performance.now();
    await client.query(`alter table burden_targets add constraint "${c.name}" ${c.def}`);
    figures.push({ bench, figure: `re-add ${c.name} (validates) s`, value: s3(seconds(start)) });
  }
  await client.query("commit");
  figures.push({ bench, figure: "burden_targets rows (expected from target counts)", value: `${rows} (${expected})` });
  return figures;
}

// ---- checks ----------------------------------------------------------------------------------

export type Check = { scenario: CheckScenario; input: BurdenInput; actor: Actor; issuer: ScopeUnit };

const actorFor = (issuer: ScopeUnit): Actor => ({
  id: BENCH_CREATOR,
  username: `bench_${issuer.code}`,
  displayName: `压测 ${issuer.name}`,
  role: issuer.level === "department" ? "department_staff" : "township_official",
  scope: issuer,
  mustChangePassword: false,
});

/** `count` checks round-robin over the scenarios, each from a county drawn at random over the nation. */
export async function buildChecks(db: Db, counties: readonly GateCounty[], count: number, today: string, seed: number): Promise<Check[]> {
  const rand = seededRandom(seed);
  const drafts = Array.from({ length: count }, (_, i) => {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const county = counties[Math.floor(rand() * counties.length)]!;
    return { scenario, ...checkInput(rand, scenario, county, today) };
  });
  const issuers = new Map((await getUnits(db, [...new Set(drafts.map((d) => d.issuerCode))])).map((u) => [u.code, u]));
  return drafts.map((d) => {
    const issuer = issuers.get(d.issuerCode);
    if (!issuer) throw new Error(`issuer ${d.issuerCode} is missing`);
    // The route validates the body against ZBurdenInput (defaults filled) before prepareBurden.
    return { scenario: d.scenario, input: ZBurdenInput.parse(d.input), actor: actorFor(issuer), issuer };
  });
}

/**
 * CPU used by this process, by PostgreSQL (the postmaster with its children, including parallel workers
 * and autovacuum, when it runs on this machine and /proc shows it) and by the whole machine.
 */
class CpuMeter {
  private readonly tick = 100;
  private postmaster: number | null = null;
  constructor(private readonly pool: pg.Pool) {}
  private static stat(pid: number | string): string[] | null {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null;
    }
  }
  /** Ticks of the postmaster (own and reaped children) and of its live children. */
  private async postgresTicks(): Promise<number | null> {
    if (this.postmaster === null) {
      const { rows } = await this.pool.query<{ pid: number }>("select pg_backend_pid() as pid");
      const ppid = rows[0] ? CpuMeter.stat(rows[0].pid)?.[1] : undefined;
      if (!ppid) return null;
      this.postmaster = Number(ppid);
    }
    const own = CpuMeter.stat(this.postmaster);
    if (!own) return null;
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const f = CpuMeter.stat(entry);
      if (f && Number(f[1]) === this.postmaster) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks;
  }
  private static machine = () => os.cpus().reduce((n, c) => n + c.times.user + c.times.sys + c.times.nice + c.times.irq, 0);
  async start() {
    return { node: process.cpuUsage(), pg: await this.postgresTicks(), machine: CpuMeter.machine() };
  }
  async stop(from: Awaited<ReturnType<CpuMeter["start"]>>) {
    const node = process.cpuUsage(from.node);
    const pg = await this.postgresTicks();
    return {
      nodeS: (node.user + node.system) / 1e6,
      pgS: pg !== null && from.pg !== null ? (pg - from.pg) / this.tick : null,
      machineS: (CpuMeter.machine() - from.machine) / 1000,
    };
  }
}

async function concurrentRun(db: Db, checks: readonly Check[], clients: number, durationS: number, offset: number) {
  const samples: number[] = [];
  const failures = new Map<string, number>();
  let next = offset;
  const end = performance.now() + durationS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const check = checks[next++ % checks.length]!;
        const t = performance.now();
        try {
          await prepareBurden(db, { actor: check.actor, input: check.input });
          samples.push(performance.now() - t);
        } catch (err) {
          const code = err instanceof Error ? ((err as { code?: string }).code ?? err.message) : String(err);
          failures.set(code, (failures.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  return { samples, wallS: seconds(start), failures, next };
}

// ---- where the time goes -----------------------------------------------------------------------

type Captured = { query: string; params: unknown[] };

/** Which function of loadGateContext (or matchDuty) sent a captured statement. */
function labelOf(q: string): string {
  if (q.includes("filter (where")) return "issuerUsage";
  if (q.includes("similarity_signature")) return "similarCandidates";
  if (q.includes("left(")) return "similarShortlist";
  if (q.includes("sum(")) return "targetLoads";
  if (q.includes("distinct on")) return "versionsInForce";
  if (q.includes('from "duty_items"')) return "loadItems";
  if (q.includes('from "gate_settings"')) return "loadGateSettings";
  if (q.includes('from "gate_registers"')) return "loadRegisters";
  if (q.includes('from "calendar_days"')) return "loadWorkingCalendar";
  if (q.includes('from "units"')) return "getUnits";
  return "other";
}

/** Plans of IN lists of hundreds of codes: long lines are cut. */
const clip = (line: string, max = 260) => (line.length > max ? `${line.slice(0, max)}… (${line.length} chars)` : line);

type Timer = <T>(label: string, fn: () => Promise<T> | T) => Promise<T>;
type Agreement = { checks: number; sameDecision: number; sameTopScore: number; before: number; after: number };

/**
 * similar.ts screens candidates by MinHash before scoring a shortlist exactly: time that, time scoring
 * every candidate exactly (what the gate did before), and count where the two disagree.
 */
async function compareScreen(db: Db, input: BurdenInput, codes: string[], candidates: { id: string; shared: number; signature: Buffer | null }[], time: Timer, agreement: Agreement) {
  const checked = prepareChecked(input);
  const screened = await time("similarBurdens (candidates SQL + screen + shortlist SQL + exact)", () => similarBurdens(db, { input, checked, targetCodes: codes }));
  await time("  screen: signatures of all candidates (JS)", () => screen(checked, candidates));
  if (candidates.length === 0) return;
  const { rows } = await db.execute<{ id: string; title: string; text: string }>(sql`select id, title, left(text, 2000) as text from burdens where id in ${candidates.map((c) => c.id)}`);
  const exhaustive = await time("  exhaustive: every candidate scored exactly (JS, before)", () =>
    rows
      .map((r) => ({ id: r.id, score: exactScore(checked, r) }))
      .filter((x) => x.score >= SIMILARITY_FLOOR)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10),
  );
  // What the DUPLICATE_REQUEST rule makes of each: whether it fires, and the burden it names first.
  const threshold = DEFAULT_GATE_SETTINGS.duplicateSimilarity;
  const before = exhaustive.filter((x) => x.score >= threshold);
  const after = screened.filter((x) => x.similarity >= threshold);
  agreement.checks++;
  if ((before.length > 0) === (after.length > 0)) agreement.sameDecision++;
  const top = (xs: number[]) => (xs.length ? Math.round(Math.max(...xs) * 1000) / 1000 : 0);
  if (top(before.map((x) => x.score)) === top(after.map((x) => x.similarity))) agreement.sameTopScore++;
  agreement.before += before.length;
  agreement.after += after.length;
}

async function phases(db: Db, url: string, checks: readonly Check[], templateOf: Map<string, string>): Promise<{ figures: Figure[]; plans: string[] }> {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const logging = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
  /** Timings by phase, each sample with the scenario of its check. */
  const t = new Map<string, { scenario: CheckScenario; ms: number }[]>();
  let scenario: CheckScenario = SCENARIOS[0]!;
  const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    const out = await fn();
    const list = t.get(label) ?? [];
    list.push({ scenario, ms: performance.now() - s });
    t.set(label, list);
    return out;
  };
  const plans: string[] = [];
  const agreement: Agreement = { checks: 0, sameDecision: 0, sameTopScore: 0, before: 0, after: 0 };
  const explained = new Set<CheckScenario>();
  const shape = new Map<string, { targets: number[]; townships: number[]; similarRows: number[]; loadRows: number[] }>();
  try {
    for (const check of checks) {
      const { input } = check;
      scenario = check.scenario;
      const issuer = (await time("getUnit(issuer)", () => getUnit(db, input.issuer)))!;
      const targets = await time("resolveTargets", () => resolveTargets(db, issuer, input.targets));
      const args = { input, issuer, targets, parent: null, today: input.issuedOn };
      clearDutyMatchCache();
      const cold = await time("loadGateContext, duty cache cold", () => loadGateContext(db, args));
      await time("loadGateContext, duty cache warm", () => loadGateContext(db, args));
      await time("evaluateGate (25 rules)", () => evaluateGate(input, cold));

      const year = Number(input.issuedOn.slice(0, 4));
      await time("loadGateSettings", () => loadGateSettings(db, issuer.path));
      await time("loadRegisters", () => loadRegisters(db, issuer.path, year));
      await time("loadWorkingCalendar", () => loadWorkingCalendar(db, [...new Set([year, Number(input.deadline.slice(0, 4))])]));
      const townshipCodes = [...new Set(targets.map((u) => (u.level === "township" ? u.code : u.parentCode!)))];
      const dutyArgs = { townshipCodes, onDate: input.issuedOn, citedItem: input.dutyItem, text: `${input.title}\n${input.text}` };
      clearDutyMatchCache();
      await time("matchDuty cold (SQL + tokenize + score)", () => matchDuty(db, dutyArgs));
      await time("matchDuty warm (versions SQL + score)", () => matchDuty(db, dutyArgs));
      clearDutyMatchCache({ keepNames: true });
      await time("matchDuty, versions not cached, names known (SQL + score)", () => matchDuty(db, dutyArgs));
      const templateId = templateOf.get(issuer.code.slice(0, 6));
      if (templateId) {
        const items = await time("  loadItems(template) SQL", () => loadItems(db, [templateId]));
        await time("  prepareName × template items (tokenize)", () => (items.get(templateId) ?? []).map((r) => prepareName(r.name)));
      }

      // The SQL loadGateContext sends, captured through a logging Drizzle, then run alone, one at a time.
      captured.length = 0;
      clearDutyMatchCache();
      await loadGateContext(logging, args);
      const byLabel = new Map(captured.map((c) => [labelOf(c.query), c]));
      for (const label of ["issuerUsage", "targetLoads", "similarCandidates"]) {
        const q = byLabel.get(label);
        if (!q) continue;
        const result = await time(`${label} SQL`, () => pool.query(q.query, q.params));
        const s = shape.get(check.scenario) ?? { targets: [], townships: [], similarRows: [], loadRows: [] };
        if (label === "similarCandidates") {
          s.similarRows.push(result.rowCount ?? 0);
          await compareScreen(db, input, targets.map((u) => u.code), result.rows as { id: string; shared: number; signature: Buffer | null }[], time, agreement);
        }
        if (label === "targetLoads") s.loadRows.push(result.rowCount ?? 0);
        if (label === "issuerUsage") {
          s.targets.push(targets.length);
          s.townships.push(townshipCodes.length);
        }
        shape.set(check.scenario, s);
      }
      // Plans: the first check of each scenario; every statement for the county-wide form.
      if (!explained.has(check.scenario)) {
        explained.add(check.scenario);
        const labels = check.scenario === SCENARIOS[0] ? ["issuerUsage", "targetLoads", "similarCandidates", "similarShortlist", "versionsInForce", "loadItems"] : ["targetLoads", "similarCandidates"];
        for (const label of labels) {
          const q = byLabel.get(label);
          if (!q) continue;
          const result = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.query}`, q.params);
          const params = JSON.stringify(q.params);
          plans.push(
            `-- ${label} — ${check.scenario} (${targets.length} targets)\n-- ${clip(q.query.replace(/\s+/g, " "), 1200)}\n-- params ${params.length > 400 ? `${params.slice(0, 400)}… (${q.params.length} params)` : params}`,
            ...result.rows.map((r) => `   ${clip(r["QUERY PLAN"])}`),
          );
        }
      }
    }
  } finally {
    await pool.end();
  }
  const bench = `loadGateContext phases (${checks.length} checks, sequential)`;
  const p50 = (xs: { scenario: CheckScenario; ms: number }[], sc: CheckScenario) => ms(percentile(xs.filter((x) => x.scenario === sc).map((x) => x.ms), 50));
  const figures: Figure[] = [
    { bench, figure: "each phase: p50 by scenario (county form / township task / county inspection) · p95 and max of all", value: "ms" },
    ...[...t].map(([label, xs]) => ({
      bench,
      figure: label,
      value: `${SCENARIOS.map((sc) => p50(xs, sc)).join(" / ")} · ${ms(percentile(xs.map((x) => x.ms), 95))} · ${ms(Math.max(...xs.map((x) => x.ms)))}`,
    })),
  ];
  figures.push({
    bench,
    figure: "duplicate screen vs scoring every candidate (DUPLICATE_REQUEST): same decision / same top similarity / checks; matches ≥ threshold listed (screened / all, top 10)",
    value: `${agreement.sameDecision} / ${agreement.sameTopScore} / ${agreement.checks}; ${agreement.after} / ${agreement.before}`,
  });
  for (const [scenario, s] of shape) {
    const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1);
    figures.push({ bench, figure: `${scenario}: targets / townships / targetLoads rows / similar rows (avg)`, value: `${avg(s.targets)} / ${avg(s.townships)} / ${avg(s.loadRows)} / ${avg(s.similarRows)}` });
  }
  return { figures, plans };
}

// ---- the bench -------------------------------------------------------------------------------

/** The URL with libpq `options` (e.g. "-c name=value") for every connection of a pool. */
function withOptions(url: string, options: string): string {
  const u = new URL(url);
  u.searchParams.set("options", options);
  return u.toString();
}

export async function benchGate(db: Db, url: string): Promise<{ figures: Figure[]; plans: string[] }> {
  const env = parseEnv();
  const today = chinaToday();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let generated: Generated;
  try {
    generated = await generate(db, client, env.burdens, today);
  } finally {
    await client.end();
  }
  const figures = [...generated.figures];
  const { counties, templateOf } = generated;
  const settings = await db.execute<{ name: string; setting: string; unit: string | null }>(
    sql`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size', 'random_page_cost') order by name`,
  );
  for (const r of settings.rows) figures.push({ bench: "PostgreSQL settings (as the bench found them)", figure: r.name, value: `${r.setting}${r.unit ? ` × ${r.unit}` : ""}` });

  const checks = await buildChecks(db, counties, 6000, today, SEED + 1);
  const gate = await openDatabase({ kind: "postgres", url, poolSize: POOL_SIZE });
  const meterPool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    // Single client: warm-up, then RUNS checks one after another, scenarios round-robin.
    const byScenario = new Map<CheckScenario, number[]>();
    const outcomes = new Map<string, number>();
    const findings = new Map<string, number>();
    const all = await timeSequential(RUNS, WARMUP, async (i) => {
      const check = checks[i]!;
      const start = performance.now();
      const prepared = await prepareBurden(gate.db, { actor: check.actor, input: check.input });
      if (i >= WARMUP) {
        const list = byScenario.get(check.scenario) ?? [];
        list.push(performance.now() - start);
        byScenario.set(check.scenario, list);
        outcomes.set(prepared.outcome, (outcomes.get(prepared.outcome) ?? 0) + 1);
        for (const code of new Set(prepared.findings.map((f) => f.code))) findings.set(code, (findings.get(code) ?? 0) + 1);
      }
    });
    const single = "prepareBurden (1 client, national mix)";
    figures.push(
      ...latencyFigures(single, all, "").map((f) => ({ ...f, target: f.figure === "p99 ms" ? "< 50 ms" : undefined })),
      { bench: single, figure: "checks/s (one client)", value: (RUNS / (all.reduce((a, b) => a + b, 0) / 1000)).toFixed(1) },
      ...[...outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ bench: single, figure: `outcome ${k}`, value: String(v) })),
      ...[...findings].sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ bench: single, figure: `checks with ${k}`, value: String(v) })),
    );
    for (const scenario of SCENARIOS) {
      const xs = byScenario.get(scenario) ?? [];
      figures.push({ bench: `prepareBurden: ${scenario}`, figure: "n / p50 / p95 / p99 ms", value: `${xs.length} / ${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))} / ${ms(percentile(xs, 99))}` });
    }

    // Concurrent clients over one pool of POOL_SIZE connections, each for env.seconds.
    const meter = new CpuMeter(meterPool);
    let offset = RUNS + WARMUP;
    const concurrent = async (database: Db, clients: number, label: string) => {
      const cpu = await meter.start();
      const run = await concurrentRun(database, checks, clients, env.seconds, offset);
      const used = await meter.stop(cpu);
      offset = run.next;
      const bench = `prepareBurden (${clients} concurrent clients, pool ${POOL_SIZE}, ${env.seconds} s${label})`;
      const n = run.samples.length;
      figures.push(
        { bench, figure: "checks done", value: String(n) },
        { bench, figure: "checks/s", value: (n / run.wallS).toFixed(1), target: "≥ 200/s" },
        { bench, figure: "p50 ms", value: ms(percentile(run.samples, 50)) },
        { bench, figure: "p95 ms", value: ms(percentile(run.samples, 95)) },
        { bench, figure: "p99 ms", value: ms(percentile(run.samples, 99)), target: "< 50 ms" },
        { bench, figure: "CPU ms per check: node / PostgreSQL", value: `${ms((used.nodeS * 1000) / n)} / ${used.pgS === null ? "n/a" : ms((used.pgS * 1000) / n)}` },
        { bench, figure: "CPU busy: node / PostgreSQL / whole machine (cores)", value: `${(used.nodeS / run.wallS).toFixed(2)} / ${used.pgS === null ? "n/a" : (used.pgS / run.wallS).toFixed(2)} / ${(used.machineS / run.wallS).toFixed(2)} of ${os.cpus().length}` },
        { bench, figure: "errors", value: run.failures.size === 0 ? "0" : [...run.failures].map(([k, v]) => `${v}x${k}`).join(" ") },
      );
    };
    for (const clients of CONCURRENCY) await concurrent(gate.db, clients, "");

    // The same code with parallel query off for the gate's connections (a setting, not a code change):
    // on two cores, the planner's parallel plans for the IN-list joins cost more than they save.
    const serial = await openDatabase({ kind: "postgres", url: withOptions(url, "-c max_parallel_workers_per_gather=0"), poolSize: POOL_SIZE });
    try {
      const samples = await timeSequential(RUNS / 2, WARMUP / 3, (i) => {
        const check = checks[(offset + i) % checks.length]!;
        return prepareBurden(serial.db, { actor: check.actor, input: check.input });
      });
      offset += RUNS / 2 + WARMUP / 3;
      const bench = "prepareBurden (1 client, parallel query off)";
      figures.push(...latencyFigures(bench, samples, "").map((f) => ({ ...f, target: f.figure === "p99 ms" ? "< 50 ms" : undefined })));
      await concurrent(serial.db, CONCURRENCY[0]!, ", parallel query off");
    } finally {
      await serial.close();
    }

    const sample = checks.slice(offset % checks.length).slice(0, PHASE_SAMPLES);
    const phaseResult = await phases(gate.db, url, sample.length === PHASE_SAMPLES ? sample : checks.slice(0, PHASE_SAMPLES), templateOf);
    figures.push(...phaseResult.figures);
    return { figures, plans: phaseResult.plans };
  } finally {
    await meterPool.end();
    await gate.close();
  }
}
