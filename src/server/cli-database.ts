import { ConfigError, loadConfig } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { DataDirLockedError } from "./db/data-dir-lock.js";

/** Opens the database a command-line tool works on, the same one the server would use. */
export async function openCliDatabase(): Promise<Database> {
  const config = loadConfig();
  return config.databaseUrl ? openDatabase({ kind: "postgres", url: config.databaseUrl }) : openDatabase({ kind: "pglite", dataDir: config.dataDir });
}

/** Runs a command-line tool; a known error prints its message and exits 2, anything else exits 1. */
export function runCli(main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof DataDirLockedError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    },
  );
}
