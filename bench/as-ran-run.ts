import type { ScriptedActivation, ScriptedRun } from "@/collector/testing/workflow-run";

/**
 * A run of `size` activations for the as-it-ran view: plan, then a draft ⇄ review loop that fans
 * out every `fanEvery` activations (review → three searches → merge → draft). Every activation
 * starts just after the dequeue of the last token it takes (scriptedRunAudit puts token i at
 * 2i ms, its dequeue at 2i + 1), so the ledger's tokens pin each edge to one activation.
 */
export function asRanRun(size: number, suffix: string, fanEvery = 1_000): ScriptedRun {
  const runId = `bench-as-ran-${size}-${suffix}`;
  const activations: ScriptedActivation[] = [];
  const tokens: [string, string, string, string | null][] = [];
  const step = (node: string, from: readonly string[]) => {
    for (const source of from) tokens.push([source, node, `${runId}-t${tokens.length}`, null]);
    activations.push({ node, role: "step", atMs: 2 * (tokens.length - 1) + 1, durationMs: 1 });
  };
  step("plan", ["__entry__"]);
  let last = "plan";
  let fanAt = fanEvery;
  while (activations.length < size) {
    if (activations.length >= fanAt - 5 && size - activations.length >= 5 && last === "review") {
      for (const search of ["search-a", "search-b", "search-c"]) step(search, ["review"]);
      step("merge", ["search-a", "search-b", "search-c"]);
      last = "merge";
      fanAt += fanEvery;
      continue;
    }
    const next = last === "draft" ? "review" : "draft";
    step(next, [last]);
    last = next;
  }
  return { runId, workload: `Bench-As-Ran-${size}`, version: "1.0.0", logicId: "a5".repeat(32), deployment: "bench", startMs: Date.now() - 60 * 60_000, activations, tokens };
}
