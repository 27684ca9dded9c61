import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import { loadConfig, type AppConfig } from "../config.js";
import type { Database, Db } from "../db/client.js";
import { seedDemoData } from "../demo/seed.js";
import { createTestDatabase } from "./database.js";
import { TEST_PASSWORD } from "./password.js";
import { HARNESS_SEED_OPTIONS } from "./templates.js";

export { TEST_PASSWORD };

export type TestContext = {
  app: FastifyInstance;
  db: Db;
  database: Database;
  config: AppConfig;
  close: () => Promise<void>;
};

/** An app on a fresh database holding the demo hierarchy (Raohe, Atushi) and the demo accounts. */
export async function createTestApp(): Promise<TestContext> {
  const database = await createTestDatabase("seeded");
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: "test", JIANFU_SECRET: randomBytes(32).toString("hex"), DATA_DIR: "/nonexistent" }),
    demoPassword: TEST_PASSWORD,
  };
  // Demo burdens and documents are left out: each test makes those it looks at.
  if (!database.seeded) await seedDemoData(database.db, TEST_PASSWORD, HARNESS_SEED_OPTIONS);
  const app = await buildApp({ db: database.db, dbKind: database.kind, config, logger: false });
  return {
    app,
    db: database.db,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in client: carries the session cookie and the CSRF token like the web app does. */
export type Session = {
  cookie: string;
  csrfToken: string;
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === "jianfu_session");
  if (!setCookie) throw new Error("no session cookie");
  const cookie = `jianfu_session=${setCookie.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    request: (options) =>
      app.inject({ ...options, headers: { cookie, "x-csrf-token": csrfToken, ...(options.headers ?? {}) } }),
  };
}

let counter = 0;
/** A unique username per call, so tests can create users without colliding. */
export const uniqueUsername = (prefix = "u") => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.toLowerCase();

/**
 * One session per user for a whole test file (logins are rate limited per user): `as("raohe_office")`
 * logs in the first time and reuses the session after. The app is read when first needed.
 */
export function sessionsFor(app: () => FastifyInstance): (username: string) => Promise<Session> {
  const sessions = new Map<string, Promise<Session>>();
  return (username) => {
    if (!sessions.has(username)) sessions.set(username, loginAs(app(), username));
    return sessions.get(username)!;
  };
}
