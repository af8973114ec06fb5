import type { JsonObject, JsonValue } from "@/lib/db/types";

/** One stored OTLP log record as the API shows it. */
export interface LogLine {
  /** Stable per record (a digest of its content): the same record delivered twice is one line. */
  id: string;
  timestamp: string;
  timeUnixNano: string;
  /** When the SDK observed it; null when not sent or the same as `timeUnixNano` (stored once). */
  observedTimeUnixNano: string | null;
  /** OTel severity number, 1 (TRACE) to 24 (FATAL4); 0 when the sender gave none. */
  severityNumber: number;
  /** The sender's text, else the level of the number (`INFO`, `WARN`, ...); null with neither. */
  severityText: string | null;
  /** A string body as sent, any other body as its JSON value; null without a body. */
  body: JsonValue;
  eventName: string | null;
  traceId: string | null;
  spanId: string | null;
  serviceName: string | null;
  scopeName: string | null;
  attributes: JsonObject;
  resourceAttributes: JsonObject;
  /** Present (true) when the caller may not see content: texts are null and attribute values null (docs/adr/0014-content-hidden-from-viewers.md). */
  contentHidden?: true;
}

/** A page of log lines, oldest first. */
export interface LogPage {
  logs: LogLine[];
  nextCursor: string | null;
}

/** Where a run's lines fall on its timeline: one per line logged in a span. */
export interface LogMark {
  traceId: string;
  spanId: string;
  timeUnixNano: string;
  severityNumber: number;
}

/** A run's log marks, oldest first, up to a cap (`truncated` when there were more). */
export interface LogMarks {
  marks: LogMark[];
  truncated: boolean;
}
