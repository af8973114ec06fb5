/**
 * Run DAG layout time: `npx tsx bench/dag-layout.ts`.
 * Builds workflow-shaped graphs (layers that fan out then fan in, a second parent now and then,
 * a few skip edges, reviewer back-edges and self-loops) and prints the median layoutDag time.
 */
import { performance } from "node:perf_hooks";
import { layoutDag, type DagLayoutOptions } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode, EdgeKind } from "@/lib/runs/types";
import { seededRandom } from "@/lib/stats/seeded-random";

const rng = seededRandom;

function makeNode(id: string): DagNode {
  return {
    id,
    name: id,
    role: "worker",
    service: null,
    nodespecId: null,
    status: "completed",
    activations: 1,
    attempts: null,
    startTime: null,
    startTimeUnixNano: null,
    durationMs: 1200,
    inputTokens: 1000,
    outputTokens: 300,
    costUsd: 0.01,
    total: { inputTokens: 1000, outputTokens: 300, costUsd: 0.01 },
    errorMessage: null,
  };
}

/** Layer widths grow then shrink (a map-reduce shape), scaled to `total` nodes. */
function layerSizes(total: number): number[] {
  const layers = Math.max(4, Math.round(Math.sqrt(total) * 1.1));
  const raw = Array.from({ length: layers }, (_, i) => 1 + Math.sin((Math.PI * (i + 0.5)) / layers) * 10);
  const scale = total / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => Math.max(1, Math.round(r * scale)));
  sizes[sizes.length - 1]! += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

function makeWorkflowDag(total: number, seed = 42): { nodes: DagNode[]; edges: DagEdge[] } {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const layers: string[][] = [];
  const nodes: DagNode[] = [];
  layerSizes(total).forEach((size, li) => {
    const layer = Array.from({ length: size }, (_, i) => `L${li}-n${i}`);
    layers.push(layer);
    nodes.push(...layer.map(makeNode));
  });
  const edges: DagEdge[] = [];
  const add = (source: string, target: string, kind: EdgeKind, count = 1) => edges.push({ source, target, kind, count });
  for (let li = 1; li < layers.length; li++) {
    const prev = layers[li - 1]!;
    for (const id of layers[li]!) {
      add(pick(prev), id, "ledger", 1 + Math.floor(rand() * 3));
      if (rand() < 0.12) add(pick(prev), id, rand() < 0.5 ? "definition" : "inferred", rand() < 0.5 ? 0 : 1);
      if (li >= 2 && rand() < 0.03) add(pick(layers[li - 2]!), id, "parent");
    }
  }
  const ledger = edges.filter((e) => e.kind === "ledger");
  const loops = Math.max(3, Math.round(total / 100));
  for (let i = 0; i < loops; i++) {
    const e = pick(ledger);
    add(e.target, e.source, "ledger", 2); // a reviewer sends the work back to its author
    const self = pick(nodes).id;
    add(self, self, "ledger", 3); // retry loop
  }
  return { nodes, edges };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(total: number, runs: number, options: DagLayoutOptions = {}) {
  const { nodes, edges } = makeWorkflowDag(total);
  layoutDag(nodes, edges, options); // warm-up (JIT)
  const times: number[] = [];
  let size = { width: 0, height: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = layoutDag(nodes, edges, options);
    times.push(performance.now() - t0);
    size = { width: out.width, height: out.height };
  }
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    `${String(nodes.length).padStart(5)} nodes ${String(edges.length).padStart(5)} edges:` +
      ` median ${fmt(median(times))} ms  min ${fmt(Math.min(...times))} ms  max ${fmt(Math.max(...times))} ms` +
      `  (${runs} runs, canvas ${Math.round(size.width)}×${Math.round(size.height)} px)` +
      (options.ranker ? `  ranker=${options.ranker}` : ""),
  );
}

console.log(`layoutDag (dagre), node ${process.version}`);
bench(50, 9);
bench(500, 7);
bench(2000, 3);
bench(500, 3, { ranker: "network-simplex" }); // dagre's own ranking, for comparison
