/**
 * Timeline row building on big runs: `npx tsx bench/timeline.ts`.
 * Prints the median of several timed runs after a warm-up for 10k and 100k spans shaped like a
 * Codon run: node spans as roots across many traces, each with a few nested LLM/tool calls.
 */
import { buildTimelineRows, visibleRows, type TimelineRow } from "@/lib/runs/timeline/rows";
import type { SpanSummary } from "@/lib/runs/types";

const RUNS = 7;
const T0 = 1_763_000_000_000_000_000n;

function makeSpans(count: number): SpanSummary[] {
  const spans: SpanSummary[] = [];
  let node = 0;
  while (spans.length < count) {
    const traceId = (0x4bf92f3577b34da6a3ce929d0e0e4736n + BigInt(node % 97)).toString(16);
    const start = T0 + BigInt(node) * 3_000_000n;
    const base = {
      traceId,
      status: "ok" as const,
      nodeName: `node-${node % 40}`,
      durationMs: 3,
      inputTokens: null,
      outputTokens: null,
      costUsd: null,
      modelName: null,
    };
    const rootId = (0x00f067aa0ba90000n + BigInt(node) * 16n).toString(16);
    spans.push({ ...base, spanId: rootId, parentSpanId: null, name: "node.run", startTimeUnixNano: start.toString(), endTimeUnixNano: (start + 3_000_000n).toString() });
    for (let c = 0; c < 4 && spans.length < count; c++) {
      const childId = `${rootId.slice(0, -1)}${2 * c + 1}`;
      const cs = start + BigInt(c) * 700_000n;
      spans.push({ ...base, spanId: childId, parentSpanId: rootId, name: "llm.call", modelName: "gpt", startTimeUnixNano: cs.toString(), endTimeUnixNano: (cs + 600_000n).toString() });
      if (spans.length < count) {
        spans.push({ ...base, spanId: `${rootId.slice(0, -1)}${2 * c + 2}`, parentSpanId: childId, name: "tool", startTimeUnixNano: (cs + 10_000n).toString(), endTimeUnixNano: (cs + 200_000n).toString() });
      }
    }
    node++;
  }
  // Storage order is not start order: shuffle deterministically.
  let seed = 42;
  for (let i = spans.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [spans[i], spans[j]] = [spans[j]!, spans[i]!];
  }
  // As the page receives them: parsed from the API's JSON (flat strings, uniform shapes).
  return JSON.parse(JSON.stringify(spans)) as SpanSummary[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

for (const count of [10_000, 100_000]) {
  const spans = makeSpans(count);
  if (buildTimelineRows(spans).length !== count) throw new Error("fixture spans are not unique"); // and warm-up
  const build: number[] = [];
  const collapse: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let rows: TimelineRow[] = [];
    build.push(time(() => (rows = buildTimelineRows(spans))));
    const collapsed = new Set(rows.filter((r) => r.depth === 0).slice(0, rows.length / 20).map((r) => r.key));
    collapse.push(time(() => visibleRows(rows, collapsed)));
  }
  console.log(
    `${count.toLocaleString("en-US").padStart(7)} spans: buildTimelineRows median ${median(build).toFixed(1)} ms, ` +
      `visibleRows (some collapsed) median ${median(collapse).toFixed(2)} ms  (${RUNS} runs)`,
  );
}
