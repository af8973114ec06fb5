/** A node that ran, as time-order inference needs it. */
export interface TimedNode {
  id: string;
  firstStartNs: bigint;
  lastEndNs: bigint;
}

/**
 * Order in time, the last resort: a node that ran but that no edge reaches (other than the
 * first node) follows the node that finished last before it started; when all overlap, the one
 * that started last before it. Ties go to the node earlier in `nodes`.
 *
 * O(N log N): two sorted orders and a binary search per node, where scanning every other node
 * per node froze the server on a run with thousands of distinct nodes.
 */
export function inferredEdges(nodes: readonly TimedNode[], reached: ReadonlySet<string>): [string, string][] {
  if (nodes.length < 2) return [];
  let first = 0;
  for (let i = 1; i < nodes.length; i++) if (nodes[i]!.firstStartNs < nodes[first]!.firstStartNs) first = i;
  const byEnd = latestAtOrBefore(nodes, (node) => node.lastEndNs);
  const byStart = latestAtOrBefore(nodes, (node) => node.firstStartNs);
  const result: [string, string][] = [];
  nodes.forEach((node, i) => {
    if (i === first || reached.has(node.id)) return;
    const best = byEnd(node.firstStartNs, i) ?? byStart(node.firstStartNs, i);
    if (best !== null) result.push([nodes[best]!.id, node.id]);
  });
  return result;
}

/**
 * A lookup over `nodes` by one time: the index of the node with the greatest time ≤ `at`, the
 * earliest in `nodes` among equals, leaving out `self`; null when none.
 */
function latestAtOrBefore(nodes: readonly TimedNode[], time: (node: TimedNode) => bigint): (at: bigint, self: number) => number | null {
  // Ascending by time; among equal times, later indices first, so the last entry of a run of
  // equal times is the earliest node, and the one before it the next earliest.
  const order = nodes.map((_, i) => i);
  const times = nodes.map(time);
  order.sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : b - a));
  return (at, self) => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[order[mid]!]! <= at) lo = mid + 1;
      else hi = mid;
    }
    let pos = lo - 1;
    // Skipping self is enough: the entry before it is the next earliest of its time, or the
    // earliest of the next greatest time.
    if (pos >= 0 && order[pos] === self) pos -= 1;
    return pos >= 0 ? order[pos]! : null;
  };
}
