import { describe, expect, it } from "vitest";
import { buildTraceDag, buildWorkflowDag, type LedgerGroup, type NodeSpanGroup, type WorkflowDagInput } from "@/lib/runs/dag";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;

function group(name: string | null, startMs: number, endMs: number, overrides: Partial<NodeSpanGroup> = {}): NodeSpanGroup {
  return {
    nodeName: name,
    nodespecId: name ? `${name}-spec` : null,
    role: null,
    service: null,
    activations: name ? 1 : 0,
    firstStartNs: (T0 + BigInt(startMs) * MS).toString(),
    lastEndNs: (T0 + BigInt(endMs) * MS).toString(),
    durationNs: (BigInt(endMs - startMs) * MS).toString(),
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    errorCount: 0,
    errorMessage: null,
    failedActivations: 0,
    lastStartNs: name ? (T0 + BigInt(startMs) * MS).toString() : null,
    lastAttempt: 0,
    lastFailed: false,
    ...overrides,
  };
}

const enqueued = (source: string, target: string, count = 1): LedgerGroup => ({ eventType: "token_enqueued", sourceNode: source, targetNode: target, count, errorMessage: null });

function dag(input: Partial<WorkflowDagInput>) {
  return buildWorkflowDag({ runStatus: "completed", spanGroups: [], ledger: [], parentLinks: [], staticGraph: null, ...input });
}

describe("buildWorkflowDag", () => {
  it("past maxNodes keeps the first nodes by start, the edges between them, and counts the rest", () => {
    const spanGroups = ["a", "b", "c", "d", "e"].map((name, i) => group(name, i * 10, i * 10 + 5));
    const whole = buildWorkflowDag({ runStatus: "completed", spanGroups, ledger: [], parentLinks: [], staticGraph: null });
    expect(whole.omittedNodes).toBe(0);
    const cut = buildWorkflowDag({ runStatus: "completed", spanGroups, ledger: [], parentLinks: [], staticGraph: null }, 3);
    expect(cut.nodes.map((n) => n.id)).toEqual(["a", "b", "c"]);
    expect(cut.omittedNodes).toBe(2);
    expect(cut.edges.map((e) => `${e.source}->${e.target}`)).toEqual(["a->b", "b->c"]);
    const failing = spanGroups.map((g) => (g.nodeName === "e" ? { ...g, errorCount: 1, errorMessage: "boom" } : g));
    const withFailure = buildWorkflowDag({ runStatus: "completed", spanGroups: failing, ledger: [], parentLinks: [], staticGraph: null }, 3);
    expect([withFailure.nodes.map((n) => n.id), withFailure.omittedNodes]).toEqual([["a", "b", "c", "e"], 1]);
  });

  it("makes one node per workflow node with activations, summed duration and usage", () => {
    const result = dag({
      spanGroups: [
        group("draft", 0, 100, { activations: 3, durationNs: (250n * MS).toString(), inputTokens: 30, outputTokens: 9, costUsd: 0.003 }),
        group("review", 110, 200, { activations: 2 }),
      ],
    });
    const draft = result.nodes.find((n) => n.id === "draft")!;
    expect(draft).toMatchObject({ name: "draft", activations: 3, durationMs: 250, inputTokens: 30, outputTokens: 9, costUsd: 0.003, status: "completed" });
    expect(draft.startTimeUnixNano).toBe(T0.toString());
    expect(result.nodes.map((n) => n.id)).toEqual(["draft", "review"]);
  });

  it("keeps an LLM call inside a node (same nodespec id, no node name) in that node: its failure fails the node", () => {
    const result = dag({
      spanGroups: [
        // As stored: the node span reports the usage; the call repeats it with counts_usage false, so sums 0.
        group("call_model", 0, 100, { inputTokens: 120, outputTokens: 30 }),
        group(null, 10, 90, { nodespecId: "call_model-spec", errorCount: 1, errorMessage: "rate limited" }),
        group(null, 10, 90, { nodespecId: "unknown-spec" }),
      ],
    });
    expect(result.nodes).toHaveLength(1);
    expect(result.nodes[0]).toMatchObject({ inputTokens: 120, outputTokens: 30, status: "failed", errorMessage: "rate limited" });
  });

  it("marks a definition edge not taken when the run's ledger does not have it", () => {
    const staticGraph = { nodes: [], edges: [{ source: "a", target: "c" }] };
    const spanGroups = [group("a", 0, 10), group("b", 20, 30), group("c", 40, 50)];
    const withLedger = dag({ spanGroups, staticGraph, ledger: [enqueued("a", "b"), enqueued("b", "c")] });
    expect(withLedger.edges.find((e) => e.source === "a" && e.target === "c")).toEqual({ source: "a", target: "c", kind: "definition", count: 0 });
    const withoutLedger = dag({ spanGroups, staticGraph });
    expect(withoutLedger.edges.find((e) => e.source === "a" && e.target === "c")).toMatchObject({ kind: "definition", count: 1 });
  });

  it("takes ledger edges first, with how often each was traversed, ignoring the entry", () => {
    const result = dag({
      spanGroups: [group("draft", 0, 10), group("review", 20, 30)],
      ledger: [enqueued("__entry__", "draft"), enqueued("draft", "review", 2), enqueued("review", "draft", 1)],
      parentLinks: [{ source: "draft", target: "review", count: 1 }],
    });
    expect(result.edges).toEqual([
      { source: "draft", target: "review", kind: "ledger", count: 2 },
      { source: "review", target: "draft", kind: "ledger", count: 1 },
    ]);
  });

  it("gives a node the greatest service of its groups, whatever order they come in", () => {
    const groups = [group("search", 0, 10, { nodespecId: "s1", service: "retriever" }), group("search", 20, 30, { nodespecId: "s2", service: "api" }), group("plan", 0, 5)];
    for (const spanGroups of [groups, [...groups].reverse()]) {
      const nodes = dag({ spanGroups }).nodes;
      expect(nodes.find((n) => n.id === "search")!.service).toBe("retriever");
      expect(nodes.find((n) => n.id === "plan")!.service).toBeNull();
    }
  });

  it("shows static-graph nodes that did not fire greyed, with the definition edges", () => {
    const result = dag({
      spanGroups: [group("planner", 0, 10), group("writer", 20, 30)],
      staticGraph: {
        nodes: [
          { name: "planner", role: "plan", nodespecId: "planner-spec" },
          { name: "fact_checker", role: "check", nodespecId: "fc-spec" },
          { name: "writer", role: "write", nodespecId: "writer-spec" },
        ],
        edges: [
          { source: "planner", target: "writer" },
          { source: "writer", target: "fact_checker" },
        ],
      },
    });
    expect(result.nodes.find((n) => n.id === "fact_checker")).toMatchObject({ status: "not_run", activations: 0, role: "check", startTime: null });
    expect(result.nodes.at(-1)!.id).toBe("fact_checker");
    expect(result.edges).toEqual([
      { source: "planner", target: "writer", kind: "definition", count: 1 },
      { source: "writer", target: "fact_checker", kind: "definition", count: 0 },
    ]);
  });

  it("uses parent links when nothing better is known", () => {
    const result = dag({ spanGroups: [group("router", 0, 100), group("tool", 10, 20)], parentLinks: [{ source: "router", target: "tool", count: 3 }] });
    expect(result.edges).toEqual([{ source: "router", target: "tool", kind: "parent", count: 3 }]);
  });

  it("infers edges from order in time for nodes nothing else connects", () => {
    const result = dag({ spanGroups: [group("a", 0, 10), group("b", 20, 30), group("c", 25, 40), group("d", 50, 60)] });
    // b follows a; c overlaps b and a finished before it; d follows c (finished last before it started).
    expect(result.edges).toEqual([
      { source: "a", target: "b", kind: "inferred", count: 1 },
      { source: "a", target: "c", kind: "inferred", count: 1 },
      { source: "c", target: "d", kind: "inferred", count: 1 },
    ]);
  });

  it("marks failures from spans or from the ledger, with the first error", () => {
    const result = dag({
      spanGroups: [group("fetch", 0, 10, { errorCount: 1, errorMessage: "timeout" }), group("parse", 20, 30)],
      ledger: [{ eventType: "node_failed", sourceNode: "parse", targetNode: null, count: 1, errorMessage: "bad json" }],
    });
    expect(result.nodes.map((n) => [n.id, n.status, n.errorMessage])).toEqual([
      ["fetch", "failed", "timeout"],
      ["parse", "failed", "bad json"],
    ]);
  });

  it("shows a node as running while the run is running and a token is dequeued but not settled", () => {
    const ledger: LedgerGroup[] = [
      enqueued("__entry__", "draft"),
      { eventType: "token_dequeued", sourceNode: "__entry__", targetNode: "draft", count: 1, errorMessage: null },
    ];
    expect(dag({ runStatus: "running", ledger }).nodes).toMatchObject([{ id: "draft", status: "running", activations: 0 }]);
    expect(dag({ runStatus: "completed", ledger }).nodes).toMatchObject([{ id: "draft", status: "not_run" }]);
    const done = [...ledger, { eventType: "node_completed", sourceNode: "draft", targetNode: null, count: 1, errorMessage: null }];
    expect(dag({ runStatus: "running", ledger: done }).nodes).toMatchObject([{ id: "draft", status: "completed", activations: 1 }]);
  });
});

describe("buildTraceDag", () => {
  it("makes each span a node and parent links the edges", () => {
    const span = (spanId: string, parentSpanId: string | null, status: "ok" | "error" = "ok") => ({
      spanId,
      parentSpanId,
      name: `op ${spanId}`,
      role: "chat",
      service: spanId === "d" ? null : "checkout",
      startNs: T0.toString(),
      durationNs: (5n * MS).toString(),
      status,
      statusMessage: status === "error" ? "boom" : null,
      inputTokens: 1,
      outputTokens: 2,
      costUsd: 0,
      countsUsage: true,
    });
    const result = buildTraceDag([span("a", null), span("b", "a"), span("c", "a", "error"), span("d", "missing")]);
    expect(result.nodes.map((n) => [n.id, n.status, n.errorMessage])).toEqual([
      ["a", "completed", null],
      ["b", "completed", null],
      ["c", "failed", "boom"],
      ["d", "completed", null],
    ]);
    expect(result.edges).toEqual([
      { source: "a", target: "b", kind: "parent", count: 1 },
      { source: "a", target: "c", kind: "parent", count: 1 },
    ]);
    expect(result.nodes[0]!.durationMs).toBe(5);
    expect(result.nodes.map((n) => n.service)).toEqual(["checkout", "checkout", "checkout", null]);
  });

  it("draws sibling retries of one step as one node: numbered attempts, or earlier ones failed", () => {
    const span = (spanId: string, parentSpanId: string | null, name: string, atMs: number, status: "ok" | "error", attempt: number | null = null) => ({
      spanId,
      parentSpanId,
      name,
      role: null,
      service: null,
      startNs: (T0 + BigInt(atMs) * MS).toString(),
      durationNs: (5n * MS).toString(),
      status,
      statusMessage: status === "error" ? `timeout ${spanId}` : null,
      inputTokens: 10,
      outputTokens: 1,
      costUsd: 0,
      countsUsage: true,
      attempt,
    });
    const result = buildTraceDag([
      span("root", null, "handle", 0, "ok"),
      // An HTTP call sent three times (resend count): two timed out.
      span("h1", "root", "POST /v1/chat", 10, "error", 1),
      span("h2", "root", "POST /v1/chat", 20, "error", 2),
      span("h3", "root", "POST /v1/chat", 30, "ok", 3),
      span("under-h1", "h1", "dns", 11, "ok"),
      // A tool called twice that never failed: two calls, not attempts.
      span("t1", "root", "search", 40, "ok"),
      span("t2", "root", "search", 50, "ok"),
      // Unnumbered: the first failed, the second did not.
      span("f1", "root", "fetch", 60, "error"),
      span("f2", "root", "fetch", 70, "ok"),
      // In parallel (overlapping), one failed: a fan-out, not attempts.
      span("p1", "root", "embed", 80, "error"),
      span("p2", "root", "embed", 82, "ok"),
      // Every call stamped attempt 1: first attempts of separate calls.
      span("s1", "root", "llm.chat", 90, "ok", 1),
      span("s2", "root", "llm.chat", 100, "ok", 1),
    ]);
    expect(result.nodes.map((n) => [n.id, n.status, n.activations, n.attempts])).toEqual([
      ["root", "completed", 1, null],
      ["h3", "completed", 3, { count: 3, failed: 2 }],
      ["under-h1", "completed", 1, null],
      ["t1", "completed", 1, null],
      ["t2", "completed", 1, null],
      ["f2", "completed", 2, { count: 2, failed: 1 }],
      ["p1", "failed", 1, null],
      ["p2", "completed", 1, null],
      ["s1", "completed", 1, null],
      ["s2", "completed", 1, null],
    ]);
    const merged = result.nodes.find((n) => n.id === "h3")!;
    expect(merged).toMatchObject({ durationMs: 15, inputTokens: 30, errorMessage: "timeout h1", startTimeUnixNano: (T0 + 10n * MS).toString() });
    expect(result.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual([
      "h3->under-h1", "root->f2", "root->h3", "root->p1", "root->p2", "root->s1", "root->s2", "root->t1", "root->t2",
    ]);
  });
});

describe("retried workflow nodes", () => {
  it("show their attempts and the last one's outcome; a failure the ledger counts beyond the spans still fails", () => {
    const retried = group("fetch", 0, 300, { activations: 3, errorCount: 2, errorMessage: "rate limited", failedActivations: 2, lastFailed: false });
    const input = (ledger: LedgerGroup[] = []): WorkflowDagInput => ({ runStatus: "completed", spanGroups: [retried, group(null, 10, 20, { nodespecId: "fetch-spec", errorCount: 1 })], ledger, parentLinks: [], staticGraph: null });
    expect(buildWorkflowDag(input()).nodes).toMatchObject([{ id: "fetch", status: "completed", activations: 3, attempts: { count: 3, failed: 2 }, errorMessage: "rate limited" }]);
    const failedTwice = { eventType: "node_failed", sourceNode: "fetch", targetNode: null, count: 2, errorMessage: "rate limited" };
    expect(buildWorkflowDag(input([failedTwice])).nodes[0]!.status).toBe("completed");
    expect(buildWorkflowDag(input([{ ...failedTwice, count: 3 }])).nodes[0]!.status).toBe("failed");
    const lastFailed = { ...retried, lastFailed: true };
    expect(buildWorkflowDag({ ...input(), spanGroups: [lastFailed] }).nodes[0]).toMatchObject({ status: "failed", attempts: null });
  });
});

describe("DAG totals", () => {
  const usage = (spanId: string, parentId: string | null, nodeName: string | null, nodespecId: string | null, tokens: number, counts = true) => ({
    key: `t/${spanId}`,
    parentKey: parentId === null ? null : `t/${parentId}`,
    spanId,
    nodeName,
    nodespecId,
    counts,
    inputTokens: tokens,
    outputTokens: 0,
    costUsd: tokens / 1000,
  });

  it("gives a workflow node what its spans, its folded calls and everything beneath them used, each span once", () => {
    const result = dag({
      spanGroups: [group("plan", 0, 10), group("write", 10, 20), group(null, 12, 18, { nodespecId: "write-spec" })],
      usage: [
        usage("p", null, "plan", "plan-spec", 0),
        usage("tool", "p", null, null, 5),
        usage("agent", "p", null, null, 7, false),
        usage("w", null, "write", "write-spec", 1),
        usage("call", null, null, "write-spec", 10),
      ],
    });
    const total = (id: string) => result.nodes.find((n) => n.id === id)!.total;
    expect(total("plan")).toEqual({ inputTokens: 5, outputTokens: 0, costUsd: 0.005 });
    expect(total("write").inputTokens).toBe(11);
  });

  it("leaves a node's total at its own usage when no usage is given", () => {
    const result = dag({ spanGroups: [group("plan", 0, 10, { inputTokens: 3, costUsd: 0.5 })] });
    expect(result.nodes[0]!.total).toEqual({ inputTokens: 3, outputTokens: 0, costUsd: 0.5 });
  });
});
