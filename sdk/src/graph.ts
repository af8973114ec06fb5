import { DuplicateNodeError, UnknownNodeError } from "./errors";
import type { Edge } from "./ids";
import type { NodeSpec } from "./nodespec";
import type { NodeFunction } from "./runtime";

export interface RegisteredNode {
  readonly spec: NodeSpec;
  readonly fn: NodeFunction;
}

/** A frozen copy of the graph: a run uses the graph as it was when the run started. */
export interface GraphSnapshot {
  readonly nodes: ReadonlyMap<string, RegisteredNode>;
  readonly successors: ReadonlyMap<string, ReadonlySet<string>>;
  readonly edges: readonly Edge[];
  readonly defaultEntryNodes: readonly string[];
}

/** Nodes in insertion order and directed edges (a set; cycles and self-loops allowed). */
export class NodeGraph {
  private readonly nodeMap = new Map<string, RegisteredNode>();
  private readonly successorMap = new Map<string, Set<string>>();
  private readonly edgeList: Edge[] = [];

  get nodes(): readonly NodeSpec[] {
    return [...this.nodeMap.values()].map((node) => node.spec);
  }

  get edges(): readonly Edge[] {
    return [...this.edgeList];
  }

  get(name: string): RegisteredNode | undefined {
    return this.nodeMap.get(name);
  }

  addNode(node: RegisteredNode): void {
    const name = node.spec.name;
    if (this.nodeMap.has(name)) throw new DuplicateNodeError(name);
    this.nodeMap.set(name, node);
    this.successorMap.set(name, new Set());
  }

  /** Returns false when the edge already existed (adding it again is a no-op, as in the Python SDK). */
  addEdge(source: string, target: string): boolean {
    for (const name of [source, target]) {
      if (!this.nodeMap.has(name)) throw new UnknownNodeError(name, { source, target });
    }
    const successors = this.successorMap.get(source) ?? new Set<string>();
    if (successors.has(target)) return false;
    successors.add(target);
    this.successorMap.set(source, successors);
    this.edgeList.push(Object.freeze({ source, target }));
    return true;
  }

  /** Nodes without incoming edges; for a graph that is all cycle, the first node added. */
  defaultEntryNodes(): string[] {
    const targets = new Set(this.edgeList.map((edge) => edge.target));
    const roots = [...this.nodeMap.keys()].filter((name) => !targets.has(name));
    const first = this.nodeMap.keys().next();
    return roots.length > 0 || first.done ? roots : [first.value];
  }

  snapshot(): GraphSnapshot {
    const successors = new Map<string, ReadonlySet<string>>();
    for (const [name, targets] of this.successorMap) successors.set(name, new Set(targets));
    return {
      nodes: new Map(this.nodeMap),
      successors,
      edges: this.edges,
      defaultEntryNodes: this.defaultEntryNodes(),
    };
  }
}
