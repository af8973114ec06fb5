import * as grpc from "@grpc/grpc-js";
import http from "node:http";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { startCollector } from "@/collector";
import { createAuthenticator, PermissionDeniedError } from "@/collector/auth";
import { apiKeyFrom } from "@/lib/auth/request-key";
import { StoreUnavailableError, UnauthenticatedError } from "@/collector/pipeline/errors";
import { collectorSuite, send, testCollectorConfig } from "@/collector/testing/collector-suite";
import { codonRunSpans } from "@/collector/testing/telemetry";

describe("apiKeyFrom", () => {
  it("reads x-codon-api-key, else a Bearer token", () => {
    const headers = (h: Record<string, string>) => (name: string) => h[name];
    expect(apiKeyFrom(headers({ "x-codon-api-key": " k1 " }))).toBe("k1");
    expect(apiKeyFrom(headers({ authorization: "Bearer k2" }))).toBe("k2");
    expect(apiKeyFrom(headers({ authorization: "Basic abc" }))).toBeNull();
    expect(apiKeyFrom(headers({}))).toBeNull();
  });
});

describe.each(testBackends())("API keys on $name", (backend) => {
  let key: string;
  let readKey: string;
  // Keys exist before the collector starts, as after `npm run apikey`: a key created while it runs
  // takes effect at once only when created through this process (the API invalidates the cache).
  const suite = collectorSuite(backend, {}, async (db) => {
    // Before any key exists, exports land in the default tenant on a loopback-only server; a
    // server that listens beyond loopback needs a key even then.
    expect(await createAuthenticator(db, { allowKeyless: true }).tenantFor(null)).toBe("default");
    await expect(createAuthenticator(db, { allowKeyless: false }).tenantFor(null)).rejects.toThrow(/none exists yet/);
    key = (await createApiKey(db, "acme", "ci")).key;
    readKey = (await createApiKey(db, "acme", "dashboard", ["read"])).key;
  });
  const db = () => suite.db();
  const body = () => Buffer.from(ProtobufTraceSerializer.serializeRequest(codonRunSpans("run-keyed"))!);

  it("stores keys hashed, never in clear", async () => {
    const rows = await db().selectFrom("api_keys").select(["key_hash", "key_prefix", "scopes"]).orderBy("id").execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.scopes).toEqual(["ingest"]);
    expect(rows[1]!.scopes).toEqual(["read"]);
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.key_hash).not.toContain(key);
    expect(key.startsWith(rows[0]!.key_prefix)).toBe(true);
  });

  it("refuses HTTP exports without a valid key with 401, and files keyed ones under the key's tenant", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${suite.collector.httpPort}/v1/traces`, { method: "POST", body: body(), headers: { "content-type": "application/x-protobuf", ...headers } });
    const missing = await post({});
    expect(missing.status).toBe(401);
    expect((await post({ "x-codon-api-key": "cok_wrong" })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${key}` })).status).toBe(200);
    // A key without `ingest` is known, but may not send: 403, naming the scope.
    const readOnly = await post({ "x-codon-api-key": readKey });
    expect(readOnly.status).toBe(403);
    expect(await readOnly.text()).toContain('"ingest" scope');
    const run = await db().selectFrom("runs").select("tenant_id").where("run_id", "=", "run-keyed").executeTakeFirstOrThrow();
    expect(run.tenant_id).toBe("acme");
  });

  it("answers gRPC exports without a valid key with UNAUTHENTICATED", async () => {
    const client = new grpc.Client(`127.0.0.1:${suite.collector.grpcPort}`, grpc.credentials.createInsecure());
    const call = (metadata: grpc.Metadata) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest("/opentelemetry.proto.collector.trace.v1.TraceService/Export", (b: Buffer) => b, (b: Buffer) => b, body(), metadata, (err) => resolve(err)),
      );
    expect((await call(new grpc.Metadata()))?.code).toBe(grpc.status.UNAUTHENTICATED);
    const readOnly = new grpc.Metadata();
    readOnly.set("x-codon-api-key", readKey);
    const denied = await call(readOnly);
    expect(denied?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(denied?.details).toMatch(/"ingest" scope/);
    client.close();

    const metadata = new grpc.Metadata();
    metadata.set("x-codon-api-key", key);
    const exporter = new GrpcTraceExporter({ url: `http://127.0.0.1:${suite.collector.grpcPort}`, metadata });
    await send(exporter, codonRunSpans("run-keyed-grpc"));
    await exporter.shutdown();
    const run = await db().selectFrom("runs").select("tenant_id").where("run_id", "=", "run-keyed-grpc").executeTakeFirstOrThrow();
    expect(run.tenant_id).toBe("acme");
  });

  it("stops accepting a revoked key", async () => {
    const auth = createAuthenticator(db(), { allowKeyless: true, cacheMs: 0 });
    const extra = await createApiKey(db(), "acme", "temporary");
    expect(await auth.tenantFor(extra.key)).toBe("acme");
    expect(await revokeApiKey(db(), extra.prefix)).toBe(1);
    await expect(auth.tenantFor(extra.key)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("keeps requiring a key after every key is revoked", async () => {
    await db().updateTable("api_keys").set({ revoked_at: new Date() }).execute();
    await expect(createAuthenticator(db(), { allowKeyless: true, cacheMs: 0 }).tenantFor(null)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("answers a read-only key PermissionDenied and a database outage StoreUnavailable", async () => {
    const auth = createAuthenticator(db(), { allowKeyless: true, cacheMs: 0 });
    const reader = await createApiKey(db(), "acme", "reader", ["read", "admin"]);
    await expect(auth.tenantFor(reader.key)).rejects.toBeInstanceOf(PermissionDeniedError);
    const closed = await backend.open();
    const broken = createAuthenticator(closed.database.kysely, { allowKeyless: true, cacheMs: 0 });
    await closed.dispose();
    await expect(broken.tenantFor(reader.key)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it("rejects tenant ids that are not slugs", async () => {
    await expect(createApiKey(db(), "Not A Slug", null)).rejects.toThrow(/Tenant id/);
  });
});

describe.each(testBackends())("where the receivers listen on $name", (backend) => {
  it("with HOST unset: loopback only and key-less while no key exists, every interface and keys required once one does", async () => {
    const handle = await backend.open();
    const config = testCollectorConfig({ host: undefined });
    try {
      const fresh = await startCollector(config, handle.database);
      expect({ host: fresh.host, keyless: fresh.keyless }).toEqual({ host: "127.0.0.1", keyless: true });
      await fresh.close();

      await createApiKey(handle.database.kysely, "acme", "ci");
      const keyed = await startCollector(config, handle.database);
      expect({ host: keyed.host, keyless: keyed.keyless }).toEqual({ host: undefined, keyless: false });
      await keyed.close();
    } finally {
      await handle.dispose();
    }
  });

  it("while no key exists, a key-less OTLP/HTTP export under a foreign Host name is refused (421): DNS rebinding", async () => {
    const handle = await backend.open();
    try {
      const open = await startCollector(testCollectorConfig({ allowedHosts: ["collector.internal"] }), handle.database);
      try {
        const post = (host: string) =>
          new Promise<number>((resolve, reject) => {
            const body = JSON.stringify({ resourceSpans: [] });
            const req = http.request({ host: "127.0.0.1", port: open.httpPort, path: "/v1/traces", method: "POST", headers: { host, "content-type": "application/json" } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            });
            req.on("error", reject);
            req.end(body);
          });
        expect(await post("attacker.example:4318")).toBe(421);
        expect(await post(`localhost:${open.httpPort}`)).toBe(200);
        expect(await post(`127.0.0.1:${open.httpPort}`)).toBe(200);
        expect(await post("collector.internal:4318")).toBe(200);
      } finally {
        await open.close();
      }
    } finally {
      await handle.dispose();
    }
  });

  it("with HOST beyond loopback and no key: starts, but every export needs a key", async () => {
    const handle = await backend.open();
    try {
      const locked = await startCollector(testCollectorConfig({ host: "0.0.0.0" }), handle.database);
      try {
        expect(locked.keyless).toBe(false);
        const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(codonRunSpans("run-locked"))!);
        const response = await fetch(`http://127.0.0.1:${locked.httpPort}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
        expect(response.status).toBe(401);
      } finally {
        await locked.close();
      }
    } finally {
      await handle.dispose();
    }
  });
});
