import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { writeBatch } from "@/collector/store/write-batch";
import { getRunNode, MAX_NODE_ACTIVATIONS } from "@/lib/runs/queries/run-spans";

const T0 = 1_763_700_000_000_000_000n;
const MS = 1_000_000n;
const RUN = "loop-calls";
const TRACE = "c".repeat(32);
const ACTIVATIONS = MAX_NODE_ACTIVATIONS + 3;

const span = (spanId: string, overrides: Partial<NewSpan>): NewSpan =>
  makeSpan({ trace_id: TRACE, span_id: spanId.padStart(16, "0"), run_id: RUN, nodespec_id: "loop-spec", ...overrides });

/** Activation i of a loop node (10 ms each, 1 ms apart), and the LLM call inside it (10 input tokens). */
function activation(i: number): NewSpan[] {
  const start = T0 + BigInt(i) * 11n * MS;
  const id = `a${i}`;
  return [
    span(id, { name: "codon.node.loop", node_name: "loop", start_time_unix_nano: String(start), end_time_unix_nano: String(start + 10n * MS), duration_ns: String(10n * MS) }),
    span(`c${i}`, { name: "agent.llm", parent_span_id: id.padStart(16, "0"), start_time_unix_nano: String(start + MS), end_time_unix_nano: String(start + 2n * MS), duration_ns: String(MS), input_tokens: "10", output_tokens: "1", model_name: "gpt-4o" }),
  ];
}

describe.each(testBackends())("a loop node's inspector, on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
    const spans = Array.from({ length: ACTIVATIONS }, (_, i) => activation(i)).flat();
    // A call with no parent link, inside the third activation's time: matched by time.
    const third = T0 + 2n * 11n * MS;
    spans.push(span("orphan", { name: "agent.llm", start_time_unix_nano: String(third + 5n * MS), end_time_unix_nano: String(third + 6n * MS), duration_ns: String(MS), input_tokens: "5" }));
    await writeBatch(handle.database.kysely, { spans, auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("folds each shown activation's calls into it, by parent or else by time, and no call of one not shown", async () => {
    const detail = (await getRunNode(handle.database.kysely, "default", RUN, "loop"))!;
    expect(detail.node.activations).toBe(ACTIVATIONS);
    expect(detail.activations).toHaveLength(MAX_NODE_ACTIVATIONS);
    expect(detail.activations.map((a) => a.inputTokens)).toEqual(Array.from({ length: MAX_NODE_ACTIVATIONS }, (_, i) => (i === 2 ? 15 : 10)));
    expect(detail.activations.every((a) => a.modelName === "gpt-4o")).toBe(true);
  });
});
