import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../scripts/pg-local.sh");

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** The first port from `from` on that nothing listens on at 127.0.0.1. */
export async function freePort(from = 55432): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}..${from + 99}`);
}

export type LocalPostgres = { url: string; dir: string; stop: () => void };

/** A throwaway PostgreSQL in a fresh directory under /tmp, through scripts/pg-local.sh. */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const port = await freePort();
  const dir = mkdtempSync("/tmp/jianfu-bench-pg-");
  // A database server's usual setting: a quarter of the memory (at most 8 GB) for PostgreSQL's own cache,
  // not the 128 MB PostgreSQL starts with; the benches print the value they found.
  const sharedBuffersMb = Math.min(8192, Math.floor(os.totalmem() / 4 / 2 ** 20));
  const url = execFileSync("bash", [script, "start", dir, String(port)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, JIANFU_PG_SHARED_BUFFERS: process.env.JIANFU_PG_SHARED_BUFFERS ?? `${sharedBuffersMb}MB` },
  }).trim();
  let stopped = false;
  return {
    url,
    dir,
    stop: () => {
      if (stopped) return;
      stopped = true;
      execFileSync("bash", [script, "stop", dir], { stdio: ["ignore", "ignore", "inherit"] });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
