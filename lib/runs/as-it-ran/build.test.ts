import { describe, expect, it } from "vitest";
import { buildAsRanGraph, type AsRanLedgerInput, type AsRanSpanInput } from "@/lib/runs/as-it-ran/build";

const MS = 1_000_000n;

function makeSpan(spanId: string, nodeName: string | null, startMs: number, endMs: number, extra: Partial<AsRanSpanInput> = {}): AsRanSpanInput {
  return {
    traceId: "t",
    spanId,
    parentSpanId: null,
    nodeName,
    startNs: String(BigInt(startMs) * MS),
    endNs: String(BigInt(endMs) * MS),
    status: "ok",
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    ...extra,
  };
}

function event(type: "token_enqueued" | "token_dequeued", atMs: number, tokenId: string, source: string, target: string, parentTokenId: string | null = null): AsRanLedgerInput {
  return { type, timeNs: String(BigInt(atMs) * MS), tokenId, parentTokenId, sourceNode: source, targetNode: target, spanId: null };
}

/** The ledger an SDK run writes: `send(token, from, to)` at enqueue time, `take` just before the consumer starts. */
const send = (atMs: number, tokenId: string, from: string, to: string, parent: string | null = null) => event("token_enqueued", atMs, tokenId, from, to, parent);
const take = (atMs: number, tokenId: string, from: string, to: string) => event("token_dequeued", atMs, tokenId, from, to);

const pairs = (graph: ReturnType<typeof buildAsRanGraph>) => graph.edges.map((e) => `${e.source}->${e.target}:${e.kind}`);

describe("buildAsRanGraph", () => {
  it("unrolls a loop in order, each token from the activation that sent it to the one that took it", () => {
    const spans = [makeSpan("d1", "draft", 10, 20), makeSpan("r1", "review", 30, 40), makeSpan("d2", "draft", 50, 60), makeSpan("r2", "review", 70, 80), makeSpan("p1", "publish", 90, 95)];
    const ledger = [
      send(0, "e", "__entry__", "draft"),
      take(9, "e", "__entry__", "draft"),
      send(15, "a", "draft", "review", "e"),
      take(29, "a", "draft", "review"),
      send(35, "b", "review", "draft", "a"),
      take(49, "b", "review", "draft"),
      send(55, "c", "draft", "review", "b"),
      take(69, "c", "draft", "review"),
      send(75, "d", "review", "publish", "c"),
      take(89, "d", "review", "publish"),
    ];
    const graph = buildAsRanGraph(spans, ledger);
    expect(graph.activations.map((a) => `${a.nodeName}#${a.seq}`)).toEqual(["draft#1", "review#1", "draft#2", "review#2", "publish#1"]);
    expect(pairs(graph)).toEqual(["d1->r1:ledger", "r1->d2:ledger", "d2->r2:ledger", "r2->p1:ledger"]);
    expect(graph.edges.map((e) => e.tokenId)).toEqual(["a", "b", "c", "d"]);
    expect(graph.omittedActivations).toBe(0);
    expect(graph.segments).toEqual([]);
  });

  it("shows fan-out and fan-in as they happened, even when the sender's clock puts an enqueue at another activation", () => {
    const spans = [makeSpan("s", "split", 0, 10), makeSpan("a", "left", 20, 30), makeSpan("b", "right", 20, 35), makeSpan("j", "join", 40, 50)];
    const ledger = [
      take(-1, "e", "__entry__", "split"),
      send(5, "t1", "split", "left", "e"),
      send(5, "t2", "split", "right", "e"),
      take(19, "t1", "split", "left"),
      take(19, "t2", "split", "right"),
      send(25, "t3", "left", "join", "t1"),
      send(33, "t4", "right", "join", "t2"),
      take(39, "t3", "left", "join"),
      take(39, "t4", "right", "join"),
    ];
    const graph = buildAsRanGraph(spans, ledger);
    expect(pairs(graph).sort()).toEqual(["a->j:ledger", "b->j:ledger", "s->a:ledger", "s->b:ledger"]);
  });

  it("takes the emitter from the consumer of the parent token, not from time, when they disagree", () => {
    // Two overlapping activations of `worker`: the enqueue time alone would pick the later one.
    const spans = [makeSpan("w1", "worker", 0, 100), makeSpan("w2", "worker", 10, 100), makeSpan("x", "sink", 200, 210)];
    const ledger = [take(0, "p1", "__entry__", "worker"), take(10, "p2", "__entry__", "worker"), send(50, "o", "worker", "sink", "p1"), take(199, "o", "worker", "sink")];
    expect(pairs(buildAsRanGraph(spans, ledger))).toEqual(["w1->x:ledger"]);
  });

  it("unrolls a self-loop, taking each sender from the span its enqueue names", () => {
    const spans = [makeSpan("a1", "poll", 10, 20), makeSpan("a2", "poll", 30, 40), makeSpan("a3", "poll", 50, 60)];
    // The enqueues' times all read 0 (a coarse clock): only their span ids tell the senders apart.
    const named = (tokenId: string, spanId: string): AsRanLedgerInput => ({ ...send(0, tokenId, "poll", "poll"), spanId });
    const ledger = [take(9, "e", "__entry__", "poll"), named("t1", "a1"), take(29, "t1", "poll", "poll"), named("t2", "a2"), take(49, "t2", "poll", "poll")];
    expect(pairs(buildAsRanGraph(spans, ledger))).toEqual(["a1->a2:ledger", "a2->a3:ledger"]);
  });

  it("falls back to span parents, then (with no ledger) to order in time, saying which", () => {
    const spans = [
      makeSpan("root", null, 0, 100),
      makeSpan("a", "plan", 1, 10, { parentSpanId: "root" }),
      makeSpan("llm", null, 2, 8, { parentSpanId: "a" }),
      makeSpan("b", "tool", 3, 7, { parentSpanId: "llm" }),
      makeSpan("c", "answer", 20, 30),
      makeSpan("d", "check", 25, 40),
    ];
    const graph = buildAsRanGraph(spans, []);
    // b's parent is an LLM call inside plan: the nearest activation above it is plan's.
    // c finished-before: plan ended at 10, tool at 7 → plan. d overlaps c: nothing ended before 25 but plan and tool.
    expect(pairs(graph)).toEqual(["a->b:parent", "a->c:time", "a->d:time"]);
  });

  it("infers nothing from time when the run has a ledger", () => {
    const spans = [makeSpan("a", "one", 0, 10), makeSpan("b", "two", 20, 30)];
    const ledger = [take(-1, "e", "__entry__", "one")];
    expect(buildAsRanGraph(spans, ledger).edges).toEqual([]);
  });

  it("makes activations of nodes the ledger alone knows", () => {
    const ledger = [take(0, "e", "__entry__", "a"), send(1, "t", "a", "b", "e"), take(2, "t", "a", "b"), send(3, "u", "b", "a", "t"), take(4, "u", "b", "a")];
    const graph = buildAsRanGraph([], ledger);
    expect(graph.activations.map((a) => a.id)).toEqual(["ledger:a:1", "ledger:b:1", "ledger:a:2"]);
    expect(pairs(graph)).toEqual(["ledger:a:1->ledger:b:1:ledger", "ledger:b:1->ledger:a:2:ledger"]);
  });

  it("collapses a long chain into one segment and keeps short ones whole", () => {
    const spans = Array.from({ length: 12 }, (_, i) => makeSpan(`n${i}`, `n${i}`, i * 10, i * 10 + 5));
    const ledger = spans.slice(1).flatMap((_, i) => [send(i * 10 + 3, `t${i}`, `n${i}`, `n${i + 1}`), take(i * 10 + 9, `t${i}`, `n${i}`, `n${i + 1}`)]);
    const graph = buildAsRanGraph(spans, ledger, { minSegmentSteps: 8 });
    expect(graph.segments).toHaveLength(1);
    expect(graph.segments[0]).toMatchObject({ first: "n0", last: "n11", steps: 12 });
    expect(graph.activations.every((a) => a.segmentId === graph.segments[0]!.id)).toBe(true);
    expect(buildAsRanGraph(spans, ledger, { minSegmentSteps: 13 }).segments).toEqual([]);
  });

  it("ends a segment where the graph branches", () => {
    // a → b → c → d, then d fans out to e and f: the chain is a..d.
    const names = ["a", "b", "c", "d", "e", "f"];
    const spans = names.map((n, i) => makeSpan(n, n, i * 10, i * 10 + 5));
    const link = (i: number, from: string, to: string, at: number) => [send(at, `t${i}`, from, to), take(at + 4, `t${i}`, from, to)];
    const ledger = [...link(0, "a", "b", 3), ...link(1, "b", "c", 13), ...link(2, "c", "d", 23), ...link(3, "d", "e", 33), ...link(4, "d", "f", 34)];
    const graph = buildAsRanGraph(spans, ledger, { minSegmentSteps: 3 });
    expect(graph.segments.map((s) => s.activationIds)).toEqual([["a", "b", "c", "d"]]);
  });

  it("cuts past the limit with an honest count, keeping the first by start", () => {
    const spans = Array.from({ length: 25 }, (_, i) => makeSpan(`s${i}`, "step", i * 10, i * 10 + 5));
    const graph = buildAsRanGraph(spans, [], { maxActivations: 10 });
    expect(graph.activations).toHaveLength(10);
    expect(graph.activations.at(-1)!.id).toBe("s9");
    expect(graph.omittedActivations).toBe(15);
    expect(graph.edges.every((e) => e.kind === "time")).toBe(true);
    expect(graph.edges).toHaveLength(9);
  });

  it("builds a 10,000-activation loop in time linear in the run", () => {
    const n = 10_000;
    const spans = Array.from({ length: n }, (_, i) => makeSpan(`s${i}`, i % 2 ? "review" : "draft", i * 10, i * 10 + 5));
    const ledger = spans.slice(1).flatMap((s, i) => [send(i * 10 + 3, `t${i}`, spans[i]!.nodeName!, s.nodeName!, i ? `t${i - 1}` : null), take(i * 10 + 9, `t${i}`, spans[i]!.nodeName!, s.nodeName!)]);
    const started = performance.now();
    const graph = buildAsRanGraph(spans, ledger);
    const elapsed = performance.now() - started;
    expect(graph.edges).toHaveLength(n - 1);
    expect(graph.segments).toHaveLength(1);
    expect(graph.segments[0]!.steps).toBe(n);
    // ~0.1–0.5 s here; a pass quadratic in the run (10^8 steps) would take many times this bound.
    expect(elapsed).toBeLessThan(2000);
  });
});
