/**
 * Run DAG build time: `npm run bench:dag`. Builds workflow runs of 500 to 20,000 distinct nodes
 * (overlapping in time, a parent link now and then, one usage span per node) and prints the
 * median buildWorkflowDag time, whole and cut at MAX_DAG_NODES, and the time-order edges alone
 * by the old quadratic rule and by the new one.
 */
import { performance } from "node:perf_hooks";
import { buildWorkflowDag, type NamedEdgeCount, type NodeSpanGroup, type WorkflowDagInput } from "@/lib/runs/dag";
import { inferredEdges, type TimedNode } from "@/lib/runs/inferred-edges";
import { quadraticInferredEdges } from "@/lib/runs/testing";
import { DEFAULT_MAX_DAG_NODES } from "@/lib/runtime/dag-limit";
import type { DagUsageSpan } from "@/lib/runs/usage-totals";
import { seededRandom } from "@/lib/stats/seeded-random";

const T0 = 1_732_190_000_000_000_000n;

const rng = seededRandom;

function makeRun(n: number): WorkflowDagInput {
  const random = rng(n);
  const spanGroups: NodeSpanGroup[] = [];
  const parentLinks: NamedEdgeCount[] = [];
  const usage: DagUsageSpan[] = [];
  for (let i = 0; i < n; i++) {
    const start = T0 + BigInt(Math.floor(random() * n * 1_000_000));
    const end = start + BigInt(Math.floor(random() * 5_000_000));
    const name = `node-${i}`;
    spanGroups.push({ nodeName: name, nodespecId: `spec-${i}`, role: null, service: null, activations: 1, firstStartNs: start.toString(), lastEndNs: end.toString(), durationNs: (end - start).toString(), inputTokens: 10, outputTokens: 2, costUsd: 0.001, errorCount: 0, errorMessage: null, failedActivations: 0, lastStartNs: start.toString(), lastAttempt: 0, lastFailed: false });
    const parent = i > 0 && random() < 0.2 ? Math.floor(random() * i) : null;
    if (parent !== null) parentLinks.push({ source: `node-${parent}`, target: name, count: 1 });
    usage.push({ key: `t/${i}`, parentKey: parent === null ? null : `t/${parent}`, spanId: String(i), nodeName: name, nodespecId: `spec-${i}`, counts: true, inputTokens: 10, outputTokens: 2, costUsd: 0.001 });
  }
  return { runStatus: "completed", spanGroups, ledger: [], parentLinks, staticGraph: null, usage };
}

function median(work: () => unknown, runs: number): number {
  work(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const ms = (value: number) => `${value.toFixed(1).padStart(9)} ms`;
console.log(`buildWorkflowDag, node ${process.version} (median; "old" is the quadratic time-order rule it replaced)`);
console.log("   nodes |  build whole | build cut 500 | inferred new | inferred old");
for (const n of [500, 2_000, 5_000, 20_000]) {
  const input = makeRun(n);
  const timed: TimedNode[] = input.spanGroups.map((g) => ({ id: g.nodeName!, firstStartNs: BigInt(g.firstStartNs), lastEndNs: BigInt(g.lastEndNs) }));
  const runs = n >= 20_000 ? 3 : 5;
  const whole = median(() => buildWorkflowDag(input), runs);
  const cut = median(() => buildWorkflowDag(input, DEFAULT_MAX_DAG_NODES), runs);
  const fresh = median(() => inferredEdges(timed, new Set()), runs);
  const old = median(() => quadraticInferredEdges(timed, new Set()), n >= 20_000 ? 1 : 3);
  console.log(`${String(n).padStart(8)} | ${ms(whole)} | ${ms(cut)}  | ${ms(fresh)} | ${ms(old)}`);
}
