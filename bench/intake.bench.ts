import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { httpRequest } from "./http.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase } from "../src/server/db/client.js";
import { verifyAuditChain } from "../src/server/modules/audit/audit.js";
import { freePort } from "./local-pg.js";
import { latencyFigures, type Figure } from "./stats.js";

/**
 * Public intake 群众直报 (issue 5, "Speed"): text reports POSTed over loopback HTTP from this process to the
 * app running in a second process (src/server/main.ts) on PostgreSQL with durable commits (fsync,
 * synchronous_commit and full_page_writes on: set here with ALTER SYSTEM for the run, reset after it).
 *
 * Nothing of the server's protection is switched off:
 * - the rate limit (10 reports an hour per client key) holds: each simulated reporter connects from its own
 *   loopback address (127.77.x.y) and sends at most REPORTS_PER_ADDRESS reports;
 * - every report carries a proof of work for a challenge the server issued, checked (signature, expiry,
 *   one answer per challenge) exactly as in production. Only its difficulty is lowered for the bench
 *   (JIANFU_POW_BITS, default 10 bits instead of 16): solving is the reporters' phones' work, and the
 *   server's check costs one SHA-256 whatever the difficulty; at 16 bits this machine would need ~4 min of
 *   CPU to pre-solve 3,000 challenges.
 *
 * Challenges are fetched and solved before the timed phase; then CONCURRENCY requests are kept in flight.
 *
 *   BENCH_INTAKE_REPORTS      reports in the timed phase (default 3000)
 *   BENCH_INTAKE_CONCURRENCY  requests in flight (default 32)
 *   BENCH_INTAKE_POW_BITS     proof-of-work difficulty the server is started with (default 10; production 16)
 *   BENCH_INTAKE_NODE_ARGS    extra node options for the server process (a CPU profile, say)
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPORTS_PER_ADDRESS = 5;
const UNIT = "230524100000"; // 饶河镇 of the demo hierarchy

const addressOf = (i: number) => `127.77.${Math.floor(i / REPORTS_PER_ADDRESS / 250)}.${(Math.floor(i / REPORTS_PER_ADDRESS) % 250) + 1}`;

const agents = new Map<string, http.Agent>();
const agentFor = (localAddress: string) => {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress })));
  return agent;
};

function request(port: number, localAddress: string, method: string, url: string, body?: string): Promise<{ status: number; body: string }> {
  const headers = body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {};
  return httpRequest({ host: "127.0.0.1", port, method, path: url, agent: agentFor(localAddress), headers }, body);
}

function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const d = createHash("sha256").update(`${challenge}:${n}`).digest();
    let zeros = 0;
    for (const byte of d) {
      if (byte === 0) {
        zeros += 8;
        continue;
      }
      zeros += Math.clz32(byte) - 24;
      break;
    }
    if (zeros >= bits) return String(n);
  }
}

async function durable(url: string): Promise<{ settings: string; reset: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const setting of ["fsync", "synchronous_commit", "full_page_writes"]) await client.query(`alter system set ${setting} = on`);
  await client.query("select pg_reload_conf()");
  await new Promise((r) => setTimeout(r, 500));
  const { rows } = await client.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') order by name`,
  );
  await client.end();
  return {
    settings: rows.map((r) => `${r.name}=${r.setting}`).join(" "),
    reset: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      for (const setting of ["fsync", "synchronous_commit", "full_page_writes"]) await c.query(`alter system reset ${setting}`);
      await c.query("select pg_reload_conf()");
      await c.end();
    },
  };
}

async function startServer(url: string, port: number, powBits: number, dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: url,
    JIANFU_SECRET: randomBytes(32).toString("hex"),
    JIANFU_REPORTER_KEY: randomBytes(32).toString("hex"),
    JIANFU_SEED_DEMO: "yes",
    JIANFU_POW_BITS: String(powBits),
    LOG_LEVEL: "warn",
  };
  // e.g. BENCH_INTAKE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server's time goes.
  const nodeArgs = (process.env.BENCH_INTAKE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/server/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 1200; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await request(port, "127.0.0.1", "GET", "/api/health").then((r) => r.status === 200, () => false);
    if (ok) return child;
  }
  child.kill("SIGTERM");
  throw new Error("server did not start");
}

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

export async function benchIntake(url: string): Promise<Figure[]> {
  const n = Number(process.env.BENCH_INTAKE_REPORTS ?? 3000);
  const concurrency = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 32);
  const powBits = Number(process.env.BENCH_INTAKE_POW_BITS ?? 10);
  const bench = `public intake (${n} text reports, ${concurrency} in flight, PoW ${powBits} bits)`;
  const { settings, reset } = await durable(url);
  const port = await freePort(39_000);
  const dataDir = mkdtempSync("/tmp/jianfu-bench-intake-");
  const server = await startServer(url, port, powBits, dataDir);
  try {
    // Untimed: each reporter fetches a challenge and solves it, as the public page does before submitting.
    const solveStart = performance.now();
    const bodies: { address: string; body: string }[] = [];
    for (let i = 0; i < n; i++) {
      const address = addressOf(i);
      const res = await request(port, address, "GET", "/api/public/reports/challenge");
      if (res.status !== 200) throw new Error(`challenge: ${res.status} ${res.body}`);
      const { challenge } = JSON.parse(res.body) as { challenge: string };
      const text = `【压测】镇里要求每个村每天在学习APP上打卡并截图上报，排名靠后的要在全镇通报（第 ${i} 份，${randomBytes(4).toString("hex")}）。`;
      bodies.push({ address, body: JSON.stringify({ category: "fingertip", text, unitCode: UNIT, noAdmission: true, challenge, nonce: solve(challenge, powBits) }) });
    }
    const solveS = (performance.now() - solveStart) / 1000;
    // Connections idle through the solving are closed by the server (keep-alive timeout): start afresh.
    for (const agent of agents.values()) agent.destroy();
    agents.clear();

    const loadBefore = uptime();
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const receipts: { address: string; receipt: string }[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const { address, body } = bodies[next++]!;
          const t = performance.now();
          const res = await request(port, address, "POST", "/api/public/reports", body);
          latencies.push(performance.now() - t);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) receipts.push({ address, receipt: (JSON.parse(res.body) as { receipt: string }).receipt });
        }
      }),
    );
    const wallS = (performance.now() - start) / 1000;
    const loadAfter = uptime();

    // Every acknowledged receipt of a sample opens its case; the audit chain still verifies.
    let followed = 0;
    for (const [k, { receipt }] of receipts.filter((_, i) => i % Math.max(1, Math.floor(receipts.length / 20)) === 0).entries()) {
      const res = await request(port, `127.78.0.${k + 1}`, "GET", `/api/public/reports/${receipt}`);
      if (res.status === 200) followed++;
    }
    const database = await openDatabase({ kind: "postgres", url });
    const chain = await verifyAuditChain(database.db).finally(() => database.close());

    return [
      { bench, figure: "database settings", value: settings },
      { bench, figure: "challenges fetched and solved (untimed) s", value: solveS.toFixed(1) },
      { bench, figure: "HTTP statuses", value: [...statuses].map(([s, c]) => `${s}×${c}`).join(" ") },
      { bench, figure: "acknowledged reports per s", value: (receipts.length / wallS).toFixed(1), target: "≥ 300" },
      { bench, figure: "timed phase s", value: wallS.toFixed(2) },
      ...latencyFigures(bench, latencies, "—"),
      { bench, figure: "sampled receipts that open their case", value: `${followed} / ${Math.min(20, receipts.length) && receipts.filter((_, i) => i % Math.max(1, Math.floor(receipts.length / 20)) === 0).length}` },
      { bench, figure: "audit chain", value: chain.ok ? `intact (${chain.entries} entries)` : `BROKEN at ${chain.brokenAt} (${chain.reason})` },
      { bench, figure: "uptime before the timed phase", value: loadBefore },
      { bench, figure: "uptime after the timed phase", value: loadAfter },
    ];
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    for (const agent of agents.values()) agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    await reset();
  }
}
