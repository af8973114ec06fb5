import * as grpc from "@grpc/grpc-js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { serverRuntime } from "@/lib/runtime/registry";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { emptySpanBomb, gzip, largeInvalidExport, validSpansExport } from "@/collector/testing/hostile-payloads";

// Hostile exports through the real collector on loopback (issue 17): refused or absorbed within
// a memory and latency bound, without slowing other senders.

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MAX_BODY = 17 * 1024 * 1024;
const pglite = testBackends().find((b) => b.name === "pglite")!;

describe("hostile exports", () => {
  const suite = collectorSuite(pglite, { otlpMaxBodyBytes: MAX_BODY, ingestQueueRows: 3000 });
  const keys: Record<"a" | "b", string> = { a: "", b: "" };
  const url = () => `http://127.0.0.1:${suite.collector.httpPort}/v1/traces`;
  const post = (body: Uint8Array, key: string, gzipped = false) =>
    fetch(url(), {
      method: "POST",
      body: Buffer.from(body),
      headers: { "content-type": "application/x-protobuf", "x-codon-api-key": key, ...(gzipped ? { "content-encoding": "gzip" } : {}) },
    });

  beforeAll(async () => {
    keys.a = (await createApiKey(suite.db(), "tenant-a", "flood")).key;
    keys.b = (await createApiKey(suite.db(), "tenant-b", "small")).key;
    serverRuntime().ingest?.invalidateKeys();
  });

  it("refuses the 8M-empty-span gzip bomb fast, 100 times over, with heap growth bounded", async () => {
    const bomb = gzip(emptySpanBomb(8_000_000));
    expect(bomb.length).toBeLessThan(20_000);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let slowest = 0;
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const res = await post(bomb, keys.a, true);
      slowest = Math.max(slowest, performance.now() - t0);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("more than 8192 spans");
    }
    gc();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`bomb x100: slowest ${slowest.toFixed(0)} ms, heap growth ${growthMb.toFixed(1)} MB`);
    expect(slowest).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(50);
  });

  it("gRPC: refuses the bomb unauthenticated before inflating it, and as INVALID_ARGUMENT with a key", async () => {
    const client = new grpc.Client(`127.0.0.1:${suite.collector.grpcPort}`, grpc.credentials.createInsecure(), {
      "grpc.default_compression_algorithm": 2, // gzip: the bomb travels at ~16 KB
    });
    const bomb = Buffer.from(emptySpanBomb(8_000_000));
    const call = (metadata: grpc.Metadata) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest("/opentelemetry.proto.collector.trace.v1.TraceService/Export", (b: Buffer) => b, (b: Buffer) => b, bomb, metadata, (error) => resolve(error)),
      );
    const keyed = new grpc.Metadata();
    keyed.set("x-codon-api-key", keys.a);
    try {
      expect((await call(new grpc.Metadata()))?.code).toBe(grpc.status.UNAUTHENTICATED);
      const refused = await call(keyed);
      expect(refused?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(refused?.details).toContain("more than 8192 spans");
    } finally {
      client.close();
    }
  });

  /** Probes the receiver (GET: its own 405) one after another while `exported` runs; the worst latency. */
  async function probeWhile(exported: Promise<Response>): Promise<{ res: Response; worst: number; probes: number }> {
    let done = false;
    const settled = exported.finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t0 = performance.now();
      await (await fetch(url(), { method: "GET" })).arrayBuffer();
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { res: await settled, worst: Math.max(...latencies), probes: latencies.length };
  }

  it("answers a tiny request within 200 ms while a large hostile export is decoded (protobuf and JSON)", async () => {
    const hostile = largeInvalidExport(8192, 6);
    expect(hostile.length).toBeGreaterThan(8 * 1024 * 1024);
    const proto = await probeWhile(post(hostile, keys.a));
    expect(proto.res.status).toBe(400); // every span lacks ids: all refused after decoding
    const json = Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: Array.from({ length: 8192 }, () => ({ name: "hostile", attributes: Array.from({ length: 6 }, (_, a) => ({ key: `attr.${a}`, value: { stringValue: "x".repeat(200) } })) })) }] }] }));
    const viaJson = await probeWhile(fetch(url(), { method: "POST", body: json, headers: { "content-type": "application/json", "x-codon-api-key": keys.a } }));
    expect(viaJson.res.status).toBe(400);
    console.log(`probes during a ${(hostile.length / 1e6).toFixed(1)} MB protobuf export: ${proto.probes}, worst ${proto.worst.toFixed(0)} ms; ` +
      `during a ${(json.length / 1e6).toFixed(1)} MB JSON export: ${viaJson.probes}, worst ${viaJson.worst.toFixed(0)} ms`);
    expect(proto.probes).toBeGreaterThan(1);
    expect(Math.max(proto.worst, viaJson.worst)).toBeLessThan(200);
  });

  it("refuses a flooding tenant first and still accepts another tenant's small export", async () => {
    const flood = Array.from({ length: 20 }, (_, i) => post(validSpansExport(2000, `a${i}`), keys.a));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const small = await post(validSpansExport(1, "b0"), keys.b);
    const statuses = await Promise.all(flood.map((p) => p.then((r) => r.status)));
    console.log(`flood statuses: ${statuses.join(" ")}; small: ${small.status}`);
    expect(small.status).toBe(200);
    expect(statuses).toContain(429);
  });
});
