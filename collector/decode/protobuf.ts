import type {
  DecodedSpan,
  DecodedSpanEvent,
  DecodedSpanLink,
  DecodedStatus,
  DecodedTraceRequest,
} from "@/collector/decode/model";
import { decodeKeyValue } from "@/collector/decode/protobuf-common";
import { decodeEnvelope } from "@/collector/decode/protobuf-envelope";
import { I64, LEN, Reader, VARINT, wireTypeError } from "@/collector/decode/wire";

export { decodeLogsRequestProtobuf } from "@/collector/decode/protobuf-logs";

/**
 * ExportTraceServiceRequest decoder, written against opentelemetry/proto/trace/v1/trace.proto
 * field numbers. Unknown fields are skipped; a known field with the wrong wire type is an error.
 */
export function decodeTraceRequestProtobuf(bytes: Uint8Array): DecodedTraceRequest {
  const envelopes = decodeEnvelope(bytes, TRACE_NAMES, decodeSpan);
  return {
    resourceSpans: envelopes.map(({ resource, scopes }) => ({
      resource,
      scopeSpans: scopes.map(({ scope, items }) => ({ scope, spans: items })),
    })),
  };
}

const TRACE_NAMES = { request: "ExportTraceServiceRequest", resource: "ResourceSpans", scope: "ScopeSpans" };

function decodeSpan(r: Reader, end: number): DecodedSpan {
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
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.traceId = r.hex(end);
        break;
      case 2:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.spanId = r.hex(end);
        break;
      case 3:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.traceState = r.string(end);
        break;
      case 4:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.parentSpanId = r.hex(end);
        break;
      case 5:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.name = r.string(end);
        break;
      case 6: // kind: enum, i.e. int32
        if (wt !== VARINT) throw wireTypeError(field, wt, VARINT, "Span", r.pos);
        span.kind = r.uint32() | 0;
        break;
      case 7:
        if (wt !== I64) throw wireTypeError(field, wt, I64, "Span", r.pos);
        span.startTimeUnixNano = r.fixed64();
        break;
      case 8:
        if (wt !== I64) throw wireTypeError(field, wt, I64, "Span", r.pos);
        span.endTimeUnixNano = r.fixed64();
        break;
      case 9:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        decodeKeyValue(r, r.sub(end), span.attributes);
        break;
      case 11:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.events.push(decodeEvent(r, r.sub(end)));
        break;
      case 13:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.links.push(decodeLink(r, r.sub(end)));
        break;
      case 15:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span", r.pos);
        span.status = decodeStatus(r, r.sub(end));
        break;
      default:
        r.skip(wt, field, "Span", end); // 10/12/14 dropped counts, 16 flags
    }
  }
  r.done(end, "Span");
  return span;
}

function decodeEvent(r: Reader, end: number): DecodedSpanEvent {
  const event: DecodedSpanEvent = { timeUnixNano: 0n, name: "", attributes: {} };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1) {
      if (wt !== I64) throw wireTypeError(field, wt, I64, "Span.Event", r.pos);
      event.timeUnixNano = r.fixed64();
    } else if (field === 2) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span.Event", r.pos);
      event.name = r.string(end);
    } else if (field === 3) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Span.Event", r.pos);
      decodeKeyValue(r, r.sub(end), event.attributes);
    } else {
      r.skip(wt, field, "Span.Event", end);
    }
  }
  r.done(end, "Span.Event");
  return event;
}

function decodeLink(r: Reader, end: number): DecodedSpanLink {
  const link: DecodedSpanLink = { traceId: "", spanId: "", traceState: "", attributes: {} };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field >= 1 && field <= 4 && wt !== LEN) throw wireTypeError(field, wt, LEN, "Span.Link", r.pos);
    switch (field) {
      case 1:
        link.traceId = r.hex(end);
        break;
      case 2:
        link.spanId = r.hex(end);
        break;
      case 3:
        link.traceState = r.string(end);
        break;
      case 4:
        decodeKeyValue(r, r.sub(end), link.attributes);
        break;
      default:
        r.skip(wt, field, "Span.Link", end); // 5 dropped count, 6 flags
    }
  }
  r.done(end, "Span.Link");
  return link;
}

function decodeStatus(r: Reader, end: number): DecodedStatus {
  const status: DecodedStatus = { code: 0, message: "" };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 2) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Status", r.pos);
      status.message = r.string(end);
    } else if (field === 3) {
      if (wt !== VARINT) throw wireTypeError(field, wt, VARINT, "Status", r.pos);
      status.code = r.uint32() | 0;
    } else {
      r.skip(wt, field, "Status", end); // 1 deprecated_code
    }
  }
  r.done(end, "Status");
  return status;
}
