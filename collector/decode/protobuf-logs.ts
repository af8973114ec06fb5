import type { DecodedLogRecord, DecodedLogsRequest } from "@/collector/decode/model";
import { decodeAnyValue, decodeKeyValue } from "@/collector/decode/protobuf-common";
import { decodeEnvelope } from "@/collector/decode/protobuf-envelope";
import { I64, LEN, Reader, VARINT, wireTypeError } from "@/collector/decode/wire";

/** ExportLogsServiceRequest decoder, against opentelemetry/proto/logs/v1/logs.proto field numbers. */
export function decodeLogsRequestProtobuf(bytes: Uint8Array): DecodedLogsRequest {
  const envelopes = decodeEnvelope(bytes, LOGS_NAMES, decodeLogRecord);
  return {
    resourceLogs: envelopes.map(({ resource, scopes }) => ({
      resource,
      scopeLogs: scopes.map(({ scope, items }) => ({ scope, logRecords: items })),
    })),
  };
}

const LOGS_NAMES = { request: "ExportLogsServiceRequest", resource: "ResourceLogs", scope: "ScopeLogs" };

function decodeLogRecord(r: Reader, end: number): DecodedLogRecord {
  const log: DecodedLogRecord = {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: "",
    body: null,
    attributes: {},
    traceId: "",
    spanId: "",
    eventName: "",
  };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1:
        if (wt !== I64) throw wireTypeError(field, wt, I64, "LogRecord", r.pos);
        log.timeUnixNano = r.fixed64();
        break;
      case 2: // severity_number: enum, i.e. int32
        if (wt !== VARINT) throw wireTypeError(field, wt, VARINT, "LogRecord", r.pos);
        log.severityNumber = r.uint32() | 0;
        break;
      case 3:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        log.severityText = r.string(end);
        break;
      case 5:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        log.body = decodeAnyValue(r, r.sub(end), 0);
        break;
      case 6:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        decodeKeyValue(r, r.sub(end), log.attributes);
        break;
      case 9:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        log.traceId = r.hex(end);
        break;
      case 10:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        log.spanId = r.hex(end);
        break;
      case 11:
        if (wt !== I64) throw wireTypeError(field, wt, I64, "LogRecord", r.pos);
        log.observedTimeUnixNano = r.fixed64();
        break;
      case 12:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "LogRecord", r.pos);
        log.eventName = r.string(end);
        break;
      default:
        r.skip(wt, field, "LogRecord", end); // 7 dropped count, 8 flags
    }
  }
  r.done(end, "LogRecord");
  return log;
}
