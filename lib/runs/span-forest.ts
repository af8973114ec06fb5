/** Usage figures (the same shape as usage-totals.ts's, kept here so neither imports the other). */
export interface Figures {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A span as the forest needs it. */
export interface ForestSpan extends Figures {
  key: string;
  parentKey: string | null;
  counts: boolean;
}

/** Spans as a forest by parent links, walked once: subtree sums and a depth-first order. */
export interface SpanForest {
  /** Counted usage of span i and everything beneath it (a new object). */
  subtreeOf(i: number): Figures;
  /** Counted usage of span i alone, zero when it does not count (a new object). */
  ownOf(i: number): Figures;
  /** Depth-first: each span's index when entered (>= 0) and left (-1 - index). */
  walk: Int32Array;
  /** 1 for the first span with its key; a repeat (0) is walked alone, as a root without children. */
  first: Uint8Array;
  indexOf: ReadonlyMap<string, number>;
}

/**
 * O(N), in typed arrays: a 100,000-span run's DAG walks every span, and an object per span's
 * figures and an array per span's children were most of that walk's time and garbage.
 * Roots are spans without a (known) parent. Parent links that loop (malformed) are cut where the
 * walk up from an unreached span first comes back to itself, so every span is walked exactly once.
 */
export function spanForest(spans: readonly ForestSpan[]): SpanForest {
  const n = spans.length;
  const indexOf = new Map<string, number>();
  const first = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const key = spans[i]!.key;
    if (indexOf.has(key)) continue;
    indexOf.set(key, i);
    first[i] = 1;
  }
  const parent = new Int32Array(n).fill(-1);
  // Children in CSR form: span p's are childList[childStart[p] .. childStart[p + 1]), in span order.
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const parentKey = spans[i]!.parentKey;
    if (first[i] === 0 || parentKey === null) continue;
    const p = indexOf.get(parentKey) ?? -1;
    parent[i] = p;
    if (p >= 0) childStart[p + 1]! += 1;
  }
  for (let p = 0; p < n; p++) childStart[p + 1]! += childStart[p]!;
  const childList = new Int32Array(childStart[n]!);
  const filled = childStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p >= 0) childList[filled[p]!++] = i;
  }
  // Own and subtree figures, one column each.
  const own = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    if (!span.counts) continue;
    own[0][i] = span.inputTokens;
    own[1][i] = span.outputTokens;
    own[2][i] = span.costUsd;
  }
  const subtree = [own[0].slice(), own[1].slice(), own[2].slice()] as const;
  const walk = new Int32Array(2 * n);
  let walked = 0;
  const visited = new Uint8Array(n);
  const stack: number[] = [];

  const walkFrom = (root: number) => {
    stack.push(root);
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top < 0) {
        const i = -1 - top;
        walk[walked++] = top;
        const p = parent[i]!;
        if (p >= 0 && visited[p] === 1 && p !== i) for (const column of subtree) column[p]! += column[i]!;
        continue;
      }
      if (visited[top]) continue;
      visited[top] = 1;
      walk[walked++] = top;
      stack.push(-1 - top);
      for (let c = childStart[top]!; c < childStart[top + 1]!; c++) if (!visited[childList[c]!]) stack.push(childList[c]!);
    }
  };
  for (let i = 0; i < n; i++) if (parent[i]! < 0) walkFrom(i);
  // What is left hangs off a loop: walk up to the loop and start there, cutting its link.
  for (let i = 0; i < n; i++) {
    if (visited[i]) continue;
    const seen = new Set<number>();
    let at = i;
    while (!seen.has(at)) {
      seen.add(at);
      at = parent[at]!;
    }
    parent[at] = -1;
    walkFrom(at);
  }
  const figuresAt = (columns: readonly [Float64Array, Float64Array, Float64Array], i: number): Figures => ({ inputTokens: columns[0][i]!, outputTokens: columns[1][i]!, costUsd: columns[2][i]! });
  return { subtreeOf: (i) => figuresAt(subtree, i), ownOf: (i) => figuresAt(own, i), walk, first, indexOf };
}

export function add(target: Figures, figures: Figures): void {
  target.inputTokens += figures.inputTokens;
  target.outputTokens += figures.outputTokens;
  target.costUsd += figures.costUsd;
}

export function subtract(target: Figures, figures: Figures): void {
  target.inputTokens -= figures.inputTokens;
  target.outputTokens -= figures.outputTokens;
  target.costUsd -= figures.costUsd;
}
