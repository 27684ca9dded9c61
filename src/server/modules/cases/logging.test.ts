import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import { createTestDatabase } from "../../test/database.js";
import type { FastifyInstance } from "fastify";
import { submitPublicReport } from "./test-fixtures.js";

let database: Database;
let app: FastifyInstance;
const levels: [string, string][] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", JIANFU_SECRET: randomBytes(32).toString("hex"), DATA_DIR: "/nonexistent", LOG_LEVEL: "info" });
  // A real logger, as in production: the question is which requests it would write.
  app = await buildApp({ db: database.db, dbKind: database.kind, config });
  app.addHook("onResponse", async (request) => {
    levels.push([`${request.method} ${request.routeOptions.url ?? request.url}`, request.log.level]);
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

it("writes no log line for the public report routes (no address, agent or receipt in a log), while other routes log", async () => {
  await app.inject({ method: "GET", url: "/api/health" });
  await submitPublicReport(app, { unitCode: "230524100999" });
  await app.inject({ method: "GET", url: "/api/public/reports/1234567890123456" });
  await app.inject({ method: "POST", url: "/api/public/reports/1234567890123456/messages", payload: { text: "一条不会被保存的留言内容" } });
  await app.inject({ method: "POST", url: "/api/cases", payload: {} });
  await app.inject({ method: "GET", url: "/api/public/reports/units?q=%E9%A5%B6" });
  await app.inject({ method: "POST", url: "/api/public/reports/1234567890123456/evidence", headers: { "content-type": "image/jpeg" }, payload: Buffer.from([0xff, 0xd8, 0xff]) });
  const byRoute = Object.fromEntries(levels);
  expect(byRoute["GET /api/health"]).toBe("info");
  for (const route of ["GET /api/public/reports/challenge", "POST /api/public/reports", "GET /api/public/reports/:receipt", "POST /api/public/reports/:receipt/messages", "POST /api/cases", "GET /api/public/reports/units", "POST /api/public/reports/:receipt/evidence"]) {
    expect(byRoute[route], route).toBe("silent");
  }
});
