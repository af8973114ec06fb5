import type { DecodedSpan } from "@/collector/decode/model";
import type { Rejection } from "@/collector/normalize/rows";
import { INT8_MAX } from "@/collector/normalize/attributes";

/** How many distinct rejection messages one export reports (all rejections are counted). */
export const MAX_REJECTION_MESSAGES = 5;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;

export function isValidTraceId(id: string): boolean {
  return TRACE_ID.test(id) && !ALL_ZERO.test(id);
}

export function isValidSpanId(id: string): boolean {
  return SPAN_ID.test(id) && !ALL_ZERO.test(id);
}

/** A root span has parentSpanId ""; some SDKs send all zeros for it, which means the same. */
export function isRootParentId(id: string): boolean {
  return id === "" || (SPAN_ID.test(id) && ALL_ZERO.test(id));
}

/** An id or name as it appears in a message: bounded, visible even when empty or odd. */
export function showId(value: string): string {
  if (value === "") return "(empty)";
  const clipped = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return /^[\x21-\x7e]+$/.test(value) ? clipped : JSON.stringify(clipped);
}

export function describeSpan(span: DecodedSpan): string {
  return `span ${showId(span.spanId)} in trace ${showId(span.traceId)}`;
}

/** What is wrong with a span, each item saying what a valid value looks like; [] when valid. */
export function spanProblems(span: DecodedSpan): string[] {
  const problems: string[] = [];
  if (!isValidTraceId(span.traceId)) problems.push("traceId must be 32 lowercase hex characters, not all zero");
  if (!isValidSpanId(span.spanId)) problems.push("spanId must be 16 lowercase hex characters, not all zero");
  if (!isRootParentId(span.parentSpanId) && !isValidSpanId(span.parentSpanId)) {
    problems.push('parentSpanId must be "" for a root span or 16 lowercase hex characters');
  }
  if (span.name === "") problems.push("name must not be empty");
  if (span.startTimeUnixNano <= 0n) problems.push("startTimeUnixNano must be set (greater than 0)");
  if (span.startTimeUnixNano > INT8_MAX) problems.push("startTimeUnixNano must be at most 2^63-1");
  if (span.endTimeUnixNano < 0n || span.endTimeUnixNano > INT8_MAX) {
    problems.push("endTimeUnixNano must be between 0 and 2^63-1");
  }
  return problems;
}

/** The rejection message for an invalid span, or null when the span is valid. */
export function validateSpan(span: DecodedSpan): string | null {
  const problems = spanProblems(span);
  return problems.length === 0 ? null : `${describeSpan(span)}: ${problems.join("; ")}`;
}

/** Counts rejected records of one export and keeps the first few distinct messages. */
export class RejectionLog {
  private count = 0;
  private readonly messages: string[] = [];

  reject(message: string): void {
    this.count += 1;
    this.warn(message);
  }

  /** A message about something dropped from a record that was itself kept (not counted as rejected). */
  warn(message: string): void {
    if (this.messages.length < MAX_REJECTION_MESSAGES && !this.messages.includes(message)) {
      this.messages.push(message);
    }
  }

  toRejection(): Rejection {
    return { count: this.count, messages: [...this.messages] };
  }
}
