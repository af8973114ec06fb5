import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { DEFAULT_MAX_DAG_NODES } from "@/lib/runtime/dag-limit";
import type { RunDag } from "@/lib/runs/types";
import { encodeTraceRequest, makeCodonNodeSpans } from "@/collector/testing/otlp-payloads";
import { apiRequest, params, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { GET as health } from "@/app/api/health/route";
import { GET as runDag } from "@/app/api/v1/runs/[runId]/route";

// The reported attack: a run of N distinct node names cost O(N²) to store and to read. 5,000
// nodes took 18 s to store while another tenant's 1-span export waited 16 s; reading the run
// took 7.9 s and kept /api/health waiting 5.9 s.

const NODES = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `probe` every 10 ms while `work` is pending; each probe's latency counts from when it was
 * due, so time the event loop spent blocked before it could even start counts too (as it would
 * for a request waiting on the socket).
 */
async function probeWhile<T>(work: Promise<T>, probe: () => Promise<void>): Promise<{ result: T; latencies: number[] }> {
  let done = false;
  const settled = work.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const due = performance.now() + 10;
    await sleep(10);
    await probe();
    latencies.push(performance.now() - due);
  }
  return { result: await settled, latencies };
}

describe.each(testBackends())(`a run of ${NODES.toLocaleString("en-US")} distinct nodes on $name`, (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const keys = { big: "", small: "", read: "" };
  let small = 0;

  const post = (body: Uint8Array, key: string) =>
    fetch(`http://127.0.0.1:${server.collector().httpPort}/v1/traces`, {
      method: "POST",
      body: Buffer.from(body),
      headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${key}` },
    });

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    const db = handle.database.kysely;
    keys.big = (await createApiKey(db, "big", "exporter")).key;
    keys.small = (await createApiKey(db, "small", "exporter")).key;
    keys.read = (await createApiKey(db, "big", "dashboard", ["read"])).key;
    // A collector started before the keys existed answers from its cache for a few seconds.
    await server.restartCollector();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  // PGlite has one writer for every tenant: another tenant's export waits for the part of the big
  // export being written (the batcher cuts it into 2,048-row writes). Measured 0.72-0.92 s on 2
  // busy cores (whole-export writes: 1-1.6 s; the old quadratic upsert alone took 8 s); the bound
  // leaves room for a loaded CI machine. PostgreSQL writes in parallel: 1 s.
  const storeBoundMs = backend.name === "pglite" ? 1500 : 1000;

  it(`is stored while another tenant's 1-span exports wait at most ${storeBoundMs / 1000} s each`, async () => {
    const names = Array.from({ length: NODES }, (_, i) => `node-${i}`);
    const big = post(encodeTraceRequest(makeCodonNodeSpans("big-run", names)), keys.big);
    const { result, latencies } = await probeWhile(big, async () => {
      const response = await post(encodeTraceRequest(makeCodonNodeSpans(`small-${small++}`, ["one"])), keys.small);
      expect(response.status).toBe(200);
    });
    expect(result.status).toBe(200);
    console.log(`big export stored; ${latencies.length} small exports meanwhile, slowest ${Math.max(...latencies).toFixed(0)} ms`);
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(storeBoundMs);
    const nodes = await handle.database.kysely
      .selectFrom("run_nodes")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("tenant_id", "=", "big")
      .where("run_id", "=", "big-run")
      .executeTakeFirstOrThrow();
    expect(Number(nodes.n)).toBe(NODES);
  });

  it("has its DAG answered quickly, cut at MAX_DAG_NODES, while /api/health answers within 400 ms", async () => {
    const started = performance.now();
    const dag = runDag(apiRequest("/api/v1/runs/big-run", { key: keys.read }), params({ runId: "big-run" })).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as RunDag,
      ms: performance.now() - started,
    }));
    const { result, latencies } = await probeWhile(dag, async () => {
      expect((await health(apiRequest("/api/health"))).status).toBe(200);
    });
    console.log(`DAG of ${NODES} nodes in ${result.ms.toFixed(0)} ms; ${latencies.length} health checks meanwhile, slowest ${Math.max(...latencies).toFixed(0)} ms`);
    expect(result.status).toBe(200);
    expect(result.body.nodes).toHaveLength(DEFAULT_MAX_DAG_NODES);
    expect(result.body.omittedNodes).toBe(NODES - DEFAULT_MAX_DAG_NODES);
    expect(result.ms).toBeLessThan(2000);
    // On PGlite a health check queued behind the DAG's queries waits for most of the read: 131–214 ms
    // on this 2-core machine before and after the DAG roll-ups, so 200 ms failed by noise. The
    // fault this guards against kept health waiting 5.9 s.
    expect(Math.max(...latencies)).toBeLessThanOrEqual(400);
  });
});
