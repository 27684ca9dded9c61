import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { httpRequest } from "./http.js";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/client.js";
import { tokenHash } from "../src/server/modules/org/auth.js";
import { hashPassword } from "../src/server/modules/org/passwords.js";
import { latencyFigures, ms, percentile, type Figure } from "./stats.js";
import { BENCH_CREATOR, FIELDS, PERIOD, WARMUP, RETRIES, PGBENCH, AUDIT_LOCK_KEY, type Env, seconds, s3, templateOf, type Unit, ensureForm } from "./forms-setup.js";

/**
 * 一表通 (issue 4), b: a deadline peak. Villages submit a 40-field one form over loopback HTTP from a
 * second process (this file, run with --load) on PostgreSQL with durable commits, against pgbench
 * inserting what one submission writes at the same concurrency on the same database, in the same run.
 */

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

type LoadResult = { timed: number[]; statuses: Record<string, number>; wallS: number; retryStatuses: Record<string, number>; replayed: number; generatorCpuMs: number };

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
  // node:http over kept-alive sockets, one per client, as a village's phone keeps its connection (not
  // fetch: see httpRequest; the generator prints its own CPU per request).
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const base = new URL(baseUrl);
  const post = (r: Request) => {
    const body = Buffer.from(r.body);
    const headers = { "content-type": "application/json", "content-length": body.length, cookie: `jianfu_session=${r.token}`, "x-csrf-token": r.csrf };
    return httpRequest({ agent, host: base.hostname, port: base.port, method: "POST", path: `/api/forms/one-table/${r.unit}/submit`, headers }, body);
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
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await pool(timedList, async (r, i) => {
    const t = performance.now();
    const { status, body } = await post(r);
    timed[i] = performance.now() - t;
    if (status !== 201 && (statuses[status] ?? 0) === 0) process.stderr.write(`load: ${status} ${body.slice(0, 300)}\n`);
    count(statuses, status);
  });
  const wallS = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const generatorCpuMs = (cpu.user + cpu.system) / 1000 / timedList.length;
  const retryStatuses: Record<string, number> = {};
  let replayed = 0;
  await pool(timedList.slice(0, RETRIES), async (r) => {
    const { status, body } = await post(r);
    count(retryStatuses, status);
    if (status === 200 && (JSON.parse(body) as { replayed: boolean }).replayed) replayed++;
  });
  process.stdout.write(JSON.stringify({ timed, statuses: { ...statuses, ...Object.fromEntries(Object.entries(warm).map(([k, v]) => [`warm-up ${k}`, v])) }, wallS, retryStatuses, replayed, generatorCpuMs }));
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

export async function benchPeak(client: pg.Client, url: string, env: Env): Promise<Figure[]> {
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
    // Both sides start from the same state: the HTTP phase's inserts would otherwise wake autovacuum on these
    // tables during pgbench's run (seen: form_data vacuumed during it, pgbench's tps down by a third or more).
    await client.query(`vacuum (analyze) form_data, form_submissions, form_drafts, audit_log`);

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
      // The target is on the p99 (the issue's), not on the p95 where latencyFigures puts one.
      ...latencyFigures(bench, load.timed, "").map((f) => ({ ...f, target: f.figure === "p99 ms" ? "< 200 ms" : undefined })),
      { bench, figure: "submissions/s", value: httpRate.toFixed(1) },
      { bench, figure: "load generator CPU ms per timed request", value: ms(load.generatorCpuMs) },
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
