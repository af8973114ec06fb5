/** Distinct nodes a workflow's DAG draws at most (MAX_DAG_NODES); the rest are counted as omitted. */
export const DEFAULT_MAX_DAG_NODES = 500;

// On globalThis, as the server runtime is: Next bundles route handlers into their own module
// graph, and the value server.ts sets at start must reach them.
const KEY = Symbol.for("codon-observatory.max-dag-nodes");
type WithLimit = typeof globalThis & { [KEY]?: number };

/** Set once at start from the configuration. */
export function setMaxDagNodes(value: number): void {
  (globalThis as WithLimit)[KEY] = value;
}

export function maxDagNodes(): number {
  return (globalThis as WithLimit)[KEY] ?? DEFAULT_MAX_DAG_NODES;
}
