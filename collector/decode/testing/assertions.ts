import { expect } from "vitest";
import { DecodeError, type DecodedTraceRequest } from "@/collector/decode/model";

/** The DecodeError `fn` throws; fails the test when it throws anything else or nothing. */
export function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error("expected a DecodeError, but decoding succeeded");
}

/** The first span of a decoded request, which must have one. */
export function onlySpan(request: DecodedTraceRequest) {
  const span = request.resourceSpans[0]?.scopeSpans[0]?.spans[0];
  if (!span) throw new Error("no span decoded");
  return span;
}
