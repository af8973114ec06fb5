import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTraceRequest, makeCodonNodeSpans } from "../testing/otlp-payloads";
import { startGrpcReceiver, type GrpcReceiver } from "./grpc";
import { startHttpReceiver, type HttpReceiver } from "./http";

// Until the ingest pipeline lands, both receivers must refuse exports in a way that standard
// exporters retry (HTTP 503 + Retry-After, gRPC UNAVAILABLE), so early senders lose nothing.
describe("OTLP receivers before ingestion is enabled", () => {
  let http: HttpReceiver;
  let grpcReceiver: GrpcReceiver;
  const payload = encodeTraceRequest(makeCodonNodeSpans("run-receivers"));

  it("sends a real, non-empty OTLP request", () => {
    expect(Buffer.from(payload).includes(Buffer.from("run-receivers"))).toBe(true);
  });

  beforeAll(async () => {
    http = await startHttpReceiver({ host: "127.0.0.1", port: 0 });
    grpcReceiver = await startGrpcReceiver({ host: "127.0.0.1", port: 0, maxMessageBytes: 1024 * 1024 });
  });
  afterAll(async () => {
    await Promise.all([http?.close(), grpcReceiver?.close()]);
  });

  const httpUrl = (path: string) => `http://127.0.0.1:${http.address.port}${path}`;

  it("answers an OTLP/HTTP protobuf export with a retryable 503", async () => {
    const response = await fetch(httpUrl("/v1/traces"), {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: Buffer.from(payload),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
  });

  it("names the right endpoints for unknown paths and methods", async () => {
    const missing = await fetch(httpUrl("/v1/metrics"), { method: "POST", body: "x" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain("/v1/traces");
    const wrongMethod = await fetch(httpUrl("/v1/logs"));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("answers a gRPC TraceService/Export with UNAVAILABLE", async () => {
    const client = new grpc.Client(`127.0.0.1:${grpcReceiver.port}`, grpc.credentials.createInsecure());
    try {
      const error = await new Promise<grpc.ServiceError | null>((resolve) => {
        client.makeUnaryRequest(
          "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
          (bytes: Uint8Array) => Buffer.from(bytes),
          (bytes: Buffer) => bytes,
          payload,
          (err) => resolve(err),
        );
      });
      expect(error?.code).toBe(grpc.status.UNAVAILABLE);
      expect(error?.details).toMatch(/retry later/);
    } finally {
      client.close();
    }
  });
});
