import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { CLIENT_LOCAL_HEADER } from "@/lib/http/client-info";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { apiRequest, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog, restoreIngestBacklogAfterEach } from "@/lib/runtime/testing";
import { GET as health } from "@/app/api/health/route";

describe.each(testBackends())("/api/health on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await createApiKey(handle.database.kysely, "acme", "ci");
    await server.restartCollector();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });
  restoreIngestBacklogAfterEach();
  beforeEach(() => {
    serverRuntime().ingestBacklog = fixedBacklog({ records: 12, bytes: 49_152, maxBytes: 1_000_000, oldestAgeSeconds: 31.25, drainRowsPerSecond: 812.5 });
  });

  const ingest = { spool: "on", records: 12, bytes: 49_152, maxBytes: 1_000_000, oldestAgeSeconds: 31.25, writable: true, drainRowsPerSecond: 812.5, delayed: true };
  const details = { status: "ok", database: "ok", receivers: { grpc: "listening", http: "listening" }, backend: backend.name, ingest };

  it("is unavailable while the spool cannot be written (every export is refused), whatever the database says", async () => {
    serverRuntime().ingestBacklog = fixedBacklog({ writable: false });
    const response = await health(apiRequest("/api/health", { headers: { [CLIENT_LOCAL_HEADER]: "1" } }));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", database: "ok", ingest: { writable: false } });
  });

  it("tells anyone only up or down", async () => {
    const response = await health(apiRequest("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(await (await health(apiRequest("/api/health", { key: "cok_notakeynotakey" }))).json()).toEqual({ status: "ok" });
  });

  it("gives the details to this machine and to a read key, not to an exporter's key", async () => {
    expect(await (await health(apiRequest("/api/health", { headers: { [CLIENT_LOCAL_HEADER]: "1" } }))).json()).toEqual(details);
    const reader = await createApiKey(handle.database.kysely, "acme", "reader", ["read"]);
    expect(await (await health(apiRequest("/api/health", { key: reader.key }))).json()).toEqual(details);
    const exporter = await createApiKey(handle.database.kysely, "acme", "exporter");
    expect(await (await health(apiRequest("/api/health", { key: exporter.key }))).json()).toEqual({ status: "ok" });
  });

  it("says ingest is null while no collector runs in this process, and stays ok", async () => {
    serverRuntime().ingestBacklog = null;
    const response = await health(apiRequest("/api/health", { headers: { [CLIENT_LOCAL_HEADER]: "1" } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...details, ingest: null });
  });
});
