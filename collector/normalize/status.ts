import type { DecodedSpan } from "@/collector/decode/model";
import type { SpanStatusCode } from "@/lib/db/types";
import { firstString } from "@/collector/normalize/attributes";

/** OTLP Status.code values. */
export const OTLP_STATUS_OK = 1;
export const OTLP_STATUS_ERROR = 2;

function codonNodeStatus(span: DecodedSpan): string | null {
  return firstString([span.attributes], ["codon.node.status_code"])?.toUpperCase() ?? null;
}

/** Error wins over ok (from either the OTLP status or `codon.node.status_code`), else unset. */
export function extractStatusCode(span: DecodedSpan): SpanStatusCode {
  const codon = codonNodeStatus(span);
  if (span.status.code === OTLP_STATUS_ERROR || codon === "ERROR") return "error";
  if (span.status.code === OTLP_STATUS_OK || codon === "OK") return "ok";
  return "unset";
}

/** The message of the first span event named `exception`, if it has one. */
export function exceptionMessage(span: DecodedSpan): string | null {
  const exception = span.events.find((event) => event.name === "exception");
  return exception ? firstString([exception.attributes], ["exception.message"]) : null;
}

/** status.message, else `codon.node.error_message`, else the first exception event's message. */
export function extractStatusMessage(span: DecodedSpan): string | null {
  if (span.status.message !== "") return span.status.message;
  return firstString([span.attributes], ["codon.node.error_message"]) ?? exceptionMessage(span);
}
