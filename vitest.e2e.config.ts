import { defineConfig } from "vitest/config";

/** End-to-end flows in Debian's Chromium against a real server started once by the global setup. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
