import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./data-dir-lock.js";

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "jianfu-lock-"));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => path.join(tmpRoot, `d${dirs++}`);

/** A pid that no process has: far above any pid this container hands out, checked to be sure. */
function deadPid(): number {
  for (let pid = 999_999; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("acquireDataDirLock", () => {
  it("refuses a second lock on a held folder, in Chinese and English, and allows it once released", () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "jianfu.lock"), "utf8")).toBe(String(process.pid));

    let refused: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    const locked = refused as DataDirLockedError;
    expect(locked.ownerPid).toBe(process.pid);
    expect(locked.dataDir).toBe(dir);
    expect(locked.message).toContain(`数据目录 ${dir} 已被进程 ${process.pid} 使用`);
    expect(locked.message).toContain(`The data folder ${dir} is in use by process ${process.pid}`);

    release();
    expect(existsSync(path.join(dir, "jianfu.lock"))).toBe(false);
    const again = acquireDataDirLock(dir);
    expect(existsSync(path.join(dir, "jianfu.lock"))).toBe(true);
    again();
  });

  it("releases only once: a second release does not remove another holder's lock", () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    release();
    const next = acquireDataDirLock(dir);
    release();
    expect(existsSync(path.join(dir, "jianfu.lock"))).toBe(true);
    next();
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = freshDir();
    const first = acquireDataDirLock(dir);
    first();
    const pid = deadPid();
    writeFileSync(path.join(dir, "jianfu.lock"), String(pid));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "jianfu.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over a lock file without a pid in it", () => {
    const dir = freshDir();
    acquireDataDirLock(dir)();
    writeFileSync(path.join(dir, "jianfu.lock"), "");
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "jianfu.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});

// ---- two real server processes on one data folder ----

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

type Run = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

function startServer(port: number, dataDir: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, JIANFU_SEED_DEMO: "no", LOG_LEVEL: "warn" };
  delete env.DATABASE_URL; // the lock guards the embedded database only
  delete env.JIANFU_SECRET;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function until(what: string, check: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The lock guards the embedded database only: these servers never use DATABASE_URL, so the PostgreSQL pass
// would repeat the PGlite pass exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("two server processes on one data folder", () => {
  it("lets the second exit with code 2 and the lock message while the first keeps serving", { timeout: 240_000 }, async () => {
    const dataDir = freshDir();
    const [port1, port2] = [await freePort(), await freePort()];
    const first = startServer(port1, dataDir);
    let firstExit: number | null | undefined;
    void first.exit.then((code) => (firstExit = code));
    try {
      // Migrating a fresh embedded database takes over a minute on a loaded two-core machine.
      await until("the first server", () => first.output().includes("is running") || firstExit !== undefined, 150_000);
      expect(firstExit, first.output()).toBeUndefined();

      const second = startServer(port2, dataDir);
      const code = await Promise.race([second.exit, new Promise<"hung">((r) => setTimeout(() => r("hung"), 60_000))]);
      if (code === "hung") second.child.kill("SIGKILL");
      expect(code, second.output()).toBe(2);
      expect(second.output()).toContain(`已被进程 ${first.child.pid} 使用`);
      expect(second.output()).toContain(`is in use by process ${first.child.pid}`);

      const health = await fetch(`http://127.0.0.1:${port1}/api/health`);
      expect(await health.json()).toEqual({ ok: true, db: "pglite" });
      expect(firstExit).toBeUndefined();
    } finally {
      if (firstExit === undefined) first.child.kill("SIGTERM");
    }
    expect(await first.exit).toBe(0);
    expect(existsSync(path.join(dataDir, "jianfu.lock"))).toBe(false);
  });
});
