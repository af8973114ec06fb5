import type {
  Attributes,
  DecodedLogRecord,
  DecodedLogsRequest,
  DecodedSpan,
  DecodedSpanEvent,
  DecodedTraceRequest,
  InstrumentationScope,
} from "@/collector/decode/model";

/** Test inputs for the normalizer, built directly as decoded objects. */

export const TENANT = "tenant-test";
export const BASE_TIME = 1_760_000_000_000_000_000n;

/** A deterministic, valid 32-hex trace id for a small number. */
export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, "a");
}

/** A deterministic, valid 16-hex span id for a small number. */
export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, "b");
}

export function makeDecodedSpan(overrides: Partial<DecodedSpan> = {}): DecodedSpan {
  return {
    traceId: traceIdOf(1),
    spanId: spanIdOf(1),
    parentSpanId: "",
    traceState: "",
    name: "work",
    kind: 1,
    startTimeUnixNano: BASE_TIME,
    endTimeUnixNano: BASE_TIME + 1_500_000n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: "" },
    ...overrides,
  };
}

export function makeSpanEvent(name: string, attributes: Attributes = {}, timeUnixNano = BASE_TIME + 10n): DecodedSpanEvent {
  return { name, attributes, timeUnixNano };
}

export const DEFAULT_RESOURCE: Attributes = { "service.name": "qa-agent", "org.namespace": "acme" };
export const DEFAULT_SCOPE: InstrumentationScope = { name: "codon_sdk", version: "0.1.0", attributes: {} };

export function makeTraceRequest(
  spans: DecodedSpan[],
  resource: Attributes = DEFAULT_RESOURCE,
  scope: InstrumentationScope = DEFAULT_SCOPE,
): DecodedTraceRequest {
  return { resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] };
}

export function makeLogRecord(overrides: Partial<DecodedLogRecord> = {}): DecodedLogRecord {
  return {
    timeUnixNano: BASE_TIME,
    observedTimeUnixNano: BASE_TIME + 5n,
    severityNumber: 9,
    severityText: "INFO",
    body: null,
    attributes: {},
    traceId: "",
    spanId: "",
    eventName: "",
    ...overrides,
  };
}

export function makeLogsRequest(records: DecodedLogRecord[], resource: Attributes = DEFAULT_RESOURCE): DecodedLogsRequest {
  return { resourceLogs: [{ resource, scopeLogs: [{ scope: DEFAULT_SCOPE, logRecords: records }] }] };
}
