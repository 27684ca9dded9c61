import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

// The server seeds every module's demo before it answers; on a loaded machine that takes minutes.
const START_LIMIT_MS = 300_000;

async function waitForHealth(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer within ${START_LIMIT_MS / 1000} s:\n${log()}`);
}

/** Starts the real server, as a user would with `npm start`, on a fresh embedded database with demo data. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jianfu-e2e-"));
  const port = await freePort();
  let output = "";
  // The end-to-end run uses the embedded database, as the README's first command does.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const server = spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", "src/server/main.ts"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, JIANFU_SEED_DEMO: "yes", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += String(d)));
  server.stderr?.on("data", (d) => (output += String(d)));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHealth(baseURL, server, () => output);
  project.provide("baseURL", baseURL);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
