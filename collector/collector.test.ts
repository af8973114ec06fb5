import { gzipSync } from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/client";
import { testBackends } from "@/lib/db/testing/backends";
import { startCollector } from ".";
import { auditLogRecords, codonRunSpans, genAiTraceSpans } from "@/collector/testing/telemetry";
import { collectorSuite, send, testCollectorConfig } from "@/collector/testing/collector-suite";
import { TcpProxy } from "@/collector/testing/tcp-proxy";

const MAX_BODY = 256 * 1024;
const config = testCollectorConfig({ otlpMaxBodyBytes: MAX_BODY });

describe.each(testBackends())("collector on $name", (backend) => {
  const suite = collectorSuite(backend, config);
  const db = () => suite.db();
  const grpcUrl = () => `http://127.0.0.1:${suite.collector.grpcPort}`;
  const httpUrl = (path: string) => `http://127.0.0.1:${suite.collector.httpPort}${path}`;
  const runOf = (runId: string) => db().selectFrom("runs").selectAll().where("run_id", "=", runId).executeTakeFirst();


  it("folds a Codon run (three root spans, one run id) sent over gzip gRPC into one run with its ledger", async () => {
    const traces = new GrpcTraceExporter({ url: grpcUrl(), compression: CompressionAlgorithm.GZIP });
    const logs = new GrpcLogExporter({ url: grpcUrl(), compression: CompressionAlgorithm.GZIP });
    try {
      await send(traces, codonRunSpans("run-grpc"));
      await send(logs, await auditLogRecords("run-grpc"));
    } finally {
      await Promise.all([traces.shutdown(), logs.shutdown()]);
    }
    expect(await runOf("run-grpc")).toMatchObject({
      workload_name: "QA-Agent",
      workload_version: "0.1.0",
      deployment_id: "local",
      span_count: 3,
      node_count: 3,
      input_tokens: "120",
      output_tokens: "30",
      total_tokens: "150",
      // Every enqueued token was dequeued: the ledger closes the run.
      status: "completed",
    });
    const events = await db().selectFrom("audit_events").select(["event_type", "source_node", "target_node"]).where("run_id", "=", "run-grpc").orderBy("time_unix_nano").execute();
    expect(events.map((e) => `${e.event_type}:${e.source_node}->${e.target_node}`)).toEqual([
      "token_enqueued:__entry__->prompt_builder",
      "token_dequeued:__entry__->prompt_builder",
      "token_enqueued:prompt_builder->call_model",
      "token_dequeued:prompt_builder->call_model",
      "token_enqueued:call_model->finalize",
      "token_dequeued:call_model->finalize",
    ]);
    const version = await db().selectFrom("workload_versions").selectAll().where("workload_name", "=", "QA-Agent").executeTakeFirstOrThrow();
    expect(version.run_count).toBeGreaterThanOrEqual(1);
    expect(version.graph.edges).toEqual(expect.arrayContaining([{ source: "prompt_builder", target: "call_model" }, { source: "call_model", target: "finalize" }]));
    const specs = await db().selectFrom("node_specs").select("name").orderBy("name").execute();
    expect(specs.map((s) => s.name)).toEqual(expect.arrayContaining(["call_model", "finalize", "prompt_builder"]));
  });

  it("keys a generic GenAI/OpenInference trace by its trace id, counts tokens once, and ignores re-delivery over another transport", async () => {
    const spans = genAiTraceSpans();
    const traceId = spans[0]!.spanContext().traceId;
    const proto = new ProtoTraceExporter({ url: httpUrl("/v1/traces"), compression: CompressionAlgorithm.GZIP });
    const json = new JsonTraceExporter({ url: httpUrl("/v1/traces") });
    try {
      await send(proto, spans);
      const first = await runOf(traceId);
      await send(json, spans);
      expect(await runOf(traceId)).toMatchObject({ span_count: first!.span_count, input_tokens: first!.input_tokens });
    } finally {
      await Promise.all([proto.shutdown(), json.shutdown()]);
    }
    expect(await runOf(traceId)).toMatchObject({
      span_count: 3,
      // The agent span repeats its children's usage: 100 + 200 in, 20 + 30 out, not 300 more.
      input_tokens: "300",
      output_tokens: "50",
      status: "completed",
    });
    const stored = await db().selectFrom("spans").select(["name", "parent_span_id", "span_id"]).where("run_id", "=", traceId).execute();
    const root = stored.find((s) => s.parent_span_id === null)!;
    expect(root.name).toBe("invoke_agent support");
    expect(stored.filter((s) => s.parent_span_id === root.span_id)).toHaveLength(2);
  });

  it("keeps nanosecond times exact and marks a failed node's run failed", async () => {
    const spans = codonRunSpans("run-failed", { failNode: "call_model" });
    await send(new ProtoTraceExporter({ url: httpUrl("/v1/traces") }), spans);
    expect(await runOf("run-failed")).toMatchObject({ status: "failed", error_message: "call_model exploded", error_count: 1 });
    const [span] = spans;
    const expected = BigInt(span!.startTime[0]) * 1_000_000_000n + BigInt(span!.startTime[1]);
    const row = await db().selectFrom("spans").select("start_time_unix_nano").where("span_id", "=", span!.spanContext().spanId).executeTakeFirstOrThrow();
    expect(row.start_time_unix_nano).toBe(expected.toString());
  });

  it("stores audit events sent over OTLP/HTTP once, however often and in whichever encoding they are re-sent", async () => {
    const records = await auditLogRecords("run-ledger-http");
    const proto = new ProtoLogExporter({ url: httpUrl("/v1/logs"), compression: CompressionAlgorithm.GZIP });
    const json = new JsonLogExporter({ url: httpUrl("/v1/logs") });
    await send(proto, records);
    await send(json, records);
    await send(proto, records);
    await Promise.all([proto.shutdown(), json.shutdown()]);
    const count = await db().selectFrom("audit_events").select((eb) => eb.fn.countAll<string>().as("n")).where("run_id", "=", "run-ledger-http").executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });

  it("takes a ledger exported as JSON, once, and closes the run by it", async () => {
    const ledger = [
      { event_type: "token_enqueued", timestamp: "2024-11-21T11:53:20.000001Z", token_id: "t1", source_node: "__entry__", target_node: "planner", metadata: {} },
      { event_type: "token_dequeued", timestamp: "2024-11-21T11:53:20.000002Z", token_id: "t1", source_node: "__entry__", target_node: "planner", metadata: {} },
      { event_type: "node_completed", timestamp: 1732190000.5, token_id: "t1", source_node: "planner", target_node: null, metadata: { ok: true } },
    ];
    expect(await suite.collector.exporter.exportLedger("run-ledger-json", ledger, "default")).toMatchObject({ stored: 3, rejected: 0 });
    await suite.collector.exporter.exportLedger("run-ledger-json", ledger, "default");
    const events = await db().selectFrom("audit_events").select(["event_type", "time_unix_nano"]).where("run_id", "=", "run-ledger-json").orderBy("time_unix_nano").execute();
    expect(events).toEqual([
      { event_type: "token_enqueued", time_unix_nano: "1732190000000001000" },
      { event_type: "token_dequeued", time_unix_nano: "1732190000000002000" },
      { event_type: "node_completed", time_unix_nano: "1732190000500000000" },
    ]);
    expect((await runOf("run-ledger-json"))?.status).toBe("completed");
    const partial = await suite.collector.exporter.exportLedger("run-ledger-json", [...ledger, { event_type: "custom", timestamp: "soon" }], "default");
    expect(partial).toMatchObject({ rejected: 1 });
    expect(partial.errorMessage).toContain('entry 3: timestamp "soon"');
  });

  describe("bad input", () => {
    const post = (path: string, body: BodyInit, headers: Record<string, string>) => fetch(httpUrl(path), { method: "POST", body, headers });
    const protobufOf = (spans: ReadableSpan[]) => Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);

    it("answers undecodable protobuf and malformed JSON with 400 naming the problem, storing nothing", async () => {
      const before = await db().selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      const garbage = await post("/v1/traces", Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), { "content-type": "application/x-protobuf" });
      expect(garbage.status).toBe(400);
      const malformed = await post("/v1/traces", '{"resourceSpans": [', { "content-type": "application/json" });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).message).toMatch(/JSON/);
      const after = await db().selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it("stores NUL characters and unpaired surrogates, which PostgreSQL refuses, as U+FFFD", async () => {
      const spans = codonRunSpans("run-nul");
      const json = JSON.parse(new TextDecoder().decode((await import("@opentelemetry/otlp-transformer")).JsonTraceSerializer.serializeRequest(spans)));
      const attributes = json.resourceSpans[0].scopeSpans[0].spans[0].attributes as { key: string; value: { stringValue?: string } }[];
      attributes.find((a) => a.key === "codon.node.output")!.value.stringValue = "before\u0000after";
      attributes.push({ key: "weird\u0000key", value: { stringValue: "x\u0000" } });
      // An unpaired surrogate, as a truncated emoji leaves: PostgreSQL's JSON parser refuses it.
      attributes.push({ key: "truncated", value: { stringValue: "emoji \ud83d" } });
      const response = await post("/v1/traces", JSON.stringify(json), { "content-type": "application/json" });
      expect(response.status).toBe(200);
      const row = await db().selectFrom("spans").select(["output_text", "attributes"]).where("run_id", "=", "run-nul").where("output_text", "like", "before%").executeTakeFirstOrThrow();
      expect(row.output_text).toBe("before\uFFFDafter");
      expect(row.attributes["weird\uFFFDkey"]).toBe("x\uFFFD");
      expect(row.attributes["truncated"]).toBe("emoji \uFFFD");
    });

    it("survives a request line no URL parser accepts", async () => {
      const net = await import("node:net");
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(suite.collector.httpPort, "127.0.0.1", () => socket.write("POST //[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk.toString();
          socket.destroy();
        });
        socket.on("close", () => resolve(text));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 404/);
      expect((await post("/v1/traces", "x", { "content-type": "text/plain" })).status).toBe(415);
    });

    it("refuses unsupported content types and encodings with 415", async () => {
      expect((await post("/v1/traces", "x", { "content-type": "text/plain" })).status).toBe(415);
      expect((await post("/v1/traces", "x", { "content-type": "application/json", "content-encoding": "br" })).status).toBe(415);
    });

    it("stops bodies over the limit with 413, gzip bombs while inflating", async () => {
      const big = await post("/v1/traces", Buffer.alloc(MAX_BODY + 1), { "content-type": "application/x-protobuf" });
      expect(big.status).toBe(413);
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      expect(bomb.length).toBeLessThan(MAX_BODY);
      const inflated = await post("/v1/traces", bomb, { "content-type": "application/x-protobuf", "content-encoding": "gzip" });
      expect(inflated.status).toBe(413);
      expect((await inflated.text()).toString()).toContain("after gzip decompression");
    });

    it("stores the valid spans of an export and reports the invalid ones as partial success", async () => {
      const spans = codonRunSpans("run-partial");
      const json = JSON.parse(new TextDecoder().decode((await import("@opentelemetry/otlp-transformer")).JsonTraceSerializer.serializeRequest(spans)));
      json.resourceSpans[0].scopeSpans[0].spans[1].spanId = "";
      const response = await post("/v1/traces", JSON.stringify(json), { "content-type": "application/json" });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.partialSuccess.rejectedSpans).toBe(1);
      expect(body.partialSuccess.errorMessage).toMatch(/spanId/);
      expect((await runOf("run-partial"))?.span_count).toBe(2);
    });

    it("answers gRPC garbage with INVALID_ARGUMENT", async () => {
      const client = new grpc.Client(`127.0.0.1:${suite.collector.grpcPort}`, grpc.credentials.createInsecure());
      const error = await new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest("/opentelemetry.proto.collector.trace.v1.TraceService/Export", (b: Buffer) => b, (b: Buffer) => b, Buffer.from([0x0a, 0x05, 0x01]), (err) => resolve(err)),
      );
      client.close();
      expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(protobufOf(codonRunSpans("unused")).length).toBeGreaterThan(0);
    });
  });

  it.runIf(backend.name === "postgres")("answers 503 / UNAVAILABLE while the database is down and recovers when it returns", async () => {
    const proxy = new TcpProxy(5432);
    await proxy.start();
    const viaProxy = new URL(suite.handle.url!);
    viaProxy.port = String(proxy.port);
    const database = await openPostgres(viaProxy.toString(), { maxConnections: 2 });
    const isolated = await startCollector(config, database);
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(codonRunSpans("run-outage"))!);
    const post = () => fetch(`http://127.0.0.1:${isolated.httpPort}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
    try {
      await proxy.stop();
      const down = await post();
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBeTruthy();
      expect(await runOf("run-outage")).toBeUndefined();

      await proxy.start();
      const back = await post();
      expect(back.status).toBe(200);
      expect((await runOf("run-outage"))?.span_count).toBe(3);
    } finally {
      await isolated.close();
      await database.close();
      await proxy.stop();
    }
  });
});
