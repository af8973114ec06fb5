import { defineConfig } from "vitest/config";
import base from "./vitest.config";
import { isPostgresJsUnhandledConnectionLoss } from "./lib/db/errors";

// `npm run test:faults`: fault tests (*.faults.test.ts) that stop and start a private PostgreSQL
// server and kill processes. One file at a time: they own ports and servers, and their timings
// should not compete with each other.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["**/*.faults.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // The one rejection postgres.js leaves unhandled when a server stops while it connects (its
    // array-type lookup): the server's fault policy takes it as recovered (lib/db/errors.ts), and
    // so do these tests. Any other unhandled error still fails the run.
    onUnhandledError: (error) => !isPostgresJsUnhandledConnectionLoss(error),
  },
});
