import type { DecodedLogRecord, DecodedLogsRequest } from "@/collector/decode/model";
import { toLogsRequest } from "@/collector/decode/envelope";
import { AttributeSet } from "@/collector/decode/attribute-set";
import type { DecodeBudget } from "@/collector/decode/limits";
import { decodeAnyValue, decodeKeyValue } from "@/collector/decode/protobuf-common";
import { envelopeSchemas, envelopeSteps } from "@/collector/decode/protobuf-envelope";
import { runToEnd, stepless, type Steps } from "@/collector/decode/slices";
import { I64, LEN, Reader, VARINT, messageSchema } from "@/collector/decode/wire";

const LOGS = envelopeSchemas("ExportLogsServiceRequest", "ResourceLogs", "ScopeLogs");
// 7 dropped count and 8 flags are skipped.
const LOG_RECORD = messageSchema("LogRecord", { 1: I64, 2: VARINT, 3: LEN, 5: LEN, 6: LEN, 9: LEN, 10: LEN, 11: I64, 12: LEN });

/** ExportLogsServiceRequest decoder, against opentelemetry/proto/logs/v1/logs.proto field numbers. */
export function decodeLogsRequestProtobuf(bytes: Uint8Array, budget?: DecodeBudget): DecodedLogsRequest {
  return runToEnd(logsRequestProtobufSteps(bytes, budget));
}

export function* logsRequestProtobufSteps(bytes: Uint8Array, budget?: DecodeBudget): Steps<DecodedLogsRequest> {
  return toLogsRequest(yield* envelopeSteps(new Reader(bytes, budget), LOGS, stepless(decodeLogRecord)));
}

function decodeLogRecord(r: Reader, end: number): DecodedLogRecord {
  const attributes = new AttributeSet(r.budget);
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
    const field = r.next(LOG_RECORD);
    switch (field) {
      case 1:
        log.timeUnixNano = r.fixed64();
        break;
      case 2: // severity_number: enum, i.e. int32
        log.severityNumber = r.uint32() | 0;
        break;
      case 3:
        log.severityText = r.text(end);
        break;
      case 5:
        log.body = decodeAnyValue(r, r.sub(end), 0);
        break;
      case 6:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 9:
        log.traceId = r.hex(end);
        break;
      case 10:
        log.spanId = r.hex(end);
        break;
      case 11:
        log.observedTimeUnixNano = r.fixed64();
        break;
      case 12:
        log.eventName = r.text(end);
        break;
      default:
        r.skip(field, LOG_RECORD, end);
    }
  }
  r.done(end, LOG_RECORD);
  log.attributes = attributes.values;
  return log;
}
