import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:abuse`: hostile-input regression tests (*.abuse.test.ts) with memory and latency
// bounds. Run alone, one file at a time, so one test's load does not skew another's figures.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["**/*.abuse.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    fileParallelism: false,
    testTimeout: 120_000,
    // Memory bounds are measured after a full collection (globalThis.gc).
    execArgv: ["--expose-gc"],
  },
});
