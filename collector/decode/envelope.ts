import type { Attributes, DecodedLogRecord, DecodedLogsRequest, DecodedSpan, DecodedTraceRequest, InstrumentationScope } from "@/collector/decode/model";

/**
 * The shape traces and logs share, in either encoding: Export*ServiceRequest { Resource* {
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
