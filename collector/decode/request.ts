import { logsRequestJsonSteps, traceRequestJsonSteps } from "@/collector/decode/json";
import { DecodeBudget, type DecodeLimits, type DecodeStats } from "@/collector/decode/limits";
import type { DecodedLogsRequest, DecodedTraceRequest } from "@/collector/decode/model";
import { logsRequestProtobufSteps, traceRequestProtobufSteps } from "@/collector/decode/protobuf";
import { runInSlices } from "@/collector/decode/slices";

export type Encoding = "protobuf" | "json";

export interface Decoded<T> {
  request: T;
  /** What the limits dropped or cut (none of it refused the export). */
  stats: DecodeStats;
}

/** An export request as the receivers decode it: under `limits`, in time slices (slices.ts). */
export async function decodeTraces(encoding: Encoding, body: Uint8Array, limits: DecodeLimits): Promise<Decoded<DecodedTraceRequest>> {
  const budget = new DecodeBudget(limits, encoding === "protobuf" ? "protobuf" : "JSON");
  const steps = encoding === "protobuf" ? traceRequestProtobufSteps(body, budget) : traceRequestJsonSteps(body, budget);
  return { request: await runInSlices(steps), stats: budget.stats };
}

export async function decodeLogs(encoding: Encoding, body: Uint8Array, limits: DecodeLimits): Promise<Decoded<DecodedLogsRequest>> {
  const budget = new DecodeBudget(limits, encoding === "protobuf" ? "protobuf" : "JSON");
  const steps = encoding === "protobuf" ? logsRequestProtobufSteps(body, budget) : logsRequestJsonSteps(body, budget);
  return { request: await runInSlices(steps), stats: budget.stats };
}
