import { InvalidDefinitionError, InvalidRunOptionsError } from "./errors";
import { NodeGraph, type GraphSnapshot } from "./graph";
import { logicId, workloadId, type Edge, type LogicDefinition } from "./ids";
import { createNodeSpec, deriveCallableSignature, type NodeSpec } from "./nodespec";
import { warnObserverError, type ObserverErrorHandler, type RunObserver } from "./observer";
import { randomIds, systemClock, type Clock, type IdGenerator } from "./options";
import type { ExecutionReport, StreamItem } from "./report";
import { runWorkload, type RunSettings } from "./run";
import type { NodeFunction } from "./runtime";
import { streamRun } from "./stream";
import { ENTRY_ORIGIN } from "./token";

export const DEFAULT_MAX_STEPS = 1000;
export const DEFAULT_DEPLOYMENT_ID = "local";
/** The Python SDK's fallback when neither an option nor ORG_NAMESPACE gives a namespace. */
export const DEFAULT_ORG_NAMESPACE = "unknown";

/** Shared by the workload options and the per-run options; per-run values win, observers add up. */
interface RunHooks {
  observer?: RunObserver | readonly RunObserver[];
  clock?: Clock;
  idGenerator?: IdGenerator;
}

export interface WorkloadOptions extends RunHooks {
  name: string;
  version: string;
  description?: string;
  tags?: readonly string[];
  /** Hashed into every nodespec id. Defaults to `ORG_NAMESPACE`, then `unknown` (as the Python SDK). */
  orgNamespace?: string;
  /** Called when an observer throws; defaults to console.warn. */
  onObserverError?: ObserverErrorHandler;
}

export interface NodeOptions {
  name: string;
  role: string;
  modelName?: string;
  modelVersion?: string;
  /** JSON text; defaults to `{}` (what the Python SDK gives a callable without annotations). */
  inputSchema?: string;
  outputSchema?: string;
  /** Defaults to `deriveCallableSignature(name, fn)`; pass it to reproduce Python ids exactly. */
  callableSignature?: string;
}

export interface ExecuteOptions extends RunHooks {
  /** `codon.workload.deployment_id`; defaults to `local`. */
  deploymentId?: string;
  /** Most activations a run may have; defaults to 1000. */
  maxSteps?: number;
  /** Nodes that receive the entry payload; defaults to nodes without incoming edges. */
  entryNodes?: readonly string[];
  /** Defaults to a fresh id from the id generator. */
  runId?: string;
}

/** A workload (agent): nodes, directed edges between them (cycles allowed), and a runtime. */
export class CodonWorkload implements LogicDefinition {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly orgNamespace: string;
  private readonly graph = new NodeGraph();
  private cachedLogicId: string | null = null;

  constructor(private readonly options: WorkloadOptions) {
    requireText(options.name, "Workload name");
    requireText(options.version, `Workload '${options.name}': version`);
    this.name = options.name;
    this.version = options.version;
    this.description = options.description ?? "";
    this.tags = Object.freeze([...(options.tags ?? [])]);
    this.orgNamespace = options.orgNamespace || process.env.ORG_NAMESPACE || DEFAULT_ORG_NAMESPACE;
  }

  /** `codon.workload.id`, e.g. `qa-agent:0.1.0`. */
  get workloadId(): string {
    return workloadId(this.name, this.version);
  }

  /** Changes whenever a node or edge is added; each run records the one it started with. */
  get logicId(): string {
    return (this.cachedLogicId ??= logicId(this));
  }

  get nodes(): readonly NodeSpec[] {
    return this.graph.nodes;
  }

  get edges(): readonly Edge[] {
    return this.graph.edges;
  }

  nodeSpec(name: string): NodeSpec | undefined {
    return this.graph.get(name)?.spec;
  }

  /**
   * Registers `fn` as node `options.name`. `P` types the payload for the function's own
   * convenience; the runtime does not check payloads.
   */
  addNode<P = unknown>(fn: NodeFunction<P>, options: NodeOptions): NodeSpec {
    requireText(options.name, "Node name");
    if (options.name === ENTRY_ORIGIN) throw new InvalidDefinitionError(`Node name '${ENTRY_ORIGIN}' is reserved for entry tokens`);
    requireText(options.role, `Node '${options.name}': role`);
    if (typeof fn !== "function") throw new InvalidDefinitionError(`Node '${options.name}': expected a function, got ${typeof fn}`);
    const spec = createNodeSpec({
      name: options.name,
      role: options.role,
      orgNamespace: this.orgNamespace,
      callableSignature: options.callableSignature ?? deriveCallableSignature(options.name, fn),
      inputSchema: options.inputSchema,
      outputSchema: options.outputSchema,
      modelName: options.modelName,
      modelVersion: options.modelVersion,
    });
    this.graph.addNode({ spec, fn: fn as NodeFunction });
    this.cachedLogicId = null;
    return spec;
  }

  /** A directed edge; both nodes must exist. Adding an edge twice is a no-op. */
  addEdge(source: string, target: string): this {
    if (this.graph.addEdge(source, target)) this.cachedLogicId = null;
    return this;
  }

  /** Runs the workload on `payload`; rejects with a RunFailedError (carrying the partial report) on failure. */
  execute(payload: unknown, options: ExecuteOptions = {}): Promise<ExecutionReport> {
    try {
      const { graph, settings } = this.prepare(payload, options);
      return runWorkload(graph, settings);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Like `execute()`, as an async iterator of ledger events and node results as they happen,
   * ending with `{ kind: "report" }`. Invalid options throw here; run failures throw from the loop.
   */
  stream(payload: unknown, options: ExecuteOptions = {}): AsyncGenerator<StreamItem, void, undefined> {
    const { graph, settings } = this.prepare(payload, options);
    return streamRun((onItem, beforeActivation) => runWorkload(graph, { ...settings, onItem, beforeActivation }));
  }

  /** Snapshots the graph and checks the options, so a bad call fails before anything runs. */
  private prepare(payload: unknown, options: ExecuteOptions): { graph: GraphSnapshot; settings: RunSettings } {
    const graph = this.graph.snapshot();
    if (graph.nodes.size === 0) throw new InvalidRunOptionsError(`Workload '${this.name}' has no nodes; add one with addNode()`);
    const entryNodes = [...(options.entryNodes ?? graph.defaultEntryNodes)];
    if (entryNodes.length === 0) throw new InvalidRunOptionsError(`Workload '${this.name}': entryNodes is empty`);
    for (const node of entryNodes) {
      if (!graph.nodes.has(node)) throw new InvalidRunOptionsError(`Workload '${this.name}': entry node '${node}' is not registered`);
    }
    const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
      throw new InvalidRunOptionsError(`Workload '${this.name}': maxSteps must be a positive integer, got ${maxSteps}`);
    }
    const deploymentId = options.deploymentId ?? DEFAULT_DEPLOYMENT_ID;
    if (deploymentId.trim() === "") throw new InvalidRunOptionsError(`Workload '${this.name}': deploymentId must not be empty`);
    const clock = options.clock ?? this.options.clock ?? systemClock;
    const newId = options.idGenerator ?? this.options.idGenerator ?? randomIds;
    const info: RunSettings["info"] = Object.freeze({
      runId: options.runId ?? newId(),
      deploymentId,
      logicId: this.logicId,
      workloadId: this.workloadId,
      workloadName: this.name,
      workloadVersion: this.version,
      workloadDescription: this.description,
      orgNamespace: this.orgNamespace,
      tags: this.tags,
      nodes: [...graph.nodes.values()].map((node) => node.spec),
      edges: graph.edges,
      entryNodes: Object.freeze(entryNodes),
      maxSteps,
    });
    const observers = [...asList(this.options.observer), ...asList(options.observer)];
    const onObserverError = this.options.onObserverError ?? warnObserverError;
    return { graph, settings: { info, payload, clock, newId, observers, onObserverError } };
  }
}

function asList(observer: RunObserver | readonly RunObserver[] | undefined): readonly RunObserver[] {
  if (observer === undefined) return [];
  return Array.isArray(observer) ? observer : [observer as RunObserver];
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidDefinitionError(`${what} must be a non-empty string`);
}
