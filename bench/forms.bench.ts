import { execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import pg from "pg";
import { NATION_CODE } from "../src/contracts/roles.js";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { openDatabase, type Db } from "../src/server/db/client.js";
import type { Actor } from "../src/server/kernel/actor.js";
import { listIndicators } from "../src/server/modules/forms/catalog.js";
import { DEMO_INDICATORS } from "../src/server/modules/forms/demo-catalog.js";
import { exportForm } from "../src/server/modules/forms/excel/export-form.js";
import { readFormWorkbook, type ColumnInfo } from "../src/server/modules/forms/excel/read-form.js";
import { loadReadableForm } from "../src/server/modules/forms/forms.js";
import { prepareCatalog, preparedCatalogFor, proposeFor } from "../src/server/modules/forms/mapping.js";
import { tokenHash } from "../src/server/modules/org/auth.js";
import { importUnits, NATION_ROW } from "../src/server/modules/org/divisions/import.js";
import { hashPassword } from "../src/server/modules/org/passwords.js";
import { getUnit } from "../src/server/modules/org/units.js";
import { latencyFigures, ms, percentile, timeSequential, type Figure } from "./stats.js";
import { NATIONAL, syntheticHierarchy } from "./synthetic-hierarchy.js";

/**
 * 一表通 at national scale (issue 4, "Speed"):
 *   a. mapping proposals for a 60-column form against a catalog of 20,000 indicators;
 *   b. a deadline peak: villages submit a 40-field one form over loopback HTTP from a second process
 *      (50 clients) on PostgreSQL with durable commits, against pgbench inserting what one submission
 *      writes at the same concurrency on the same database, in the same run;
 *   c. a department's export of 600,000 villages' rows (time, peak RSS and heap; streamed).
 *
 *   BENCH_FORMS_SUBMISSIONS  villages that submit in the peak (default 12,000; each a user with a session)
 *   BENCH_FORMS_CLIENTS      concurrent HTTP clients and pgbench clients (default 50)
 *   BENCH_FORMS_SKIP         comma list of mapping, peak, export to leave out
 */

const BENCH_CREATOR = "00000000-0000-4000-8000-000000004004";
const FIELDS = 40;
const REFERENCE_DATE = "2026-12-31";
const PERIOD = "2026";
const WARMUP = 300;
const RETRIES = 200;
const EXPORT_DEPT = `${NATION_CODE}D90`;
const PGBENCH = "/usr/lib/postgresql/15/bin/pgbench";
const AUDIT_LOCK_KEY = 7_270_001; // audit.ts's: pgbench takes the same lock a submission takes
const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
const s3 = (n: number) => n.toFixed(3);

type Env = { submissions: number; clients: number; skip: Set<string> };
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

// ---- a. mapping ------------------------------------------------------------------------------

const WORDS = ["耕地", "人口", "户数", "面积", "收入", "养殖", "存栏", "播种", "产量", "补贴", "救助", "学校", "道路", "饮水", "卫生", "合作社", "劳动力", "外出", "危房", "光伏", "林地", "草地", "渔业", "电商", "旅游", "垃圾", "污水", "厕所", "党员", "网格"];
const w = (i: number) => WORDS[i % WORDS.length]!;

async function benchMapping(client: pg.Client, db: Db): Promise<Figure[]> {
  const bench = "mapping (60 columns × 20,000 indicators)";
  const county = (await client.query<{ code: string; path: string; province_code: string }>(`select code, path, province_code from units where level = 'county' order by code desc limit 1`)).rows[0]!;
  const have = Number((await client.query<{ n: string }>(`select count(*) as n from form_indicators where region_code = $1`, [county.code])).rows[0]!.n);
  if (have < 20_000) {
    const synthetic = Array.from({ length: 20_000 - DEMO_INDICATORS.length }, (_, i) => ({
      code: `X${i}`, name: `${w(i)}${w(i * 7 + 3)}${w(i * 13 + 5)}${i % 97}`, aliases: [`${w(i * 7 + 3)}${w(i)}`], unit: ["人", "户", "亩", "万元"][i % 4]!, type: "number",
    }));
    const rows = [...synthetic, ...DEMO_INDICATORS.map((d) => ({ code: d.code, name: d.name, aliases: d.aliases ?? [], unit: d.unit ?? "", type: d.type }))];
    await client.query(
      `insert into form_indicators (region_code, region_path, province_code, code, name, aliases, unit, type, granularity, refresh_cycle, created_by)
       select $1, $2, $3, c, n, array(select jsonb_array_elements_text(a)), u, t, 'village', 'yearly', $9::uuid
       from unnest($4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[]) as x(c, n, a, u, t) on conflict (region_code, code) do nothing`,
      [county.code, county.path, county.province_code, rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => JSON.stringify(r.aliases)), rows.map((r) => r.unit), rows.map((r) => r.type), BENCH_CREATOR],
    );
  }
  // Half the columns carry a catalog name word for word, half a name the catalog does not hold.
  const columns: ColumnInfo[] = Array.from({ length: 60 }, (_, i) => ({
    sheet: "表", col: i + 1, header: "", unit: i % 3 === 0 ? "人" : "", role: "indicator", name: i % 2 ? DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.name : `${w(i)}${w(i + 4)}情况`,
  }));
  let start = performance.now();
  const catalogRows = await listIndicators(db, county.code);
  const readS = seconds(start);
  start = performance.now();
  const prepared = prepareCatalog(catalogRows);
  const prepareS = seconds(start);
  start = performance.now();
  const first = columns.map((c) => proposeFor(c, prepared));
  const firstS = seconds(start);
  const found = first.filter((p, i) => i % 2 === 1 && p.code === DEMO_INDICATORS[i % DEMO_INDICATORS.length]!.code).length;
  // What an upload pays once the region's catalog is prepared (preparedCatalogFor keeps it until it changes).
  const warm = await timeSequential(30, 3, async () => {
    const catalog = await preparedCatalogFor(db, county.code);
    columns.map((c) => proposeFor(c, catalog));
  });
  const proposeOnly = await timeSequential(30, 3, async () => columns.map((c) => proposeFor(c, prepared)));
  return [
    { bench, figure: "catalog rows", value: String(catalogRows.length) },
    { bench, figure: "cold: read catalog s", value: s3(readS) },
    { bench, figure: "cold: prepare catalog s", value: s3(prepareS) },
    { bench, figure: "cold: 60 proposals s", value: s3(firstS) },
    { bench, figure: "cold total s (read + prepare + propose)", value: s3(readS + prepareS + firstS), target: "< 1 s" },
    { bench, figure: "warm (catalog stamp + cached catalog + propose) p50 ms", value: ms(percentile(warm, 50)), target: "< 1000 ms" },
    { bench, figure: "warm p95 ms", value: ms(percentile(warm, 95)) },
    { bench, figure: "60 proposals alone p50 ms", value: ms(percentile(proposeOnly, 50)) },
    { bench, figure: "exact names found", value: `${found} / 30` },
  ];
}

// ---- shared setup: hierarchy, a 40-field form ---------------------------------------------

async function ensureHierarchy(db: Db, client: pg.Client): Promise<Figure[]> {
  const villages = Number((await client.query<{ n: string }>(`select count(*) as n from units where level = 'village'`)).rows[0]!.n);
  if (villages >= NATIONAL.villages) return [{ bench: "hierarchy", figure: "villages", value: `${villages} (already in the database)` }];
  const start = performance.now();
  await importUnits(db, (function* () {
    yield NATION_ROW;
    yield* syntheticHierarchy(NATIONAL, 2026);
  })());
  await client.query("analyze units");
  return [{ bench: "hierarchy", figure: "synthetic national hierarchy imported s", value: s3(seconds(start)) }];
}

const indicatorName = (i: number) => `${w(i)}${w(i * 7 + 3)}数${i + 1}`;
const indicatorUnit = (i: number) => ["人", "户", "亩", "个"][i % 4]!;

/** The department's own table: a merged title, a unit line, a header, one sample row. */
async function templateOf(title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("村级情况");
  const width = 3 + FIELDS;
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(2, 1).value = "填报单位：（盖章）        单位：人/户/亩/个";
  ws.mergeCells(2, 1, 2, width);
  ["序号", "乡镇", "村名", ...Array.from({ length: FIELDS }, (_, i) => `${indicatorName(i)}（${indicatorUnit(i)}）`)].forEach((h, c) => {
    ws.getCell(3, c + 1).value = h;
    ws.getCell(3, c + 1).font = { bold: true };
  });
  [1, "样例镇", "样例村", ...Array.from({ length: FIELDS }, (_, i) => i)].forEach((v, c) => (ws.getCell(4, c + 1).value = v));
  ws.columns.forEach((col) => (col.width = 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Unit = { code: string; path: string; province_code: string; depth: number };

/**
 * A department of `parent` with a 40-indicator catalog in region `region`, an admitted form burden to
 * every village under `targetUnder`, and its form, mapped. Returns the form id and indicator ids.
 */
async function ensureForm(client: pg.Client, parent: Unit, region: Unit, targetUnder: Unit, deptCode: string, file: Buffer): Promise<{ formId: string; indicatorIds: string[] }> {
  const found = await client.query<{ id: string }>(`select id from forms where owner_code = $1 and created_by = $2`, [deptCode, BENCH_CREATOR]);
  const ids = async () =>
    (await client.query<{ id: string }>(`select id from form_indicators where region_code = $1 and code like 'BF%' order by code`, [region.code])).rows.map((r) => r.id);
  if (found.rows[0]) return { formId: found.rows[0].id, indicatorIds: await ids() };
  const deptPath = `${parent.path}.${deptCode}`;
  await client.query(
    `insert into units (code, name, level, parent_code, path, depth, province_code, org_type) values ($1, '压测统计局', 'department', $2, $3, $4, $5, null) on conflict (code) do nothing`,
    [deptCode, parent.code, deptPath, parent.depth + 1, parent.province_code],
  );
  const idx = Array.from({ length: FIELDS }, (_, i) => i);
  await client.query(
    `insert into form_indicators (region_code, region_path, province_code, code, name, unit, type, granularity, refresh_cycle, owner_department, min, max, created_by)
     select $1, $2, $3, c, n, u, 'integer', 'village', 'yearly', $7, 0, 1000000, $8::uuid from unnest($4::text[], $5::text[], $6::text[]) as x(c, n, u)
     on conflict (region_code, code) do nothing`,
    [region.code, region.path, region.province_code, idx.map((i) => `BF${String(i + 1).padStart(2, "0")}`), idx.map(indicatorName), idx.map(indicatorUnit), deptCode, BENCH_CREATOR],
  );
  const indicatorIds = await ids();
  const villages = Number((await client.query<{ n: string }>(`select count(*) as n from units where level = 'village' and path like $1`, [`${targetUnder.path}.%`])).rows[0]!.n);
  const burden = (
    await client.query<{ id: string }>(
      `insert into burdens (kind, status, issuer_code, issuer_path, province_code, title, text, issued_on, deadline, frequency, minutes_per_target, target_spec, target_count,
                            details, yearly_minutes, admission_number, admitted_at, created_by)
       values ('form', 'admitted', $1, $2, $3, '压测：村级基本情况表', '请各村填报村级基本情况表。', '2026-12-01', '2026-12-31', 'yearly', 60, $4::jsonb, $5, '{"fieldCount":40}', $6, $7, now(), $8)
       returning id`,
      [deptCode, deptPath, parent.province_code, JSON.stringify({ under: targetUnder.code, level: "village" }), villages, villages * 60, `BF-${deptCode}-${randomBytes(3).toString("hex")}`, BENCH_CREATOR],
    )
  ).rows[0]!.id;
  if (villages <= 20_000) {
    await client.query(
      `insert into burden_targets (burden_id, unit_code, unit_path, province_code, in_force, load_from, load_to, monthly_minutes)
       select $1, code, path, province_code, true, '2026-12-01', '2026-12-31', 5 from units where level = 'village' and path like $2`,
      [burden, `${targetUnder.path}.%`],
    );
  }
  const reading = await readFormWorkbook(file);
  if (reading.issues.length > 0) throw new Error(`template: ${JSON.stringify(reading.issues)}`);
  const formId = (
    await client.query<{ id: string }>(
      `insert into forms (burden_id, owner_code, owner_path, province_code, title, file_name, file, layout, status, reference_date, created_by)
       values ($1, $2, $3, $4, '压测：村级基本情况表', '村级基本情况表.xlsx', $5, $6, 'mapped', $7, $8) returning id`,
      [burden, deptCode, deptPath, parent.province_code, reading.file, JSON.stringify(reading.sheets), REFERENCE_DATE, BENCH_CREATOR],
    )
  ).rows[0]!.id;
  let k = 0;
  const fields = reading.columns.map((c, position) => ({ ...c, position, indicatorId: c.role === "indicator" ? indicatorIds[k++]! : null }));
  if (k !== FIELDS) throw new Error(`template read ${k} indicator columns, not ${FIELDS}`);
  await client.query(
    `insert into form_fields (form_id, position, sheet, col, header, unit, role, indicator_id, proposal, province_code)
     select $1, p, s, c, h, u, r, i, '{"indicatorId":null,"code":null,"name":null,"score":0,"unitAgrees":null,"notes":[]}', $9
     from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::uuid[]) as x(p, s, c, h, u, r, i)`,
    [formId, ...(["position", "sheet", "col", "header", "unit", "role", "indicatorId"] as const).map((key) => fields.map((f) => f[key])), parent.province_code],
  );
  return { formId, indicatorIds };
}

// ---- c. export -------------------------------------------------------------------------------

async function benchExport(client: pg.Client, db: Db): Promise<Figure[]> {
  const bench = "export (600,000 villages, 40 fields)";
  const nation = (await client.query<Unit>(`select code, path, province_code, depth from units where code = $1`, [NATION_CODE])).rows[0]!;
  const file = await templateOf("全国村级基本情况表（压测）");
  let start = performance.now();
  const { formId, indicatorIds } = await ensureForm(client, nation, nation, nation, EXPORT_DEPT, file);
  const setupS = seconds(start);
  const figures: Figure[] = [{ bench, figure: "form setup s", value: s3(setupS) }];
  const held = Number((await client.query<{ n: string }>(`select count(*) as n from form_data where indicator_id = $1`, [indicatorIds[FIELDS - 1]])).rows[0]!.n);
  if (held < NATIONAL.villages) {
    console.error(`bench: generating ${FIELDS} × ${NATIONAL.villages} data for the export`);
    start = performance.now();
    for (const [i, id] of indicatorIds.entries()) {
      await client.query(
        `insert into form_data (indicator_id, unit_code, unit_path, province_code, period_key, value, source_kind, recorded_by_name)
         select $1, code, path, province_code, $2, ((hashtext(code) # $3) & 4095)::text, 'import', '压测导入' from units where level = 'village'
         on conflict do nothing`,
        [id, PERIOD, i],
      );
    }
    await client.query("analyze form_data");
    figures.push({ bench, figure: "data generated (rows)", value: String(FIELDS * NATIONAL.villages) }, { bench, figure: "data generation s", value: s3(seconds(start)) });
  }
  const dept = (await getUnit(db, EXPORT_DEPT))!;
  const actor: Actor = { id: BENCH_CREATOR, username: "bench_export", displayName: "压测部门", role: "department_staff", scope: dept, mustChangePassword: false };
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  start = performance.now();
  let bytes = 0;
  try {
    const { stream } = await exportForm(db, actor, await loadReadableForm(db, actor, formId));
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
  } finally {
    clearInterval(sampler);
  }
  const exportS = seconds(start);
  const mb = (n: number) => (n / 2 ** 20).toFixed(1);
  return [
    ...figures,
    { bench, figure: "rows written (villages)", value: String(NATIONAL.villages) },
    { bench, figure: "xlsx bytes", value: String(bytes) },
    { bench, figure: "export s (exportForm, stream read to the end)", value: s3(exportS), target: "< 60 s" },
    { bench, figure: "RSS before MiB", value: mb(before.rss) },
    { bench, figure: "peak RSS MiB (whole bench process)", value: mb(peakRss), target: "< 1024 MiB" },
    { bench, figure: "peak heap used MiB", value: mb(peakHeap) },
  ];
}

// ---- b. deadline peak ------------------------------------------------------------------------

type Request = { unit: string; token: string; csrf: string; body: string };

async function durability(client: pg.Client): Promise<{ changed: boolean; line: string }> {
  const show = async () =>
    (await client.query<{ name: string; setting: string }>(`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') order by name`)).rows
      .map((r) => `${r.name}=${r.setting}`)
      .join(" ");
  const now = await show();
  if (/fsync=on/.test(now) && /synchronous_commit=on/.test(now) && /full_page_writes=on/.test(now)) return { changed: false, line: now };
  for (const name of ["fsync", "synchronous_commit", "full_page_writes"]) await client.query(`alter system set ${name} = on`);
  await client.query("select pg_reload_conf()");
  await new Promise((r) => setTimeout(r, 500));
  const after = await show();
  if (!/fsync=on/.test(after) || !/synchronous_commit=on/.test(after)) throw new Error(`could not turn durable commits on: ${after}`);
  return { changed: true, line: `${after} (set for this phase)` };
}

async function setupPeak(client: pg.Client, env: Env, secret: string): Promise<{ requests: Request[]; counties: number; setupS: number; sample: { unit: Unit; indicatorIds: string[] } }> {
  const start = performance.now();
  // Villages that have not submitted yet (a second run on the same database takes the next ones): a deadline's first submissions.
  const villages = (
    await client.query<Unit>(
      `select code, path, province_code, depth from units u where level = 'village' and not exists (select 1 from form_submissions s where s.unit_code = u.code) order by code limit $1`,
      [env.submissions],
    )
  ).rows;
  const countyCodes = [...new Set(villages.map((v) => v.path.split(".")[3]!))];
  const counties = (await client.query<Unit>(`select code, path, province_code, depth from units where code = any($1) order by code`, [countyCodes])).rows;
  const byCounty = new Map<string, string[]>();
  for (const county of counties) {
    const file = await templateOf(`${county.code} 各村基本情况表`);
    byCounty.set(county.code, (await ensureForm(client, county, county, county, `${county.code}D90`, file)).indicatorIds);
  }
  const run = randomBytes(3).toString("hex");
  const hash = await hashPassword(randomBytes(12).toString("hex"));
  const users = villages.map((v) => ({ id: randomUUID(), v, token: randomBytes(24).toString("hex"), csrf: randomBytes(16).toString("hex") }));
  for (let i = 0; i < users.length; i += 5000) {
    const batch = users.slice(i, i + 5000);
    await client.query(
      `insert into users (id, username, display_name, password_hash, role, scope_code) select id, u, d, $4, 'village_cadre', s from unnest($1::uuid[], $2::text[], $3::text[], $5::text[]) as x(id, u, d, s)`,
      [batch.map((u) => u.id), batch.map((u) => `bf${run}_${u.v.code}`), batch.map((u) => `压测村干部${u.v.code.slice(-3)}`), hash, batch.map((u) => u.v.code)],
    );
    await client.query(
      `insert into sessions (token_hash, user_id, csrf_token, expires_at) select t, u, c, now() + interval '12 hours' from unnest($1::text[], $2::uuid[], $3::text[]) as x(t, u, c)`,
      [batch.map((u) => tokenHash(secret, u.token)), batch.map((u) => u.id), batch.map((u) => u.csrf)],
    );
  }
  const requests = users.map((u) => {
    const ids = byCounty.get(u.v.path.split(".")[3]!)!;
    const values = ids.map((indicatorId, i) => ({ indicatorId, periodKey: PERIOD, value: String((i * 37 + Number(u.v.code.slice(-4))) % 5000) }));
    return { unit: u.v.code, token: u.token, csrf: u.csrf, body: JSON.stringify({ idempotencyKey: `bench-${run}-${u.v.code}`, values }) };
  });
  return { requests, counties: counties.length, setupS: seconds(start), sample: { unit: villages[0]!, indicatorIds: byCounty.get(counties[0]!.code)! } };
}

type LoadResult = { timed: number[]; statuses: Record<string, number>; wallS: number; retryStatuses: Record<string, number>; replayed: number };

/** Runs the load generator in a second node process; it posts the submissions over loopback HTTP. */
function runLoadProcess(file: string, baseUrl: string, clients: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--load", file, baseUrl, String(clients)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
  });
}

/** The second process: WARMUP submissions untimed, the rest timed, then RETRIES of the timed ones again with their keys. */
async function loadGenerator(file: string, baseUrl: string, clients: number): Promise<void> {
  const requests = JSON.parse(readFileSync(file, "utf8")) as Request[];
  const post = async (r: Request) => {
    const res = await fetch(`${baseUrl}/api/forms/one-table/${r.unit}/submit`, {
      method: "POST", headers: { "content-type": "application/json", cookie: `jianfu_session=${r.token}`, "x-csrf-token": r.csrf }, body: r.body,
    });
    return { status: res.status, body: await res.text() };
  };
  const pool = async (list: Request[], each: (r: Request, i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: clients }, async () => {
      for (let i = next++; i < list.length; i = next++) await each(list[i]!, i);
    }));
  };
  const count = (map: Record<string, number>, key: number) => (map[key] = (map[key] ?? 0) + 1);
  const warm: Record<string, number> = {};
  await pool(requests.slice(0, WARMUP), async (r) => void count(warm, (await post(r)).status));
  const timedList = requests.slice(WARMUP);
  const timed = new Array<number>(timedList.length);
  const statuses: Record<string, number> = {};
  const start = performance.now();
  await pool(timedList, async (r, i) => {
    const t = performance.now();
    const { status, body } = await post(r);
    timed[i] = performance.now() - t;
    if (status !== 201 && (statuses[status] ?? 0) === 0) process.stderr.write(`load: ${status} ${body.slice(0, 300)}\n`);
    count(statuses, status);
  });
  const wallS = (performance.now() - start) / 1000;
  const retryStatuses: Record<string, number> = {};
  let replayed = 0;
  await pool(timedList.slice(0, RETRIES), async (r) => {
    const { status, body } = await post(r);
    count(retryStatuses, status);
    if (status === 200 && (JSON.parse(body) as { replayed: boolean }).replayed) replayed++;
  });
  process.stdout.write(JSON.stringify({ timed, statuses: { ...statuses, ...Object.fromEntries(Object.entries(warm).map(([k, v]) => [`warm-up ${k}`, v])) }, wallS, retryStatuses, replayed }));
}

/** What one submission writes (submission, 40 data, draft removal, an audit entry under the audit lock), as a pgbench script. */
function pgbenchScript(sample: { unit: Unit; indicatorIds: string[] }): string {
  const unit = `'9' || lpad(:n::text, 11, '0')`;
  const path = `'${sample.unit.path.split(".").slice(0, 5).join(".")}.9' || lpad(:n::text, 11, '0')`;
  const values = JSON.stringify(sample.indicatorIds.map((indicatorId, i) => ({ indicatorId, periodKey: PERIOD, value: String(i * 37) })));
  const data = sample.indicatorIds
    .map((id, i) => `('${id}', ${unit}, ${path}, '${sample.unit.province_code}', '${PERIOD}', '${i * 37}', 'submission', :sid, '${BENCH_CREATOR}', '压测村干部', :sat)`)
    .join(",\n  ");
  return [
    `\\set n random(1, 2000000000)`,
    `BEGIN;`,
    `INSERT INTO form_submissions (unit_code, unit_path, province_code, idempotency_key, request_hash, "values", notes, created_by, created_by_name)
  VALUES (${unit}, ${path}, '${sample.unit.province_code}', md5(random()::text), md5(:n::text), '${values}'::jsonb, '[]'::jsonb, '${BENCH_CREATOR}', '压测村干部')
  ON CONFLICT (unit_code, idempotency_key) DO NOTHING RETURNING id AS sid, created_at AS sat \\gset`,
    `INSERT INTO form_data (indicator_id, unit_code, unit_path, province_code, period_key, value, source_kind, source_id, recorded_by, recorded_by_name, recorded_at) VALUES
  ${data}
  ON CONFLICT (indicator_id, unit_code, period_key) DO UPDATE SET value = excluded.value, source_kind = excluded.source_kind, source_id = excluded.source_id,
  recorded_by = excluded.recorded_by, recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at;`,
    `DELETE FROM form_drafts WHERE unit_code = ${unit};`,
    `SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY});`,
    `SELECT hash AS prev FROM bench_forms_audit ORDER BY id DESC LIMIT 1 \\gset`,
    `INSERT INTO bench_forms_audit (at, actor_id, actor_name, action, entity_type, entity_id, scope_path, detail, prev_hash, hash)
  VALUES (now(), '${BENCH_CREATOR}', '压测村干部', 'form.submit', 'submission', :sid, ${path}, '{"values":40}'::jsonb, :prev, encode(sha256(convert_to(:prev::text || :sid::text, 'UTF8')), 'hex'));`,
    `END;`,
    "",
  ].join("\n");
}

function runPgbench(url: string, script: string, clients: number, durationS: number): { tps: number; latencies: number[]; failed: string } {
  const dir = path.join(os.tmpdir(), `jianfu-forms-pgbench-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "submission.sql"), script);
  const u = new URL(url);
  const out = execFileSync(
    PGBENCH,
    ["-h", u.hostname, "-p", u.port, "-U", u.username || "postgres", "-n", "-M", "prepared", "-c", String(clients), "-j", "2", "-T", String(durationS), "-f", path.join(dir, "submission.sql"), "-l", "--log-prefix", path.join(dir, "log"), u.pathname.slice(1)],
    { encoding: "utf8", env: { ...process.env, PGPASSWORD: u.password } },
  );
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? "NaN");
  const failed = /number of failed transactions: (\d+)/.exec(out)?.[1] ?? "?";
  const latencies: number[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith("log"))) {
    for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
      const us = Number(line.split(" ")[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { tps, latencies, failed };
}

async function benchPeak(client: pg.Client, url: string, env: Env): Promise<Figure[]> {
  const bench = `deadline peak (${FIELDS}-field one form, ${env.clients} clients, HTTP from a 2nd process)`;
  const pgb = `pgbench same rows (${env.clients} clients)`;
  const secret = randomBytes(32).toString("hex");
  const { requests, counties, setupS, sample } = await setupPeak(client, env, secret);
  const dur = await durability(client);
  const appDb = await openDatabase({ kind: "postgres", url });
  const config = loadConfig({ NODE_ENV: "test", JIANFU_SECRET: secret, DATA_DIR: "/nonexistent", LOG_LEVEL: "silent", DATABASE_URL: url });
  const app = await buildApp({ db: appDb.db, dbKind: "postgres", config, logger: false });
  const file = path.join(os.tmpdir(), `jianfu-forms-load-${process.pid}.json`);
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    writeFileSync(file, JSON.stringify(requests));
    const before = Number((await client.query<{ n: string }>(`select count(*) as n from form_submissions`)).rows[0]!.n);
    const load = await runLoadProcess(file, `http://127.0.0.1:${port}`, env.clients);
    const after = Number((await client.query<{ n: string }>(`select count(*) as n from form_submissions`)).rows[0]!.n);
    const httpRate = load.timed.length / load.wallS;
    await app.close();

    await client.query(`create table if not exists bench_forms_audit (like audit_log including all)`);
    await client.query(`truncate bench_forms_audit`);
    await client.query(`insert into bench_forms_audit (at, action, entity_type, entity_id, detail, prev_hash, hash) values (now(), 'genesis', 'bench', '-', '{}', $1, $1)`, ["0".repeat(64)]);
    const durationS = Math.max(10, Math.min(60, Math.round(load.wallS)));
    const ceiling = runPgbench(url, pgbenchScript(sample), env.clients, durationS);
    await client.query(`delete from form_data where unit_code like '9%'`);
    await client.query(`delete from form_submissions where unit_code like '9%'`);
    const ratio = httpRate / ceiling.tps;
    return [
      { bench, figure: "durability", value: dur.line },
      { bench, figure: "counties with a form / villages with a session", value: `${counties} / ${requests.length}` },
      { bench, figure: "setup s (forms, users, sessions)", value: s3(setupS) },
      { bench, figure: "warm-up submissions (untimed)", value: String(WARMUP) },
      ...latencyFigures(bench, load.timed, "p99 < 200 ms"),
      { bench, figure: "submissions/s", value: httpRate.toFixed(1) },
      { bench, figure: "responses", value: Object.entries(load.statuses).map(([k, v]) => `${v}×${k}`).join(" ") },
      { bench, figure: "submissions stored (rows added)", value: String(after - before) },
      { bench, figure: `retries of ${RETRIES} with the same key`, value: `${Object.entries(load.retryStatuses).map(([k, v]) => `${v}×${k}`).join(" ")}, replayed ${load.replayed}` },
      { bench: pgb, figure: "duration s", value: String(durationS) },
      { bench: pgb, figure: "tps", value: ceiling.tps.toFixed(1) },
      { bench: pgb, figure: "failed transactions", value: ceiling.failed },
      { bench: pgb, figure: "p50 ms", value: ms(percentile(ceiling.latencies, 50)) },
      { bench: pgb, figure: "p95 ms", value: ms(percentile(ceiling.latencies, 95)) },
      { bench: pgb, figure: "p99 ms", value: ms(percentile(ceiling.latencies, 99)) },
      { bench, figure: "ratio HTTP submissions/s ÷ pgbench tps", value: ratio.toFixed(3), target: "≥ 0.5" },
    ];
  } finally {
    rmSync(file, { force: true });
    await app.close().catch(() => undefined);
    await appDb.close();
    if (dur.changed) {
      for (const name of ["fsync", "synchronous_commit", "full_page_writes"]) await client.query(`alter system reset ${name}`);
      await client.query("select pg_reload_conf()");
    }
  }
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

// The load generator's entry, when this file runs as the second process.
if (process.argv[2] === "--load" && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  loadGenerator(process.argv[3]!, process.argv[4]!, Number(process.argv[5])).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
