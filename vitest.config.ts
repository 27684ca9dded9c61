import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Migrates and seeds one template database for the run; each file copies it (src/server/test/templates.ts).
    globalSetup: ["src/server/test/global-setup.ts"],
  },
});
