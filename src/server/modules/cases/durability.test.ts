import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { solveChallenge } from "./guard.js";
import { REPORT } from "./test-fixtures.js";

/**
 * "Nothing acknowledged is lost": a real server process takes a burst of public reports and is killed
 * (SIGKILL) while answering them; after a restart on the same database every receipt it acknowledged opens
 * its case. Runs on embedded PGlite, or on the PostgreSQL of DATABASE_URL.
 */
const port = 42_000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "jianfu-durability-"));
const secret = randomBytes(32).toString("hex");
let databaseUrl: string | undefined;
let adminUrl: string | undefined;
let dbName = "";
let server: ChildProcess | null = null;

async function start(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, JIANFU_SECRET: secret, JIANFU_SEED_DEMO: "yes", LOG_LEVEL: "silent" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { env, stdio: process.env.DEBUG_DURABILITY ? "inherit" : "ignore" });
  // Seeding the demo takes over a minute on a loaded machine.
  for (let i = 0; i < 960; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return child;
  }
  child.kill("SIGKILL");
  throw new Error("server did not start");
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    dbName = `jianfu_durable_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
}, 30_000);

afterAll(async () => {
  server?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}, 30_000);

const json = { "content-type": "application/json" };

it("keeps every acknowledged receipt through a kill in the middle of a burst", async () => {
  server = await start();
  // The proof of work is solved before the burst, so the requests land together.
  const bodies = [];
  for (let i = 0; i < 10; i++) {
    const { challenge } = (await (await fetch(`${base}/api/public/reports/challenge`, { signal: AbortSignal.timeout(10_000) })).json()) as { challenge: string };
    bodies.push(JSON.stringify({ ...REPORT, text: `${REPORT.text}（第 ${i} 份）`, challenge, nonce: solveChallenge(challenge) }));
  }
  const acknowledged: string[] = [];
  const victim = server;
  const burst = bodies.map((body) =>
    fetch(`${base}/api/public/reports`, { method: "POST", headers: json, body, signal: AbortSignal.timeout(30_000) }).then(
      async (res) => {
        if (res.status === 201) acknowledged.push(((await res.json()) as { receipt: string }).receipt);
        // The first acknowledgement pulls the plug on the others.
        if (acknowledged.length === 3) victim.kill("SIGKILL");
      },
      () => undefined,
    ),
  );
  await Promise.all(burst);
  if (process.env.DEBUG_DURABILITY) console.log("acknowledged", acknowledged.length);
  victim.kill("SIGKILL");
  if (victim.exitCode === null && victim.signalCode === null) await new Promise((r) => victim.once("exit", r));
  expect(acknowledged.length).toBeGreaterThanOrEqual(3);

  server = await start();
  for (const receipt of acknowledged) {
    const res = await fetch(`${base}/api/public/reports/${receipt}`, { signal: AbortSignal.timeout(30_000) });
    expect(res.status, receipt).toBe(200);
  }
  server.kill("SIGKILL");
}, 600_000);
