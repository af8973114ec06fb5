import type { AsRanSpanInput } from "@/lib/runs/as-it-ran/build";

const MS = 1_000_000n;

/** A node span for as-it-ran tests: span id `s<i>`, 5 ms long, starting at `startMs` (i × 10 by default). */
export function asRanSpan(i: number, node: string, options: { startMs?: number; parent?: number | null } = {}): AsRanSpanInput {
  const startMs = options.startMs ?? i * 10;
  const parent = options.parent ?? null;
  return {
    traceId: "t",
    spanId: `s${i}`,
    parentSpanId: parent === null ? null : `s${parent}`,
    nodeName: node,
    startNs: String(BigInt(startMs) * MS),
    endNs: String(BigInt(startMs + 5) * MS),
    status: "ok",
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
}
