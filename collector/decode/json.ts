import {
  DecodeError,
  type DecodedLogRecord,
  type DecodedLogsRequest,
  type DecodedSpan,
  type DecodedSpanEvent,
  type DecodedSpanLink,
  type DecodedTraceRequest,
} from "@/collector/decode/model";
import { toLogsRequest, toTraceRequest, type Envelope } from "@/collector/decode/envelope";
import {
  anyValueAt,
  arrayAt,
  attributesAt,
  enumAt,
  fail,
  field,
  idAt,
  isObj,
  objectAt,
  resourceAt,
  scopeAt,
  stringAt,
  uint64At,
  type Obj,
} from "@/collector/decode/json-common";

/** OTLP/JSON (the protobuf JSON mapping with OTLP's hex ids) into the same model as the protobuf decoder. */

const SPAN_KIND: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODE: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };
const SEVERITY_NUMBER: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].forEach((level, i) => {
  SEVERITY_NUMBER[`SEVERITY_NUMBER_${level}`] = i * 4 + 1;
  for (let k = 2; k <= 4; k++) SEVERITY_NUMBER[`SEVERITY_NUMBER_${level}${k}`] = i * 4 + k;
});

function parseRoot(text: string): Obj {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new DecodeError(`malformed JSON: ${error instanceof Error ? error.message : String(error)}`, "JSON");
  }
  if (!isObj(root)) fail("(root)", "expected a JSON object");
  return root;
}

/** A level's list field: its lowerCamel name (used in error paths) and its proto name. */
type ListField = readonly [camel: string, snake: string];
interface EnvelopeFields {
  resources: ListField;
  scopes: ListField;
  items: ListField;
}

const TRACE_FIELDS: EnvelopeFields = { resources: ["resourceSpans", "resource_spans"], scopes: ["scopeSpans", "scope_spans"], items: ["spans", "spans"] };
const LOGS_FIELDS: EnvelopeFields = { resources: ["resourceLogs", "resource_logs"], scopes: ["scopeLogs", "scope_logs"], items: ["logRecords", "log_records"] };

/** The resource and scope levels traces and logs share; errors name the path, e.g. resourceSpans[0].scopeSpans[1].spans[2]. */
function decodeEnvelopes<T>(text: string, fields: EnvelopeFields, decodeItem: (v: unknown, path: string) => T): Envelope<T>[] {
  const root = parseRoot(text);
  const list = arrayAt(field(root, ...fields.resources), fields.resources[0]);
  const envelopes: Envelope<T>[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = `${fields.resources[0]}[${i}]`;
    const resourceLevel = objectAt(list[i], path) ?? {};
    const envelope: Envelope<T> = { resource: resourceAt(resourceLevel.resource, `${path}.resource`), scopes: [] };
    const scopes = arrayAt(field(resourceLevel, ...fields.scopes), `${path}.${fields.scopes[0]}`);
    for (let j = 0; j < scopes.length; j++) {
      const scopePath = `${path}.${fields.scopes[0]}[${j}]`;
      const scopeLevel = objectAt(scopes[j], scopePath) ?? {};
      const itemsPath = `${scopePath}.${fields.items[0]}`;
      const raw = arrayAt(field(scopeLevel, ...fields.items), itemsPath);
      const scope = scopeAt(scopeLevel.scope, `${scopePath}.scope`);
      const items = new Array<T>(raw.length);
      for (let k = 0; k < raw.length; k++) items[k] = decodeItem(raw[k], `${itemsPath}[${k}]`);
      envelope.scopes.push({ scope, items });
    }
    envelopes.push(envelope);
  }
  return envelopes;
}

export function decodeTraceRequestJson(text: string): DecodedTraceRequest {
  return toTraceRequest(decodeEnvelopes(text, TRACE_FIELDS, decodeSpan));
}

export function decodeLogsRequestJson(text: string): DecodedLogsRequest {
  return toLogsRequest(decodeEnvelopes(text, LOGS_FIELDS, decodeLogRecord));
}

function decodeSpan(v: unknown, path: string): DecodedSpan {
  const s = objectAt(v, path) ?? {};
  const status = objectAt(s.status, `${path}.status`);
  return {
    traceId: idAt(field(s, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(s, "spanId", "span_id"), `${path}.spanId`, 8),
    parentSpanId: idAt(field(s, "parentSpanId", "parent_span_id"), `${path}.parentSpanId`, 8),
    traceState: stringAt(field(s, "traceState", "trace_state"), `${path}.traceState`),
    name: stringAt(s.name, `${path}.name`),
    kind: enumAt(s.kind, `${path}.kind`, SPAN_KIND),
    startTimeUnixNano: uint64At(field(s, "startTimeUnixNano", "start_time_unix_nano"), `${path}.startTimeUnixNano`),
    endTimeUnixNano: uint64At(field(s, "endTimeUnixNano", "end_time_unix_nano"), `${path}.endTimeUnixNano`),
    attributes: attributesAt(s.attributes, `${path}.attributes`),
    events: arrayAt(s.events, `${path}.events`).map((e, i) => decodeEvent(e, `${path}.events[${i}]`)),
    links: arrayAt(s.links, `${path}.links`).map((l, i) => decodeLink(l, `${path}.links[${i}]`)),
    status: status
      ? { code: enumAt(status.code, `${path}.status.code`, STATUS_CODE), message: stringAt(status.message, `${path}.status.message`) }
      : { code: 0, message: "" },
  };
}

function decodeEvent(v: unknown, path: string): DecodedSpanEvent {
  const e = objectAt(v, path) ?? {};
  return {
    timeUnixNano: uint64At(field(e, "timeUnixNano", "time_unix_nano"), `${path}.timeUnixNano`),
    name: stringAt(e.name, `${path}.name`),
    attributes: attributesAt(e.attributes, `${path}.attributes`),
  };
}

function decodeLink(v: unknown, path: string): DecodedSpanLink {
  const l = objectAt(v, path) ?? {};
  return {
    traceId: idAt(field(l, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(l, "spanId", "span_id"), `${path}.spanId`, 8),
    traceState: stringAt(field(l, "traceState", "trace_state"), `${path}.traceState`),
    attributes: attributesAt(l.attributes, `${path}.attributes`),
  };
}

function decodeLogRecord(v: unknown, path: string): DecodedLogRecord {
  const r = objectAt(v, path) ?? {};
  return {
    timeUnixNano: uint64At(field(r, "timeUnixNano", "time_unix_nano"), `${path}.timeUnixNano`),
    observedTimeUnixNano: uint64At(
      field(r, "observedTimeUnixNano", "observed_time_unix_nano"),
      `${path}.observedTimeUnixNano`,
    ),
    severityNumber: enumAt(field(r, "severityNumber", "severity_number"), `${path}.severityNumber`, SEVERITY_NUMBER),
    severityText: stringAt(field(r, "severityText", "severity_text"), `${path}.severityText`),
    body: anyValueAt(r.body, path, undefined, ".body", 0),
    attributes: attributesAt(r.attributes, `${path}.attributes`),
    traceId: idAt(field(r, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(r, "spanId", "span_id"), `${path}.spanId`, 8),
    eventName: stringAt(field(r, "eventName", "event_name"), `${path}.eventName`),
  };
}
