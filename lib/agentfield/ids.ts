/**
 * An execution's id is `<trace id>-<span id>` of its span (32 + 16 lower-case hex): URL-safe,
 * stable across re-deliveries, and exactly the spans table's key within a tenant, so a lookup
 * is one primary-key read and needs no extra index. A span id alone is unique only within its trace.
 */
export function executionId(traceId: string, spanId: string): string {
  return `${traceId}-${spanId}`;
}

const EXECUTION_ID = /^([0-9a-f]{32})-([0-9a-f]{16})$/;

/** The span an execution id names; null when the text cannot be one (any case accepted). */
export function parseExecutionId(raw: string): { traceId: string; spanId: string } | null {
  const match = EXECUTION_ID.exec(raw.toLowerCase());
  return match ? { traceId: match[1]!, spanId: match[2]! } : null;
}
