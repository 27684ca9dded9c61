import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A worker runs its files one after another in one module graph: importing the app (~4 s of CPU) once
    // per worker instead of once per file cut the PGlite run's CPU by about a third. Each file still gets a
    // database of its own; module-level caches are keyed by immutable ids or content (duties/match.ts,
    // forms/mapping.ts, cases/deadlines.ts), so they cannot carry one file's data into another's answers.
    isolate: false,
    // Migrates and seeds one template database for the run; each file copies it (src/server/test/templates.ts).
    globalSetup: ["src/server/test/global-setup.ts"],
    // JIANFU_TEST_TODAY=YYYY-MM-DD runs the suite as if today were that day (src/server/test/clock.ts).
    setupFiles: ["src/server/test/setup-clock.ts"],
  },
});
