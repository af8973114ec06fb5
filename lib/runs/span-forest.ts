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
  /** Counted usage of the span and everything beneath it. */
  subtree: Figures[];
  /** Counted usage of the span alone (zero when it does not count). */
  own: Figures[];
  /** Depth-first: each span's index when entered (>= 0) and left (-1 - index). */
  walk: number[];
  indexOf: ReadonlyMap<string, number>;
}

const zero = (): Figures => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 });

/**
 * O(N). Roots are spans without a (known) parent. Parent links that loop (malformed) are cut
 * where the walk up from an unreached span first comes back to itself, so every span is walked
 * exactly once.
 */
export function spanForest(spans: readonly ForestSpan[]): SpanForest {
  const indexOf = new Map<string, number>();
  spans.forEach((span, i) => {
    if (!indexOf.has(span.key)) indexOf.set(span.key, i);
  });
  const parent = spans.map((span, i) => (indexOf.get(span.key) === i && span.parentKey !== null ? (indexOf.get(span.parentKey) ?? -1) : -1));
  const children: number[][] = spans.map(() => []);
  parent.forEach((p, i) => {
    if (p >= 0) children[p]!.push(i);
  });
  const own = spans.map((span) => (span.counts ? { inputTokens: span.inputTokens, outputTokens: span.outputTokens, costUsd: span.costUsd } : zero()));
  const subtree = own.map((figures) => ({ ...figures }));
  const walk: number[] = [];
  const visited = new Uint8Array(spans.length);

  const walkFrom = (root: number) => {
    const stack = [root];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top < 0) {
        const i = -1 - top;
        walk.push(top);
        const p = parent[i]!;
        if (p >= 0 && visited[p] === 1 && p !== i) add(subtree[p]!, subtree[i]!);
        continue;
      }
      if (visited[top]) continue;
      visited[top] = 1;
      walk.push(top);
      stack.push(-1 - top);
      for (const child of children[top]!) if (!visited[child]) stack.push(child);
    }
  };
  parent.forEach((p, i) => {
    if (p < 0) walkFrom(i);
  });
  // What is left hangs off a loop: walk up to the loop and start there, cutting its link.
  for (let i = 0; i < spans.length; i++) {
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
  return { subtree, own, walk, indexOf };
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
