import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./vite-precompress.js";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../../dist/web", import.meta.url));

/**
 * Vendor groups: long-lived chunks that browsers keep across releases of the app code. antd is left to
 * the bundler on purpose: split along the lazy pages, the login page (village cadres on phones) loads
 * only the few components it uses instead of one ~260 kB (gzip) antd chunk.
 */
const vendorGroups = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie)[\\/]/, priority: 30 },
  { name: "zod", test: /node_modules[\\/]zod[\\/]/, priority: 20 },
  { name: "icons", test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 15 },
];

const apiTarget = process.env.JIANFU_API ?? "http://localhost:3000";
/**
 * Proxy the API, but not our own sources under src/web/api/ (the dev server serves them as /api/*.ts).
 * Set JIANFU_API to point the dev server at an API on another port.
 */
const apiProxy = { "^/api/(?!.*\\.tsx?(\\?.*)?$)": { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { proxy: apiProxy },
});
