import v8 from "node:v8";
import { markScanned } from "@/collector/redaction/redact-batch";
import type { WriteBatch } from "@/collector/store/write-batch";

/**
 * The payload of a RedactedRows spool record: a format byte, then the export's rows, already
 * redacted, in Node's structured serialization (v8.serialize). A tenant with redaction rules has
 * its exports spooled this way, so what it asked not to store never reaches the collector's disk;
 * other tenants' exports are spooled as received (smaller, and decoded again by the code in force).
 */
const FORMAT = 1;

export function encodeRedactedRows(batch: WriteBatch): Uint8Array {
  return Buffer.concat([Uint8Array.of(FORMAT), v8.serialize(batch)]);
}

/** The rows back, marked as redacted already; throws (and the drainer sets the record aside) when they are not rows of this format. */
export function decodeRedactedRows(payload: Uint8Array): WriteBatch {
  if (payload[0] !== FORMAT) throw new Error(`redacted rows of an unknown format ${payload[0] ?? "(empty)"}`);
  const value: unknown = v8.deserialize(Buffer.from(payload.buffer, payload.byteOffset + 1, payload.byteLength - 1));
  if (!isWriteBatch(value)) throw new Error("redacted rows without the shape of a write");
  markScanned(value);
  return value;
}

function isWriteBatch(value: unknown): value is WriteBatch {
  if (value === null || typeof value !== "object") return false;
  const batch = value as Record<string, unknown>;
  const optionalList = (key: string) => batch[key] === undefined || Array.isArray(batch[key]);
  const metrics = batch.metrics as Record<string, unknown> | undefined;
  return (
    Array.isArray(batch.spans) && Array.isArray(batch.auditEvents) && Array.isArray(batch.graphs) && Array.isArray(batch.nodeSpecs) &&
    optionalList("logRecords") && optionalList("scores") &&
    (metrics === undefined || (typeof metrics === "object" && metrics !== null && Array.isArray(metrics.series) && Array.isArray(metrics.points)))
  );
}
