import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey, type CreatedApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-info";
import { sseReader, type SseReader } from "@/lib/http/testing";
import { DEFAULT_LIVE_STREAM_SETTINGS } from "@/lib/runtime/live-streams";
import { serverRuntime } from "@/lib/runtime/registry";
import { apiRequest, params, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as runEvents } from "@/app/api/v1/runs/[runId]/events/route";
import { GET as workflowEvents } from "@/app/api/v1/workflows/[id]/events/route";

// The live (SSE) endpoints under the stream caps, sharing reads, and ending streams whose key is
// revoked: real route handlers on the real runtime and collector.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(testBackends())("live streams on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const runtime = serverRuntime();
  const streams = runtime.liveStreams;
  const runId = `live-${backend.name}`;
  const open: SseReader[] = [];

  async function streamRun(id: string, headers: Record<string, string> = {}, key?: string): Promise<Response> {
    const response = await runEvents(apiRequest(`/api/v1/runs/${id}/events`, { headers, ...(key ? { key } : {}) }), params({ runId: id }));
    if (response.status === 200) open.push(sseReader(response.body!));
    return response;
  }
  const lastOpen = () => open.at(-1)!;

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await sendRun(server.collector(), runId);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((reader) => reader.cancel()));
    vi.restoreAllMocks();
    streams.configure(DEFAULT_LIVE_STREAM_SETTINGS);
    expect(streams.openCount).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("past the per-client cap: 429 with Retry-After and a message saying which cap; a slot frees when a stream ends", async () => {
    streams.configure({ maxPerClient: 2 });
    // The edge (server.ts) sets this header from the connection; route handlers trust only it.
    const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
    expect((await streamRun(runId, from("10.0.0.1"))).status).toBe(200);
    expect((await streamRun(runId, from("10.0.0.1"))).status).toBe(200);
    const refused = await streamRun(runId, from("10.0.0.1"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({ error: { code: "too_many_streams", message: expect.stringMatching(/already has 2 live streams open.*SSE_MAX_STREAMS_PER_CLIENT=2/) } });
    // Another client has its own allowance; the first gets one back when a stream of it ends.
    expect((await streamRun(runId, from("10.0.0.2"))).status).toBe(200);
    await open.shift()!.cancel();
    expect((await streamRun(runId, from("10.0.0.1"))).status).toBe(200);
    expect(streams.openCount).toBe(3);
  });

  it("past the total cap: 429 for everyone", async () => {
    streams.configure({ maxTotal: 1 });
    expect((await streamRun(runId, { [CLIENT_ADDRESS_HEADER]: "10.0.0.1" })).status).toBe(200);
    const refused = await streamRun(runId, { [CLIENT_ADDRESS_HEADER]: "10.0.0.9" });
    expect(refused.status).toBe(429);
    expect((await refused.json()) as unknown).toMatchObject({ error: { message: expect.stringContaining("SSE_MAX_STREAMS=1") } });
  });

  it("an unknown run is still a 404 at once, and takes no slot", async () => {
    const response = await streamRun("no-such-run");
    expect(response.status).toBe(404);
    expect(streams.openCount).toBe(0);
  });

  it("an unknown workflow id: 200, then after the bounded wait event: closed with not_found, and the slot is freed", async () => {
    streams.configure({ unknownIdWaitMs: 300 });
    const started = Date.now();
    const response = await workflowEvents(apiRequest("/api/v1/workflows/never-arrives/events"), params({ id: "never-arrives" }));
    expect(response.status).toBe(200);
    expect(streams.openCount).toBe(1);
    const events = await sseReader(response.body!).readToEnd();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(events).toEqual([{ id: null, event: "closed", data: { error: { code: "not_found", message: "No workflow never-arrives: nothing of it arrived within 0.3 s" } } }]);
    expect(streams.openCount).toBe(0);
  });

  it("streams of one run share one read per change", async () => {
    const hub = runtime.changes;
    const share = hub.sharedLoad.bind(hub);
    let reads = 0;
    vi.spyOn(hub, "sharedLoad").mockImplementation((tenantId, id, view, load) => share(tenantId, id, view, () => (reads++, load())));
    for (let i = 0; i < 20; i++) expect((await streamRun(runId)).status).toBe(200);
    await Promise.all(open.map((reader) => reader.readUntil((events) => events.length >= 1)));
    expect(reads).toBeLessThanOrEqual(3);
    reads = 0;
    hub.publish({ tenantId: "default", runIds: [runId] });
    await sleep(800);
    expect(reads).toBe(1);
  });

  it("a run another process changed reaches its streams through the one poll", async () => {
    expect((await streamRun(runId)).status).toBe(200);
    const reader = lastOpen();
    await reader.readUntil((events) => events.length >= 1);
    // Written as another process would: no change notice in this one.
    await sql`update runs set span_count = span_count + 100, updated_at = now() where run_id = ${runId}`.execute(handle.database.kysely);
    expect(await reader.readUntil((events) => events.length >= 2)).toBe(true);
    const [before, after] = reader.events.map((event) => (event.data as { spanCount: number }).spanCount);
    expect(after).toBe(before! + 100);
  });

  describe("with keys", () => {
    let first: CreatedApiKey;
    let second: CreatedApiKey;
    const acmeRun = `live-acme-${backend.name}`;

    beforeAll(async () => {
      first = await createApiKey(handle.database.kysely, "acme", "first", ["ingest", "read"]);
      second = await createApiKey(handle.database.kysely, "acme", "second", ["read", "admin"]);
      await server.restartCollector();
      await sendRun(server.collector(), acmeRun, first.key);
    });

    it("counts streams per key", async () => {
      streams.configure({ maxPerClient: 1 });
      expect((await streamRun(acmeRun, {}, first.key)).status).toBe(200);
      expect((await streamRun(acmeRun, {}, first.key)).status).toBe(429);
      expect((await streamRun(acmeRun, {}, second.key)).status).toBe(200);
    });

    it("revoking a key through the API ends its streams at once with event: closed, and no one else's", async () => {
      // Only the revocation's notice can end it this fast: the periodic check is a minute away.
      streams.configure({ recheckMs: 60_000 });
      expect((await streamRun(acmeRun, {}, first.key)).status).toBe(200);
      const revoked = lastOpen();
      expect((await streamRun(acmeRun, {}, second.key)).status).toBe(200);
      const kept = lastOpen();
      await Promise.all([revoked, kept].map((reader) => reader.readUntil((events) => events.length >= 1)));

      const started = Date.now();
      const response = await revokeKey(apiRequest(`/api/v1/api-keys/${first.id}`, { method: "DELETE", key: second.key }), params({ id: first.id }));
      expect(response.status).toBe(204);
      const events = await revoked.readToEnd();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(events.at(-1)).toEqual({ id: null, event: "closed", data: { error: { code: "unauthenticated", message: expect.stringContaining("no longer valid") } } });
      expect(streams.openCount).toBe(1);
      await Promise.race([kept.readToEnd(), sleep(300)]);
      expect(kept.ended).toBe(false);
    });

    it("a key revoked by another process ends its streams within the key cache time", async () => {
      streams.configure({ recheckMs: 200 });
      expect((await streamRun(acmeRun, {}, second.key)).status).toBe(200);
      const reader = lastOpen();
      await reader.readUntil((events) => events.length >= 1);
      const started = Date.now();
      expect(await revokeApiKey(handle.database.kysely, second.id)).toBe(1);
      const events = await reader.readToEnd();
      // The collector caches a key's answer for 5 s; one recheck period on top.
      expect(Date.now() - started).toBeLessThan(5000 + 1000);
      expect(events.at(-1)).toMatchObject({ event: "closed", data: { error: { code: "unauthenticated" } } });
    }, 15_000);
  });
});
