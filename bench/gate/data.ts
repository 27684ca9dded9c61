import { randomUUID } from "node:crypto";
import cliProgress from "cli-progress";
import type pg from "pg";
import type { Db } from "../../src/server/db/client.js";
import { signUnsignedBurdens, similarityColumnsOf } from "../../src/server/modules/burdens/similar.js";
import { importUnits } from "../../src/server/modules/org/divisions/import.js";
import type { Figure } from "../stats.js";
import {
  admittedBurdens,
  countyTemplate,
  DEPARTMENTS,
  DIFFERING_SHARE,
  townshipDifferences,
  type BurdenRow,
  type DutyItemRow,
  type GateCounty,
  type GateTownship,
} from "../synthetic-gate-data.js";
import { seededRandom } from "../synthetic-hierarchy.js";

/**
 * The gate bench's data at national scale: departments, county duty-list templates with township
 * differences, admitted burdens and their targets, written in bulk (unnest) and reused by a second run.
 */

export const SEED = 2027;
const BURDEN_BATCH = 5000;
const ITEM_BATCH = 20_000;
/** Marks the rows this bench writes, so a second run on the same database reuses them. */
export const BENCH_CREATOR = "00000000-0000-4000-8000-000000002027";
const TEMPLATE_REASON = "压测：全国县级乡镇履职事项清单模板（合成数据）";
const DIFFERENCES_REASON = "压测：乡镇履职事项差异（合成数据）";

export const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
export const s3 = (n: number) => n.toFixed(3);

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

export type Generated = { figures: Figure[]; counties: GateCounty[]; templateOf: Map<string, string> };

const BENCH = "gate data (generate + load)";

export async function generate(db: Db, client: pg.Client, burdenCount: number, today: string): Promise<Generated> {
  const figures: Figure[] = [];
  const total = performance.now();
  const counties = await ensureDepartments(db, client, figures);
  const templateOf = await ensureDutyLists(client, counties, today, figures);
  await ensureBurdens(client, counties, burdenCount, today, figures);
  await ensureSimilarityColumns(db, client, figures);
  await settleTables(client, figures);
  figures.push({ bench: BENCH, figure: "total s", value: s3(seconds(total)) });
  return { figures, counties, templateOf };
}

async function ensureDepartments(db: Db, client: pg.Client, figures: Figure[]): Promise<GateCounty[]> {
  const bench = BENCH;
  const start = performance.now();
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
  return counties;
}

async function ensureDutyLists(client: pg.Client, counties: GateCounty[], today: string, figures: Figure[]): Promise<Map<string, string>> {
  const bench = BENCH;
  // Duty lists: one template per county applied to all its townships, differences for ~5% of townships.
  const start = performance.now();
  const templateOf = new Map<string, string>();
  const existing = await client.query<{ unit_code: string; id: string }>(`select unit_code, id from duty_list_versions where reason = $1`, [TEMPLATE_REASON]);
  let differing = 0;
  if (existing.rows.length > 0) {
    for (const r of existing.rows) templateOf.set(r.unit_code, r.id);
    figures.push({ bench, figure: "duty lists", value: "reused (already in the database)" });
  } else {
    const effectiveFrom = `${Number(today.slice(0, 4)) - 1}-07-01`;
    const versions: DutyVersion[] = [];
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
    const itemRows = await insertDutyLists(client, versions, effectiveFrom);
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
  return templateOf;
}

type DutyVersion = { id: string; kind: string; unitCode: string; unitPath: string; provinceCode: string; reason: string; rows: DutyItemRow[] };

/** Versions and their items in one transaction, in bulk; returns the item rows written. */
async function insertDutyLists(client: pg.Client, versions: readonly DutyVersion[], effectiveFrom: string): Promise<number> {
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
  return itemRows;
}

async function ensureBurdens(client: pg.Client, counties: GateCounty[], burdenCount: number, today: string, figures: Figure[]): Promise<void> {
  const bench = BENCH;
  // Admitted burdens, generated here, written in multi-row inserts (unnest), then their targets in SQL.
  const [{ n: already } = { n: "0" }] = (await client.query<{ n: string }>(`select count(*)::text as n from burdens where created_by = $1`, [BENCH_CREATOR])).rows;
  if (Number(already) > 0) {
    figures.push({ bench, figure: "burdens", value: `reused ${already} (already in the database)` });
  } else {
    const start = performance.now();
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ stream: process.stderr, format: "burdens {bar} {percentage}% | {value}/{total} | {duration}s" }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(burdenCount, 0);
    let batch: BurdenRow[] = [];
    let written = 0;
    const flush = async () => {
      await insertBurdens(client, batch);
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
}

/**
 * Burdens reused from a database written before the generator stored segmented words get them as the
 * app gives them at start (signUnsignedBurdens): without them every shortlisted candidate is segmented
 * again on each check, and the gate is measured slower than it runs.
 */
async function ensureSimilarityColumns(db: Db, client: pg.Client, figures: Figure[]): Promise<void> {
  const { rows } = await client.query<{ n: string }>(`select count(*)::text as n from burdens where similarity_signature is null or similarity_words is null`);
  if (Number(rows[0]?.n ?? 0) === 0) return;
  const start = performance.now();
  const signed = await signUnsignedBurdens(db, 2000);
  figures.push({ bench: BENCH, figure: "burdens given stored words (signUnsignedBurdens) / s", value: `${signed} / ${s3(seconds(start))}` });
}

/** One multi-row insert of admitted burdens, as registry.ts would write them. */
async function insertBurdens(client: pg.Client, batch: readonly BurdenRow[]): Promise<void> {
  await client.query(
    `insert into burdens (id, kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target,
                          target_spec, target_count, duty_item, details, findings, yearly_minutes, admission_number, admitted_at, created_by, created_at, updated_at,
                          similarity_signature, similarity_words)
     select id, kind, 'admitted', issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes,
            spec, n, duty_item, details, '[]'::jsonb, yearly, number, at, $17::uuid, at, at, signature, words
     from (select *, (issued_on + time '09:30') at time zone 'Asia/Shanghai' as at
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::text[],
                       $11::int[], $12::jsonb[], $13::int[], $14::text[], $15::jsonb[], $16::bigint[], $18::text[], $19::bytea[], $20::text[])
             as b(id, kind, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes, spec, n, duty_item, details, yearly, number,
                  signature, words)) b`,
    [
      ...columns(batch, [
        (b) => b.id, (b) => b.kind, (b) => b.issuerCode, (b) => b.issuerPath, (b) => b.provinceCode, (b) => b.title, (b) => b.text, (b) => b.issuedOn,
        (b) => b.deadline, (b) => b.frequency, (b) => b.minutesPerTarget, (b) => JSON.stringify(b.targetSpec), (b) => b.targetCount, (b) => b.dutyItem,
        (b) => JSON.stringify(b.details), (b) => b.yearlyMinutes,
      ]),
      BENCH_CREATOR,
      batch.map((b) => b.admissionNumber),
      // What registry.ts writes with every burden: the MinHash signatures of its title and text, and both segmented.
      ...(() => {
        const similarity = batch.map((b) => similarityColumnsOf(b));
        return [similarity.map((c) => Buffer.from(c.similaritySignature)), similarity.map((c) => c.similarityWords)];
      })(),
    ],
  );
}

async function settleTables(client: pg.Client, figures: Figure[]): Promise<void> {
  const bench = BENCH;
  // As a database in steady state: visibility map and hint bits set, statistics fresh, and no autovacuum
  // of 17 M fresh rows running under the measurements.
  const start = performance.now();
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
}

/**
 * burden_targets from each burden's target_spec, as resolveTargets expands it, in four INSERT … SELECT
 * (lists; a township's villages or a county's townships; a county's villages). The table's indexes and
 * constraints are dropped and rebuilt from their own definitions around the load, in one transaction.
 */
async function expandTargets(client: pg.Client, expected: number): Promise<Figure[]> {
  const bench = BENCH;
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
