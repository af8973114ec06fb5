import { createHash } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import type { Collector } from "@/collector";
import { decodeTraceResponse, encodeTraceRequestFromJson } from "@/collector/testing/otlp-proto";

export const TRANSPORTS = ["http/json", "http/protobuf", "grpc"] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** What the receiver answered: how many spans it left out, and why. */
export interface ExportAnswer {
  rejectedSpans: number;
  errorMessage: string;
}

const TRACE_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

/**
 * The payload with every trace id replaced by one derived from `salt`: the corpus reuses ids
 * across files (and each file goes over three transports into one database), and a span already
 * stored under the same (trace, span) id would be ignored as a re-delivery.
 */
export function withFreshTraceIds(payload: unknown, salt: string): unknown {
  if (Array.isArray(payload)) return payload.map((item) => withFreshTraceIds(item, salt));
  if (payload === null || typeof payload !== "object") return payload;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    out[key] =
      key === "traceId" && typeof value === "string" && value !== ""
        ? createHash("sha256").update(`${salt}/${value.toLowerCase()}`).digest("hex").slice(0, 32)
        : withFreshTraceIds(value, salt);
  }
  return out;
}

async function postHttp(collector: Collector, body: Uint8Array<ArrayBuffer> | string, contentType: string): Promise<ExportAnswer> {
  const response = await fetch(`http://127.0.0.1:${collector.httpPort}/v1/traces`, {
    method: "POST",
    body,
    headers: { "content-type": contentType },
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  if (contentType === "application/json") {
    const answer = (await response.json()) as { partialSuccess?: { rejectedSpans?: number | string; errorMessage?: string } };
    return { rejectedSpans: Number(answer.partialSuccess?.rejectedSpans ?? 0), errorMessage: answer.partialSuccess?.errorMessage ?? "" };
  }
  return decodeTraceResponse(new Uint8Array(await response.arrayBuffer()));
}

function exportGrpc(collector: Collector, body: Uint8Array): Promise<ExportAnswer> {
  const client = new grpc.Client(`127.0.0.1:${collector.grpcPort}`, grpc.credentials.createInsecure());
  return new Promise<ExportAnswer>((resolve, reject) => {
    client.makeUnaryRequest(
      TRACE_EXPORT,
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
      Buffer.from(body),
      (error, response) => (error || !response ? reject(error ?? new Error("no response")) : resolve(decodeTraceResponse(response))),
    );
  }).finally(() => client.close());
}

/** Sends an OTLP/JSON trace request over `transport`, protobuf encoded from the same JSON where needed. */
export function exportOver(collector: Collector, transport: Transport, payload: unknown): Promise<ExportAnswer> {
  switch (transport) {
    case "http/json":
      return postHttp(collector, JSON.stringify(payload), "application/json");
    case "http/protobuf":
      return postHttp(collector, new Uint8Array(encodeTraceRequestFromJson(payload)), "application/x-protobuf");
    case "grpc":
      return exportGrpc(collector, encodeTraceRequestFromJson(payload));
  }
}
