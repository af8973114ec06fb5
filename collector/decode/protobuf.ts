import type { DecodedSpan, DecodedSpanEvent, DecodedSpanLink, DecodedStatus, DecodedTraceRequest } from "@/collector/decode/model";
import { toTraceRequest } from "@/collector/decode/envelope";
import { AttributeSet } from "@/collector/decode/attribute-set";
import type { DecodeBudget } from "@/collector/decode/limits";
import { decodeKeyValue } from "@/collector/decode/protobuf-common";
import { envelopeSteps, envelopeSchemas } from "@/collector/decode/protobuf-envelope";
import { runToEnd, stepless, type Steps } from "@/collector/decode/slices";
import { I64, LEN, Reader, VARINT, messageSchema } from "@/collector/decode/wire";

export { decodeLogsRequestProtobuf, logsRequestProtobufSteps } from "@/collector/decode/protobuf-logs";

const TRACES = envelopeSchemas("ExportTraceServiceRequest", "ResourceSpans", "ScopeSpans");
// 10/12/14 dropped counts and 16 flags are skipped.
const SPAN = messageSchema("Span", { 1: LEN, 2: LEN, 3: LEN, 4: LEN, 5: LEN, 6: VARINT, 7: I64, 8: I64, 9: LEN, 11: LEN, 13: LEN, 15: LEN });
const EVENT = messageSchema("Span.Event", { 1: I64, 2: LEN, 3: LEN });
// 5 dropped count and 6 flags are skipped.
const LINK = messageSchema("Span.Link", { 1: LEN, 2: LEN, 3: LEN, 4: LEN });
// 1 deprecated_code is skipped.
const STATUS = messageSchema("Status", { 2: LEN, 3: VARINT });

/**
 * ExportTraceServiceRequest decoder, written against opentelemetry/proto/trace/v1/trace.proto
 * field numbers. Unknown fields are skipped; a known field with the wrong wire type is an error.
 */
export function decodeTraceRequestProtobuf(bytes: Uint8Array, budget?: DecodeBudget): DecodedTraceRequest {
  return runToEnd(traceRequestProtobufSteps(bytes, budget));
}

/** The same decoding in steps (one per span), for decoding in time slices. */
export function* traceRequestProtobufSteps(bytes: Uint8Array, budget?: DecodeBudget): Steps<DecodedTraceRequest> {
  return toTraceRequest(yield* envelopeSteps(new Reader(bytes, budget), TRACES, stepless(decodeSpan)));
}

function decodeSpan(r: Reader, end: number): DecodedSpan {
  const limits = r.budget.limits;
  const attributes = new AttributeSet(r.budget);
  const span: DecodedSpan = {
    traceId: "",
    spanId: "",
    parentSpanId: "",
    traceState: "",
    name: "",
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: "" },
  };
  while (r.pos < end) {
    const field = r.next(SPAN);
    switch (field) {
      case 1:
        span.traceId = r.hex(end);
        break;
      case 2:
        span.spanId = r.hex(end);
        break;
      case 3:
        span.traceState = r.text(end);
        break;
      case 4:
        span.parentSpanId = r.hex(end);
        break;
      case 5:
        span.name = r.text(end);
        break;
      case 6: // kind: enum, i.e. int32
        span.kind = r.uint32() | 0;
        break;
      case 7:
        span.startTimeUnixNano = r.fixed64();
        break;
      case 8:
        span.endTimeUnixNano = r.fixed64();
        break;
      case 9:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 11: // Past the limit, events and links are skipped unbuilt, as the SDK drops them.
        if (span.events.length < limits.maxEventsPerSpan) span.events.push(decodeEvent(r, r.sub(end)));
        else dropped(r, end, "droppedEvents");
        break;
      case 13:
        if (span.links.length < limits.maxLinksPerSpan) span.links.push(decodeLink(r, r.sub(end)));
        else dropped(r, end, "droppedLinks");
        break;
      case 15:
        span.status = decodeStatus(r, r.sub(end));
        break;
      default:
        r.skip(field, SPAN, end);
    }
  }
  r.done(end, SPAN);
  span.attributes = attributes.values;
  return span;
}

function dropped(r: Reader, end: number, count: "droppedEvents" | "droppedLinks"): void {
  r.pos = r.sub(end);
  r.budget.stats[count]++;
}

function decodeEvent(r: Reader, end: number): DecodedSpanEvent {
  r.budget.value();
  const event: DecodedSpanEvent = { timeUnixNano: 0n, name: "", attributes: {} };
  const attributes = new AttributeSet(r.budget);
  while (r.pos < end) {
    const field = r.next(EVENT);
    if (field === 1) event.timeUnixNano = r.fixed64();
    else if (field === 2) event.name = r.text(end);
    else if (field === 3) decodeKeyValue(r, r.sub(end), attributes);
    else r.skip(field, EVENT, end);
  }
  r.done(end, EVENT);
  event.attributes = attributes.values;
  return event;
}

function decodeLink(r: Reader, end: number): DecodedSpanLink {
  r.budget.value();
  const link: DecodedSpanLink = { traceId: "", spanId: "", traceState: "", attributes: {} };
  const attributes = new AttributeSet(r.budget);
  while (r.pos < end) {
    const field = r.next(LINK);
    if (field === 1) link.traceId = r.hex(end);
    else if (field === 2) link.spanId = r.hex(end);
    else if (field === 3) link.traceState = r.text(end);
    else if (field === 4) decodeKeyValue(r, r.sub(end), attributes);
    else r.skip(field, LINK, end);
  }
  r.done(end, LINK);
  link.attributes = attributes.values;
  return link;
}

function decodeStatus(r: Reader, end: number): DecodedStatus {
  const status: DecodedStatus = { code: 0, message: "" };
  while (r.pos < end) {
    const field = r.next(STATUS);
    if (field === 2) status.message = r.text(end);
    else if (field === 3) status.code = r.uint32() | 0;
    else r.skip(field, STATUS, end);
  }
  r.done(end, STATUS);
  return status;
}
