import { buildApp } from "./app.js";
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { DataDirLockedError } from "./db/data-dir-lock.js";
import { seedDemoData } from "./demo/seed.js";
import { DEMO_USERS } from "./modules/org/demo-seed.js";
import { chinaToday } from "./modules/burdens/prepare.js";
import { expireOverdue } from "./modules/burdens/registry.js";
import { signUnsignedBurdens } from "./modules/burdens/similar.js";
import { warmCatalogs } from "./modules/forms/mapping.js";
import { warmDutyMatch } from "./modules/duties/match.js";
import { warmUnitCache } from "./modules/org/unit-cache.js";

async function main() {
  const config = loadConfig();
  const database = config.databaseUrl
    ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
    : await openDatabase({ kind: "pglite", dataDir: config.dataDir });

  const app = await buildApp({ db: database.db, dbKind: database.kind, config });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (config.seedDemo) {
    const seeded = await seedDemoData(database.db, config.demoPassword);
    app.log.info(seeded, "demo data ready");
  }
  const signed = await signUnsignedBurdens(database.db);
  if (signed > 0) app.log.info({ signed }, "burdens signed for the duplicate screen");
  // One-off burdens past their deadline expire; checked at start and then every hour.
  const expire = () => expireOverdue(database.db, chinaToday()).catch((err: unknown) => app.log.error({ err }, "expiring burdens failed"));
  await expire();
  const expiry = setInterval(() => void expire(), 3_600_000);
  expiry.unref();
  await app.listen({ port: config.port, host: config.host });
  // Mapping proposals need each region's indicator catalog prepared (~1 s for 20,000): now, not at the first upload.
  void warmCatalogs(database.db, app.log).catch((err: unknown) => app.log.warn({ err }, "preparing indicator catalogs failed"));
  // The gate compares each burden with its townships' duty lists: every list in force, in memory, before the first checks.
  void warmDutyMatch(database.db, chinaToday()).catch((err: unknown) => app.log.warn({ err }, "loading duty lists for the gate failed"));
  // And its issuer, targets and townships: the whole hierarchy, in memory.
  void warmUnitCache(database.db).catch((err: unknown) => app.log.warn({ err }, "loading units for the gate failed"));
  const where = database.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`\n减负通 Jianfu is running: http://localhost:${config.port}  (database: ${where})`);
  console.log(`API docs: http://localhost:${config.port}/api/docs`);
  if (config.seedDemo) {
    const pw = config.demoPassword === DEFAULT_DEMO_PASSWORD ? `${DEFAULT_DEMO_PASSWORD} (set JIANFU_DEMO_PASSWORD to change)` : "the value of JIANFU_DEMO_PASSWORD";
    console.log(`Demo accounts (password: ${pw}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(16)} ${u.role.padEnd(18)} ${u.displayName}`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
