import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import type { Db } from "../src/server/db/client.js";
import { hashPassword, verifyPassword } from "../src/server/modules/org/passwords.js";
import { createUser } from "../src/server/modules/org/users.js";
import { latencyFigures, ms, percentile, timeSequential, type Figure } from "./stats.js";

const CLIENTS = 20;
const PASSWORD = "Bench-login-2026";
/**
 * POST /api/auth/login allows 10 attempts a minute per (IP, username). All clients come from
 * 127.0.0.1, so each client rotates over its own few accounts to stay under that limit.
 */
const ACCOUNTS_PER_CLIENT = 3;
const LIMIT_PER_ACCOUNT = 10;
/** Accounts for the one-client phase that shows the cost of a single login without queueing. */
const SOLO_ACCOUNTS = 2;
/** The paced phase: each of the 20 users logs in once a second, a morning rush of 20 logins/s. */
const PACED_INTERVAL_MS = 1000;
const PACED_ROUNDS = 8;
const POOL = CLIENTS * ACCOUNTS_PER_CLIENT;

/**
 * 20 concurrent clients log in over real HTTP (argon2id verify, session insert) against the app
 * listening on 127.0.0.1. Clients and app share this process and its two cores.
 */
export async function benchLogin(db: Db, rounds = ACCOUNTS_PER_CLIENT * LIMIT_PER_ACCOUNT - 1): Promise<Figure[]> {
  if (rounds + 1 > ACCOUNTS_PER_CLIENT * LIMIT_PER_ACCOUNT) throw new Error(`at most ${ACCOUNTS_PER_CLIENT * LIMIT_PER_ACCOUNT - 1} rounds`);
  const villages = await db.execute<{ code: string }>(
    sql`select code from units where level = 'village' order by md5(code) limit ${2 * POOL + SOLO_ACCOUNTS}`,
  );
  const run = randomBytes(3).toString("hex");
  const usernames: string[] = [];
  const setupStart = performance.now();
  for (const [i, v] of villages.rows.entries()) {
    const username = `bench${run}_${i}`;
    await createUser(db, {
      actor: null,
      input: { username, displayName: `压测用户${i}`, role: "village_cadre", scopeCode: v.code, password: PASSWORD },
      mustChangePassword: false,
    });
    usernames.push(username);
  }
  const setupS = (performance.now() - setupStart) / 1000;
  if (usernames.length < 2 * POOL + SOLO_ACCOUNTS) throw new Error("not enough villages for the login accounts");

  const config = loadConfig({ NODE_ENV: "test", JIANFU_SECRET: randomBytes(32).toString("hex"), DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" });
  const app = await buildApp({ db, dbKind: "postgres", config, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/auth/login`;

  const failures = new Map<number, number>();
  const loginOnce = async (username: string): Promise<number> => {
    const start = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: PASSWORD }) });
    await res.arrayBuffer();
    const elapsed = performance.now() - start;
    if (res.status !== 200) failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
    return elapsed;
  };
  const account = (client: number, round: number) => usernames[client * ACCOUNTS_PER_CLIENT + (round % ACCOUNTS_PER_CLIENT)]!;
  const pacedAccount = (client: number, round: number) => usernames[POOL + client * ACCOUNTS_PER_CLIENT + (round % ACCOUNTS_PER_CLIENT)]!;

  // Cost of one argon2id verify alone, and of one login with no other login in flight.
  const hash = await hashPassword(PASSWORD);
  const verify = await timeSequential(20, 3, () => verifyPassword(hash, PASSWORD));
  const solo = usernames.slice(2 * POOL);

  try {
    const soloSamples = await timeSequential(SOLO_ACCOUNTS * LIMIT_PER_ACCOUNT - 2, 2, async (i) => {
      await loginOnce(solo[i % SOLO_ACCOUNTS]!);
    });
    // Warm-up: one untimed login per client, all at once.
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => loginOnce(account(c, 0))));
    const samples: number[] = [];
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let r = 1; r <= rounds; r++) samples.push(await loginOnce(account(c, r)));
      }),
    );
    const wallS = (performance.now() - start) / 1000;
    const paced = await pacedLogins((c, r) => loginOnce(pacedAccount(c, r)));
    const bench = `login (${CLIENTS} concurrent, HTTP)`;
    const pacedBench = `login (${CLIENTS} users, each once per ${PACED_INTERVAL_MS} ms)`;
    return [
      { bench: "argon2id verify alone", figure: "p50 ms (sequential)", value: ms(percentile(verify, 50)) },
      { bench: "login (1 client, HTTP)", figure: "samples", value: String(soloSamples.length) },
      { bench: "login (1 client, HTTP)", figure: "p50 ms", value: ms(percentile(soloSamples, 50)) },
      { bench: "login (1 client, HTTP)", figure: "p95 ms", value: ms(percentile(soloSamples, 95)) },
      { bench, figure: "accounts created (createUser)", value: String(usernames.length) },
      { bench, figure: "account setup s", value: setupS.toFixed(3) },
      { bench, figure: "rounds per client", value: String(rounds) },
      ...latencyFigures(bench, samples, "< 150 ms"),
      { bench, figure: "logins/s", value: (samples.length / wallS).toFixed(1) },
      ...latencyFigures(pacedBench, paced.samples, "< 150 ms"),
      { bench: pacedBench, figure: "logins/s offered / done", value: `${((CLIENTS * 1000) / PACED_INTERVAL_MS).toFixed(1)} / ${(paced.samples.length / paced.wallS).toFixed(1)}` },
      { bench, figure: "non-200 responses (all phases)", value: failures.size === 0 ? "0" : [...failures].map(([s, n]) => `${n}x${s}`).join(" ") },
    ];
  } finally {
    await app.close();
  }
}

/** Twenty users who each log in once per interval, starts spread over the first interval: an open, paced load. */
async function pacedLogins(login: (client: number, round: number) => Promise<number>): Promise<{ samples: number[]; wallS: number }> {
  const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, Math.max(0, msDelay)));
  const samples: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      await sleep((c * PACED_INTERVAL_MS) / CLIENTS);
      for (let r = 0; r < PACED_ROUNDS; r++) {
        const elapsed = await login(c, r);
        samples.push(elapsed);
        await sleep(PACED_INTERVAL_MS - elapsed);
      }
    }),
  );
  return { samples, wallS: (performance.now() - start) / 1000 };
}
