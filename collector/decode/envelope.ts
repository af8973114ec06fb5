import type { DecodeBudget } from "@/collector/decode/limits";
import type {
  Attributes,
  DecodedLogRecord,
  DecodedLogsRequest,
  DecodedMetric,
  DecodedMetricsRequest,
  DecodedSpan,
  DecodedTraceRequest,
  InstrumentationScope,
} from "@/collector/decode/model";

/**
 * The shape traces, logs and metrics share, in either encoding: Export*ServiceRequest { Resource* {
 * resource, Scope* { scope, item* } } }. Decoders fill it; these name its levels per signal.
 */
export interface Envelope<T> {
  resource: Attributes;
  scopes: { scope: InstrumentationScope; items: T[] }[];
}

export function toTraceRequest(envelopes: Envelope<DecodedSpan>[]): DecodedTraceRequest {
  return {
    resourceSpans: envelopes.map(({ resource, scopes }) => ({
      resource,
      scopeSpans: scopes.map(({ scope, items }) => ({ scope, spans: items })),
    })),
  };
}

export function toLogsRequest(envelopes: Envelope<DecodedLogRecord>[]): DecodedLogsRequest {
  return {
    resourceLogs: envelopes.map(({ resource, scopes }) => ({
      resource,
      scopeLogs: scopes.map(({ scope, items }) => ({ scope, logRecords: items })),
    })),
  };
}

export function toMetricsRequest(envelopes: Envelope<DecodedMetric>[]): DecodedMetricsRequest {
  return {
    resourceMetrics: envelopes.map(({ resource, scopes }) => ({
      resource,
      scopeMetrics: scopes.map(({ scope, items }) => ({ scope, metrics: items })),
    })),
  };
}

/** Called before building entry `index` of a metric's number array, in either encoding (DecodeBudget.arrayEntry). */
export function chargeArrayEntry(budget: DecodeBudget, index: number): void {
  budget.arrayEntry(index);
}
