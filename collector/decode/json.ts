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
import { parseJsonSteps } from "@/collector/decode/json-sliced";
import { DecodeBudget, DEFAULT_DECODE_LIMITS } from "@/collector/decode/limits";
import { runToEnd, stepless, type Steps } from "@/collector/decode/slices";
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

type JsonInput = string | Uint8Array;

function* parseRoot(input: JsonInput, budget: DecodeBudget): Steps<Obj> {
  // Receivers pass the body's bytes (never one big string: see json-sliced.ts); tests pass text.
  const root = yield* parseJsonSteps(typeof input === "string" ? new TextEncoder().encode(input) : input, budget.limits);
  if (!isObj(root)) fail("(root)", "expected a JSON object");
  return root;
}

/** A level's list field: its lowerCamel name (used in error paths) and its proto name. */
type ListField = readonly [camel: string, snake: string];
export interface EnvelopeFields {
  resources: ListField;
  scopes: ListField;
  items: ListField;
}

const TRACE_FIELDS: EnvelopeFields = { resources: ["resourceSpans", "resource_spans"], scopes: ["scopeSpans", "scope_spans"], items: ["spans", "spans"] };
const LOGS_FIELDS: EnvelopeFields = { resources: ["resourceLogs", "resource_logs"], scopes: ["scopeLogs", "scope_logs"], items: ["logRecords", "log_records"] };

/** One item (span, log record, metric): it may yield inside, as a metric does after each data point. */
type DecodeItem<T> = (v: unknown, path: string, budget: DecodeBudget) => Steps<T>;
const jsonBudget = () => new DecodeBudget(DEFAULT_DECODE_LIMITS, "JSON");

/**
 * The resource and scope levels every signal shares; errors name the path, e.g.
 * resourceSpans[0].scopeSpans[1].spans[2]. Yields after each item (slices.ts).
 */
export function* envelopeSteps<T>(text: JsonInput, fields: EnvelopeFields, decodeItem: DecodeItem<T>, budget: DecodeBudget): Steps<Envelope<T>[]> {
  const root = yield* parseRoot(text, budget);
  const list = arrayAt(field(root, ...fields.resources), fields.resources[0]);
  const envelopes: Envelope<T>[] = [];
  for (let i = 0; i < list.length; i++) {
    budget.value();
    const path = `${fields.resources[0]}[${i}]`;
    const resourceLevel = objectAt(list[i], path) ?? {};
    const envelope: Envelope<T> = { resource: resourceAt(resourceLevel.resource, `${path}.resource`, budget), scopes: [] };
    const scopes = arrayAt(field(resourceLevel, ...fields.scopes), `${path}.${fields.scopes[0]}`);
    for (let j = 0; j < scopes.length; j++) {
      budget.value();
      const scopePath = `${path}.${fields.scopes[0]}[${j}]`;
      const scopeLevel = objectAt(scopes[j], scopePath) ?? {};
      const itemsPath = `${scopePath}.${fields.items[0]}`;
      const raw = arrayAt(field(scopeLevel, ...fields.items), itemsPath);
      const scope = scopeAt(scopeLevel.scope, `${scopePath}.scope`, budget);
      const items: T[] = [];
      for (let k = 0; k < raw.length; k++) {
        budget.span();
        items.push(yield* decodeItem(raw[k], `${itemsPath}[${k}]`, budget));
        yield;
      }
      envelope.scopes.push({ scope, items });
    }
    envelopes.push(envelope);
  }
  return envelopes;
}

export function decodeTraceRequestJson(text: JsonInput, budget = jsonBudget()): DecodedTraceRequest {
  return runToEnd(traceRequestJsonSteps(text, budget));
}

export function decodeLogsRequestJson(text: JsonInput, budget = jsonBudget()): DecodedLogsRequest {
  return runToEnd(logsRequestJsonSteps(text, budget));
}

export function* traceRequestJsonSteps(text: JsonInput, budget = jsonBudget()): Steps<DecodedTraceRequest> {
  return toTraceRequest(yield* envelopeSteps(text, TRACE_FIELDS, stepless(decodeSpan), budget));
}

export function* logsRequestJsonSteps(text: JsonInput, budget = jsonBudget()): Steps<DecodedLogsRequest> {
  return toLogsRequest(yield* envelopeSteps(text, LOGS_FIELDS, stepless(decodeLogRecord), budget));
}

/** The first `max` entries decoded; the rest counted as dropped, unbuilt (the SDK's event and link limits). */
function limitedList<T>(v: unknown, path: string, max: number, onDropped: (n: number) => void, decode: (e: unknown, path: string) => T): T[] {
  const list = arrayAt(v, path);
  if (list.length > max) onDropped(list.length - max);
  const out: T[] = [];
  for (let i = 0; i < Math.min(max, list.length); i++) out.push(decode(list[i], `${path}[${i}]`));
  return out;
}

function decodeSpan(v: unknown, path: string, budget: DecodeBudget): DecodedSpan {
  const s = objectAt(v, path) ?? {};
  const status = objectAt(s.status, `${path}.status`);
  const { limits, stats } = budget;
  return {
    traceId: idAt(field(s, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(s, "spanId", "span_id"), `${path}.spanId`, 8),
    parentSpanId: idAt(field(s, "parentSpanId", "parent_span_id"), `${path}.parentSpanId`, 8),
    traceState: budget.text(stringAt(field(s, "traceState", "trace_state"), `${path}.traceState`)),
    name: budget.text(stringAt(s.name, `${path}.name`)),
    kind: enumAt(s.kind, `${path}.kind`, SPAN_KIND),
    startTimeUnixNano: uint64At(field(s, "startTimeUnixNano", "start_time_unix_nano"), `${path}.startTimeUnixNano`),
    endTimeUnixNano: uint64At(field(s, "endTimeUnixNano", "end_time_unix_nano"), `${path}.endTimeUnixNano`),
    attributes: attributesAt(s.attributes, `${path}.attributes`, budget),
    events: limitedList(s.events, `${path}.events`, limits.maxEventsPerSpan, (n) => (stats.droppedEvents += n), (e, p) => decodeEvent(e, p, budget)),
    links: limitedList(s.links, `${path}.links`, limits.maxLinksPerSpan, (n) => (stats.droppedLinks += n), (l, p) => decodeLink(l, p, budget)),
    status: status
      ? { code: enumAt(status.code, `${path}.status.code`, STATUS_CODE), message: budget.text(stringAt(status.message, `${path}.status.message`)) }
      : { code: 0, message: "" },
  };
}

function decodeEvent(v: unknown, path: string, budget: DecodeBudget): DecodedSpanEvent {
  budget.value();
  const e = objectAt(v, path) ?? {};
  return {
    timeUnixNano: uint64At(field(e, "timeUnixNano", "time_unix_nano"), `${path}.timeUnixNano`),
    name: budget.text(stringAt(e.name, `${path}.name`)),
    attributes: attributesAt(e.attributes, `${path}.attributes`, budget),
  };
}

function decodeLink(v: unknown, path: string, budget: DecodeBudget): DecodedSpanLink {
  budget.value();
  const l = objectAt(v, path) ?? {};
  return {
    traceId: idAt(field(l, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(l, "spanId", "span_id"), `${path}.spanId`, 8),
    traceState: budget.text(stringAt(field(l, "traceState", "trace_state"), `${path}.traceState`)),
    attributes: attributesAt(l.attributes, `${path}.attributes`, budget),
  };
}

function decodeLogRecord(v: unknown, path: string, budget: DecodeBudget): DecodedLogRecord {
  const r = objectAt(v, path) ?? {};
  return {
    timeUnixNano: uint64At(field(r, "timeUnixNano", "time_unix_nano"), `${path}.timeUnixNano`),
    observedTimeUnixNano: uint64At(
      field(r, "observedTimeUnixNano", "observed_time_unix_nano"),
      `${path}.observedTimeUnixNano`,
    ),
    severityNumber: enumAt(field(r, "severityNumber", "severity_number"), `${path}.severityNumber`, SEVERITY_NUMBER),
    severityText: budget.text(stringAt(field(r, "severityText", "severity_text"), `${path}.severityText`)),
    body: anyValueAt(r.body, path, undefined, ".body", 0, budget),
    attributes: attributesAt(r.attributes, `${path}.attributes`, budget),
    traceId: idAt(field(r, "traceId", "trace_id"), `${path}.traceId`, 16),
    spanId: idAt(field(r, "spanId", "span_id"), `${path}.spanId`, 8),
    eventName: budget.text(stringAt(field(r, "eventName", "event_name"), `${path}.eventName`)),
  };
}
