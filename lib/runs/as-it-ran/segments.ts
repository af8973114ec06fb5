import type { AsRanEdge, AsRanSegment } from "@/lib/runs/as-it-ran/types";

/**
 * Maximal chains a → b → … where every link leaves an activation by its only edge out and enters
 * the next by its only edge in; those of at least `minSteps` activations become segments. O(n + e).
 */
export function findSegments(ids: readonly string[], edges: readonly AsRanEdge[], minSteps: number): AsRanSegment[] {
  const outCount = new Map<string, number>();
  const inCount = new Map<string, number>();
  const onlyOut = new Map<string, string>();
  for (const e of edges) {
    outCount.set(e.source, (outCount.get(e.source) ?? 0) + 1);
    inCount.set(e.target, (inCount.get(e.target) ?? 0) + 1);
    onlyOut.set(e.source, e.target);
  }
  const next = new Map<string, string>();
  const linkedIn = new Set<string>();
  for (const [source, target] of onlyOut) {
    if (outCount.get(source) === 1 && inCount.get(target) === 1) {
      next.set(source, target);
      linkedIn.add(target);
    }
  }
  const segments: AsRanSegment[] = [];
  for (const id of ids) {
    if (linkedIn.has(id) || !next.has(id)) continue;
    const chain = [id];
    for (let at = next.get(id); at !== undefined; at = next.get(at)) chain.push(at);
    if (chain.length < minSteps) continue;
    segments.push({ id: `seg:${id}`, first: id, last: chain[chain.length - 1]!, steps: chain.length, activationIds: chain });
  }
  return segments;
}
