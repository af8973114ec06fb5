import { createHash } from "node:crypto";
import type { IdGenerator as SpanIdGenerator } from "@opentelemetry/sdk-trace";

// Everything the demo sends is a function of a seed, so sending it twice sends the same ids and
// the collector's unique keys drop the second copy.

export function hashHex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A version-4-shaped UUID derived from `text`. */
export function uuidFrom(text: string): string {
  const hex = hashHex(text);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Deterministic numbers in [0, 1) from a seed (sha256 in counter mode: plenty for a demo). */
export function seededRandom(seed: string): () => number {
  let counter = 0;
  return () => parseInt(hashHex(`${seed}#${counter++}`).slice(0, 12), 16) / 2 ** 48;
}

/** Ids `uuidFrom(seed#1)`, `uuidFrom(seed#2)`, ...: token ids for one run. */
export function seededIds(seed: string): () => string {
  let counter = 0;
  return () => uuidFrom(`${seed}#${++counter}`);
}

/** Trace and span ids in a fixed sequence: the same runs exported in the same order get the same ids. */
export function seededSpanIds(seed: string): SpanIdGenerator {
  let counter = 0;
  const next = (length: number) => hashHex(`${seed}#${++counter}`).slice(0, length);
  return { generateTraceId: () => next(32), generateSpanId: () => next(16) };
}
