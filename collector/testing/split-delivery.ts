import type { ScriptedActivation, ScriptedRun } from "@/collector/testing/workflow-run";

/** A model no price library knows, priced by a tenant override the test saves: cost follows from tokens alone. */
export const SPLIT_MODEL = "split-delivery-model";
/** USD per million tokens: 0.001 USD per input token, 0.002 per output token. */
export const SPLIT_PRICE = { inputUsdPerMtok: 1000, outputUsdPerMtok: 2000 };

const NODES = [
  { node: "plan", role: "planner", llm: false },
  { node: "search", role: "tool", llm: false },
  { node: "call_model", role: "llm", llm: true },
  { node: "review", role: "critic", llm: false },
  { node: "write", role: "llm", llm: true },
  { node: "finalize", role: "postprocess", llm: false },
] as const;

/** A long run of one version: activations cycle through six nodes, two of them LLM calls, every 13th fails. */
export function splitRun(runId: string, activations: number, startMs: number): ScriptedRun {
  const list: ScriptedActivation[] = [];
  const tokens: [string, string, string, string | null][] = [];
  for (let i = 0; i < activations; i++) {
    const { node, role, llm } = NODES[i % NODES.length]!;
    list.push({
      node,
      role,
      atMs: i * 10,
      durationMs: 5 + (i % 7),
      ...(i % 13 === 12 ? { error: `${node} failed at step ${i}` } : {}),
      ...(llm ? { llm: { model: SPLIT_MODEL, vendor: "openai", inputTokens: 100 + i, outputTokens: 10 + (i % 17) } } : {}),
    });
    tokens.push([i === 0 ? "__entry__" : list[i - 1]!.node, node, `${runId}-t${i}`, i === 0 ? null : `${runId}-t${i - 1}`]);
  }
  return {
    runId,
    workload: "Split-Agent",
    version: "2.0.0",
    logicId: "5a11".padEnd(64, "7"),
    deployment: "prod",
    startMs,
    activations: list,
    tokens,
  };
}

export interface ExpectedNode {
  activations: number;
  errors: number;
}

/** What the run's roll-ups must say, from the script alone (no collector code). */
export function expectedFigures(run: ScriptedRun) {
  const calls = run.activations.filter((a) => a.llm);
  const input = calls.reduce((sum, a) => sum + a.llm!.inputTokens, 0);
  const output = calls.reduce((sum, a) => sum + a.llm!.outputTokens, 0);
  const nodes: Record<string, ExpectedNode> = {};
  const lastFailed: Record<string, boolean> = {};
  for (const a of run.activations) {
    const node = (nodes[a.node] ??= { activations: 0, errors: 0 });
    node.activations += 1;
    if (a.error) node.errors += 1;
    lastFailed[a.node] = a.error !== undefined;
  }
  // A node that failed and succeeded later was retried; the run fails only on a node whose last activation failed.
  const retried = Object.entries(nodes).some(([name, node]) => node.errors > 0 && !lastFailed[name]);
  const failing = Object.values(lastFailed).some(Boolean);
  return {
    // A node span per activation and an `agent.llm` span inside each LLM call (scriptedRunSpans).
    spanCount: run.activations.length + calls.length,
    errorCount: run.activations.filter((a) => a.error).length,
    status: failing ? "failed" : "completed",
    retried,
    auditEvents: 2 * (run.tokens?.length ?? 0),
    // Usage is reported on the node span and repeated on its `agent.llm` child: counted once.
    inputTokens: input,
    outputTokens: output,
    costUsd: (input * SPLIT_PRICE.inputUsdPerMtok + output * SPLIT_PRICE.outputUsdPerMtok) / 1e6,
    llmCalls: calls.length,
    nodes,
  };
}

/** Cuts items into exports of `size`, interleaving two sources (the two runs) so each export stream mixes them. */
export function interleavedChunks<T>(a: readonly T[], b: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += size) {
    if (i < a.length) chunks.push(a.slice(i, i + size));
    if (i < b.length) chunks.push(b.slice(i, i + size));
  }
  return chunks;
}

/** Chunk k goes to collector k % 2; every `duplicateEvery`-th also to the other one (a re-delivery). */
export function splitBetweenTwo<T>(chunks: readonly T[], duplicateEvery: number): [T[], T[]] {
  const lanes: [T[], T[]] = [[], []];
  chunks.forEach((chunk, k) => {
    lanes[k % 2]!.push(chunk);
    if (k % duplicateEvery === 0) lanes[(k + 1) % 2]!.push(chunk);
  });
  return lanes;
}
