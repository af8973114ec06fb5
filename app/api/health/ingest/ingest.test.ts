import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createSession } from "@/lib/auth/sessions";
import { testBackends } from "@/lib/db/testing/backends";
import { CLIENT_LOCAL_HEADER } from "@/lib/http/client-info";
import { INGEST_DELAY_NOTICE_SECONDS } from "@/lib/runtime/ingest-backlog";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog, restoreIngestBacklogAfterEach } from "@/lib/runtime/testing";
import { apiRequest, apiSuite } from "@/test-support/api-runtime";
import { GET as backlog } from "@/app/api/health/ingest/route";

// What the dashboard's "ingest delayed" notice polls, through its real route handler; the
// collector's backlog figures are fixed (a spool lags for real only while the database is down).

const LOCAL = { headers: { [CLIENT_LOCAL_HEADER]: "1" } };

describe.each(testBackends())("GET /api/health/ingest on $name", (backend) => {
  const suite = apiSuite(backend);
  restoreIngestBacklogAfterEach();

  it("reports the backlog, delayed from INGEST_DELAY_NOTICE_SECONDS of waiting on", async () => {
    serverRuntime().ingestBacklog = fixedBacklog({ records: 3, bytes: 4096, maxBytes: 65_536, oldestAgeSeconds: INGEST_DELAY_NOTICE_SECONDS - 0.01 });
    const response = await backlog(apiRequest("/api/health/ingest", LOCAL));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      spool: "on",
      records: 3,
      bytes: 4096,
      maxBytes: 65_536,
      oldestAgeSeconds: INGEST_DELAY_NOTICE_SECONDS - 0.01,
      writable: true,
      drainRowsPerSecond: 5000,
      delayed: false,
    });

    serverRuntime().ingestBacklog = fixedBacklog({ records: 3, oldestAgeSeconds: INGEST_DELAY_NOTICE_SECONDS });
    expect(await (await backlog(apiRequest("/api/health/ingest", LOCAL))).json()).toMatchObject({ records: 3, delayed: true });
  });

  it("answers 503 while no collector runs in this process", async () => {
    serverRuntime().ingestBacklog = null;
    const response = await backlog(apiRequest("/api/health/ingest", LOCAL));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
  });

  it("once keys exist, answers a dashboard session with read, not a caller without one or with an exporter's key", async () => {
    serverRuntime().ingestBacklog = fixedBacklog({ records: 9, oldestAgeSeconds: 60 });
    const reader = await createApiKey(suite.db(), "acme", "dashboard", ["read"]);
    const exporter = await createApiKey(suite.db(), "acme", "exporter", ["ingest"]);
    serverRuntime().auth!.invalidate();
    const session = await createSession(suite.db(), reader.id);
    const signedIn = await backlog(apiRequest("/api/health/ingest", { cookie: `codon_session=${session.token}` }));
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ records: 9, delayed: true });
    expect((await backlog(apiRequest("/api/health/ingest"))).status).toBe(401);
    expect((await backlog(apiRequest("/api/health/ingest", { cookie: "codon_session=cos_notasessionnotasession" }))).status).toBe(401);
    expect((await backlog(apiRequest("/api/health/ingest", { key: exporter.key }))).status).toBe(403);
  });
});
