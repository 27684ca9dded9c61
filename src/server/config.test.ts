import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from "./config.js";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "jianfu-config-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const GOOD_SECRET = "q7R2-a-random-production-secret-of-48-characters";

/** The message loadConfig refuses an environment with, or "accepted". */
const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
    return "accepted";
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
};

describe("loadConfig", () => {
  it("starts on port 3000 with demo data and a local secret made once per data folder outside production", () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.resolve(dataDir),
      databaseUrl: undefined,
      seedDemo: true,
      demoPassword: DEFAULT_DEMO_PASSWORD,
      logLevel: "info",
      secureCookies: false,
    });
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, ".secret");
    expect(readFileSync(file, "utf8").trim()).toBe(config.secret);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe(config.secret);
  });

  it("reads the variables it is given", () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: "8080",
      HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://jianfu@db:5432/jianfu",
      JIANFU_SECRET: GOOD_SECRET,
      JIANFU_DEMO_PASSWORD: "Another-demo-pw",
      JIANFU_SEED_DEMO: "no",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      databaseUrl: "postgresql://jianfu@db:5432/jianfu",
      secret: GOOD_SECRET,
      demoPassword: "Another-demo-pw",
      seedDemo: false,
      logLevel: "warn",
    });
  });

  it.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "0" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "80.5" }],
    ["NODE_ENV", { NODE_ENV: "staging" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/jianfu" }],
    ["JIANFU_SECRET", { JIANFU_SECRET: "too-short" }],
    ["JIANFU_DEMO_PASSWORD", { JIANFU_DEMO_PASSWORD: "short" }],
    ["JIANFU_SEED_DEMO", { JIANFU_SEED_DEMO: "maybe" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
  ])("refuses a bad %s (%j) and names it", (variable, env: NodeJS.ProcessEnv) => {
    const message = refusal({ DATA_DIR: dataDir, ...env });
    expect(message).toContain("配置错误 / invalid configuration");
    expect(message).toContain(`${variable}:`);
  });

  it("names every bad variable at once", () => {
    const message = refusal({ DATA_DIR: dataDir, PORT: "x", LOG_LEVEL: "loud" });
    expect(message).toContain("PORT:");
    expect(message).toContain("LOG_LEVEL:");
  });

  it("refuses production without JIANFU_SECRET, in both languages", () => {
    const message = refusal({ NODE_ENV: "production", DATA_DIR: dataDir });
    expect(message).toContain("生产环境必须设置 JIANFU_SECRET");
    expect(message).toContain("in production JIANFU_SECRET must be set");
  });

  it("refuses production with the placeholder secret of the dev setup", () => {
    const message = refusal({ NODE_ENV: "production", DATA_DIR: dataDir, JIANFU_SECRET: "change-me-change-me-change-me-change-me" });
    expect(message).toContain("JIANFU_SECRET");
    expect(message).not.toBe("accepted");
  });

  it("seeds nothing in production unless told to, and uses secure cookies", () => {
    const prodDir = path.join(dataDir, "prod");
    const config = loadConfig({ NODE_ENV: "production", DATA_DIR: prodDir, JIANFU_SECRET: GOOD_SECRET });
    expect(config).toMatchObject({ env: "production", seedDemo: false, secureCookies: true, secret: GOOD_SECRET });
    expect(existsSync(path.join(prodDir, ".secret"))).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", DATA_DIR: prodDir, JIANFU_SECRET: GOOD_SECRET, JIANFU_SEED_DEMO: "yes" }).seedDemo).toBe(true);
  });

  it("lets a developer turn demo data off", () => {
    expect(loadConfig({ DATA_DIR: dataDir, JIANFU_SEED_DEMO: "no" }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: "test" }).seedDemo).toBe(true);
  });
});
