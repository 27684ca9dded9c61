import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** A secret that must never be used in production: it is what a careless copy of the dev setup would carry. */
export const DEV_PLACEHOLDER_SECRET = "change-me";
export const DEFAULT_DEMO_PASSWORD = "Jianfu@2026";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  JIANFU_SECRET: z.string().min(32, "JIANFU_SECRET must be at least 32 characters").optional(),
  JIANFU_REPORTER_KEY: z.string().regex(/^[0-9a-f]{64}$/i, "JIANFU_REPORTER_KEY must be 64 hex digits (32 random bytes)").optional(),
  JIANFU_DEMO_PASSWORD: z.string().min(8, "JIANFU_DEMO_PASSWORD must be at least 8 characters").optional(),
  JIANFU_SEED_DEMO: z.enum(["auto", "yes", "no"]).default("auto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppConfig = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string;
  /** Protects reporters' identities and receipt codes (cases module); required in production, never in the database. */
  reporterKey: string | undefined;
  demoPassword: string;
  seedDemo: boolean;
  logLevel: string;
  secureCookies: boolean;
};

export class ConfigError extends Error {}

/** Reads the environment once at start; a wrong value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const dataDir = path.resolve(e.DATA_DIR);
  if (production && (!e.JIANFU_SECRET || e.JIANFU_SECRET.includes(DEV_PLACEHOLDER_SECRET))) {
    throw new ConfigError(
      "生产环境必须设置 JIANFU_SECRET（至少32个字符的随机值）/ in production JIANFU_SECRET must be set to a random value of at least 32 characters",
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secret: e.JIANFU_SECRET ?? localDevSecret(dataDir),
    reporterKey: e.JIANFU_REPORTER_KEY,
    demoPassword: e.JIANFU_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    seedDemo: e.JIANFU_SEED_DEMO === "auto" ? !production : e.JIANFU_SEED_DEMO === "yes",
    logLevel: e.LOG_LEVEL,
    secureCookies: production,
  };
}

/** Outside production a random secret is made once per data folder, so nothing secret lives in the repository. */
function localDevSecret(dataDir: string): string {
  const file = path.join(dataDir, ".secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
