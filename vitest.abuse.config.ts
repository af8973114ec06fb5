import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:abuse`: hostile-input regression tests (*.abuse.test.ts) with memory and latency
// bounds. Run alone, one file at a time, so one test's load does not skew another's figures.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["**/*.abuse.test.ts"],
      fileParallelism: false,
      testTimeout: 120_000,
    },
  }),
);
