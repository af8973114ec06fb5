import { logsRequestJsonSteps, traceRequestJsonSteps } from "@/collector/decode/json";
import { metricsRequestJsonSteps } from "@/collector/decode/json-metrics";
import { DecodeBudget, type DecodeLimits, type DecodeStats, type MemoryMeter } from "@/collector/decode/limits";
import type { DecodedLogsRequest, DecodedMetricsRequest, DecodedTraceRequest } from "@/collector/decode/model";
import { logsRequestProtobufSteps, traceRequestProtobufSteps } from "@/collector/decode/protobuf";
import { metricsRequestProtobufSteps } from "@/collector/decode/protobuf-metrics";
import { runInSlices } from "@/collector/decode/slices";

export type Encoding = "protobuf" | "json";

export interface Decoded<T> {
  request: T;
  /** What the limits dropped or cut (none of it refused the export). */
  stats: DecodeStats;
}

/**
 * An export request as the receivers decode it: under `limits`, in time slices (slices.ts),
 * reporting what it builds to `meter` (which may stop it) when one is given.
 */
export async function decodeTraces(encoding: Encoding, body: Uint8Array, limits: DecodeLimits, meter: MemoryMeter | null = null): Promise<Decoded<DecodedTraceRequest>> {
  const budget = new DecodeBudget(limits, encoding === "protobuf" ? "protobuf" : "JSON", meter);
  const steps = encoding === "protobuf" ? traceRequestProtobufSteps(body, budget) : traceRequestJsonSteps(body, budget);
  const request = await runInSlices(steps);
  budget.settle();
  return { request, stats: budget.stats };
}

export async function decodeLogs(encoding: Encoding, body: Uint8Array, limits: DecodeLimits, meter: MemoryMeter | null = null): Promise<Decoded<DecodedLogsRequest>> {
  const budget = new DecodeBudget(limits, encoding === "protobuf" ? "protobuf" : "JSON", meter);
  const steps = encoding === "protobuf" ? logsRequestProtobufSteps(body, budget) : logsRequestJsonSteps(body, budget);
  const request = await runInSlices(steps);
  budget.settle();
  return { request, stats: budget.stats };
}

export async function decodeMetrics(encoding: Encoding, body: Uint8Array, limits: DecodeLimits, meter: MemoryMeter | null = null): Promise<Decoded<DecodedMetricsRequest>> {
  const budget = new DecodeBudget(limits, encoding === "protobuf" ? "protobuf" : "JSON", meter);
  const steps = encoding === "protobuf" ? metricsRequestProtobufSteps(body, budget) : metricsRequestJsonSteps(body, budget);
  const request = await runInSlices(steps);
  budget.settle();
  return { request, stats: budget.stats };
}
