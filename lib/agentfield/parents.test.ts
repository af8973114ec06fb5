import { describe, expect, it } from "vitest";
import { deriveLineage, type Activation, type LedgerRecord } from "@/lib/agentfield/parents";
import { ENTRY_NODE } from "@/lib/runs/lineage";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();

interface Step {
  node: string;
  /** The token it consumes. */
  token: string;
  /** [target node, token id] it emits. */
  emits?: [string, string][];
}

interface Options {
  /** OTLP export: events recorded inside an activation carry its span (the SDK's log records do). */
  spanContext?: boolean;
  /** Tokens carry their parent token id (the TypeScript SDK's ledger; Python's AuditEvent has none). */
  parentIds?: boolean;
  /** Failed steps (by index): node_failed instead of node_completed. */
  failed?: number[];
}

/**
 * A tiny model of the Codon runtime: one activation at a time, each 10 ms apart. The token is
 * dequeued right before the activation starts; emits and node_completed happen inside it.
 */
function simulate(entry: [string, string][], steps: Step[], options: Options = {}) {
  const { spanContext = true, parentIds = true, failed = [] } = options;
  const ledger: LedgerRecord[] = [];
  const origin = new Map<string, { source: string; parent: string | null }>();
  const record = (eventType: string, tokenId: string, sourceNode: string | null, targetNode: string | null, ms: number, span: Activation | null, parent: string | null) =>
    ledger.push({
      eventType,
      tokenId,
      parentTokenId: parentIds ? parent : null,
      sourceNode,
      targetNode,
      traceId: spanContext && span ? span.traceId : null,
      spanId: spanContext && span ? span.spanId : null,
      timeNs: at(ms),
      error: eventType === "node_failed" ? "Error: boom" : null,
    });
  for (const [target, token] of entry) {
    origin.set(token, { source: ENTRY_NODE, parent: null });
    record("token_enqueued", token, ENTRY_NODE, target, 0, null, null);
  }
  const activations = steps.map((step, i): Activation => {
    const start = 10 + i * 10;
    const activation: Activation = {
      id: `a${i}`,
      nodeName: step.node,
      traceId: String(i).padStart(32, "0"),
      spanId: String(i + 1).padStart(16, "0"),
      startNs: at(start),
      endNs: at(start + 3),
      spanParentId: null,
    };
    const from = origin.get(step.token)!;
    record("token_dequeued", step.token, from.source, step.node, start, null, from.parent);
    for (const [target, token] of step.emits ?? []) {
      origin.set(token, { source: step.node, parent: step.token });
      record("token_enqueued", token, step.node, target, start + 1, activation, step.token);
    }
    record(failed.includes(i) ? "node_failed" : "node_completed", step.token, step.node, null, start + 2, activation, from.parent);
    return activation;
  });
  return { activations, ledger };
}

const parents = (activations: Activation[], ledger: LedgerRecord[]) =>
  Object.fromEntries([...deriveLineage(activations, ledger)].map(([id, lineage]) => [id, lineage.parentId]));

/** planner -> writer <-> reviewer: the reviewer sends the first draft back once. */
const reviewLoop: [[string, string][], Step[]] = [
  [["planner", "e1"]],
  [
    { node: "planner", token: "e1", emits: [["writer", "w1"]] },
    { node: "writer", token: "w1", emits: [["reviewer", "r1"]] },
    { node: "reviewer", token: "r1", emits: [["writer", "w2"]] },
    { node: "writer", token: "w2", emits: [["reviewer", "r2"]] },
    { node: "reviewer", token: "r2" },
  ],
];
const loopParents = { a0: null, a1: "a0", a2: "a1", a3: "a2", a4: "a3" };

describe("deriveLineage", () => {
  it("follows a cycle through the spans the ledger events were recorded in (OTLP export)", () => {
    const { activations, ledger } = simulate(...reviewLoop);
    expect(parents(activations, ledger)).toEqual(loopParents);
    expect(deriveLineage(activations, ledger).get("a3")).toEqual({ parentId: "a2", tokenId: "w2", order: 10 });
    // The span-tied events alone say it all: no dequeue pairing needed.
    const tied = ledger.filter((event) => event.eventType !== "token_dequeued");
    expect(parents(activations, tied)).toEqual(loopParents);
  });

  it("pairs dequeues with activations in order when the ledger carries no span ids (a ledger posted as JSON)", () => {
    const { activations, ledger } = simulate(...reviewLoop, { spanContext: false });
    expect(parents(activations, ledger)).toEqual(loopParents);
  });

  it("without parent token ids, finds the emitter by its only activation or the one running when it emitted", () => {
    const { activations, ledger } = simulate(...reviewLoop, { spanContext: false, parentIds: false });
    expect(parents(activations, ledger)).toEqual(loopParents);
  });

  it("gives every branch of a fan-out the same parent, and every entry token none", () => {
    const { activations, ledger } = simulate(
      [
        ["plan", "e1"],
        ["audit", "e2"],
      ],
      [
        { node: "plan", token: "e1", emits: [["search", "s1"], ["search", "s2"], ["summarize", "m1"]] },
        { node: "audit", token: "e2" },
        { node: "search", token: "s1" },
        { node: "search", token: "s2" },
        { node: "summarize", token: "m1" },
      ],
      { spanContext: false },
    );
    expect(parents(activations, ledger)).toEqual({ a0: null, a1: null, a2: "a0", a3: "a0", a4: "a0" });
  });

  it("a node feeding itself: each activation's parent is the one before", () => {
    const steps: Step[] = [0, 1, 2].map((i) => ({ node: "loop", token: `t${i}`, emits: i < 2 ? [["loop", `t${i + 1}`]] : [] }));
    for (const spanContext of [true, false]) {
      const { activations, ledger } = simulate([["loop", "t0"]], steps, { spanContext });
      expect(parents(activations, ledger)).toEqual({ a0: null, a1: "a0", a2: "a1" });
    }
  });

  it("works with what has arrived: ledger ahead of the spans, or spans ahead of the ledger", () => {
    const { activations, ledger } = simulate(...reviewLoop, { spanContext: false });
    expect(parents(activations.slice(0, 2), ledger)).toEqual({ a0: null, a1: "a0" });
    // Only the events of the first two activations: the later ones cannot be placed yet.
    const early = ledger.filter((event) => BigInt(event.timeNs) < BigInt(at(30)));
    expect(parents(activations, early)).toEqual({ a0: null, a1: "a0", a2: null, a3: null, a4: null });
  });

  it("stops pairing a node at a gap in the ledger rather than guessing", () => {
    const { activations, ledger } = simulate(...reviewLoop, { spanContext: false });
    const gap = ledger.filter((event) => !(event.eventType === "token_dequeued" && event.tokenId === "w1"));
    // Writer's activations get no token; the reviewer's tokens still name the writer activation
    // that was running when each was enqueued.
    expect(parents(activations, gap)).toEqual({ a0: null, a1: null, a2: "a1", a3: null, a4: "a3" });
  });

  it("takes a node_failed event's token like node_completed's", () => {
    const { activations, ledger } = simulate(...reviewLoop, { failed: [4] });
    expect(parents(activations, ledger)).toEqual(loopParents);
  });

  it("falls back to the parent span without a ledger, but never for an entry token", () => {
    const child: Activation = { id: "c", nodeName: "tool", traceId: "1".repeat(32), spanId: "2".repeat(16), startNs: at(5), endNs: at(6), spanParentId: "p" };
    const parent: Activation = { ...child, id: "p", nodeName: "agent", spanId: "3".repeat(16), startNs: at(0), endNs: at(10), spanParentId: null };
    expect(parents([parent, child], [])).toEqual({ p: null, c: "p" });

    const entry: LedgerRecord[] = [
      { eventType: "token_enqueued", tokenId: "e", parentTokenId: null, sourceNode: ENTRY_NODE, targetNode: "tool", traceId: null, spanId: null, timeNs: at(4), error: null },
      { eventType: "token_dequeued", tokenId: "e", parentTokenId: null, sourceNode: ENTRY_NODE, targetNode: "tool", traceId: null, spanId: null, timeNs: at(5), error: null },
    ];
    expect(parents([parent, child], entry)).toEqual({ p: null, c: null });
  });
});
