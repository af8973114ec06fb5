import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { checkHealth } from "@/lib/runtime/health";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog, restoreIngestBacklogAfterEach } from "@/lib/runtime/testing";

describe("checkHealth", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite();
  });
  restoreIngestBacklogAfterEach();
  afterAll(async () => {
    Object.assign(serverRuntime(), { db: null, migrated: false, receivers: { grpc: null, http: null }, shuttingDown: false });
    await database?.close();
  });

  it("is unavailable until the schema is migrated and both receivers listen", async () => {
    const runtime = serverRuntime();
    expect((await checkHealth()).status).toBe("unavailable");

    runtime.db = database.kysely;
    runtime.backend = "pglite";
    expect(await checkHealth()).toMatchObject({ status: "unavailable", database: "not-migrated" });

    await migrateToLatest(database.kysely);
    runtime.migrated = true;
    runtime.receivers = { grpc: 4317, http: null };
    expect(await checkHealth()).toMatchObject({ status: "unavailable", database: "ok", receivers: { http: "down" } });

    runtime.receivers = { grpc: 4317, http: 4318 };
    expect(await checkHealth()).toEqual({
      status: "ok",
      database: "ok",
      receivers: { grpc: "listening", http: "listening" },
      backend: "pglite",
      ingest: null,
    });

    runtime.shuttingDown = true;
    expect((await checkHealth()).status).toBe("unavailable");
  });

  it("reports the collector's backlog without letting a lagging one make the server unavailable", async () => {
    const runtime = serverRuntime();
    Object.assign(runtime, { db: database.kysely, migrated: true, receivers: { grpc: 4317, http: 4318 }, shuttingDown: false });
    runtime.ingestBacklog = fixedBacklog({ records: 40, bytes: 81_920, oldestAgeSeconds: 95.5, drainRowsPerSecond: null });
    expect(await checkHealth()).toMatchObject({
      status: "ok",
      ingest: { spool: "on", records: 40, bytes: 81_920, maxBytes: 1024 ** 3, oldestAgeSeconds: 95.5, drainRowsPerSecond: null, delayed: true },
    });
  });
});
