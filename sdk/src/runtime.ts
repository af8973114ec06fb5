import { EmitToUnknownEdge, InvalidRuntimeCallError } from "./errors";
import { isBuiltinEventType, type Ledger } from "./ledger";
import { isoTime, type Clock, type IdGenerator } from "./options";
import { normalizeScore, type RecordedScore, type ScoreInput } from "./score";
import { childToken, type Token } from "./token";
import { usageProblem, type LlmUsage } from "./usage";

/** Run-wide, read-only facts handed to every node (the Python SDK's `context`). */
export interface RunContext {
  readonly runId: string;
  readonly deploymentId: string;
  readonly logicId: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly workloadVersion: string;
  readonly orgNamespace: string;
}

/** What a node function can do besides returning a value. Valid only until the node returns. */
export interface NodeRuntime {
  readonly node: string;
  readonly step: number;
  /** The token being handled; its payload is the node's `payload` argument. */
  readonly token: Token;
  /** One mutable object per run, shared by every node of the run. */
  readonly state: Record<string, unknown>;
  /** Queues `payload` for `target` along a registered edge; returns the new token's id. */
  emit(target: string, payload: unknown, options?: { metadata?: Readonly<Record<string, unknown>> }): string;
  /** Adds a custom event (any type but the built-in ones) to the ledger. */
  recordEvent(eventType: string, metadata?: Readonly<Record<string, unknown>>): void;
  /** Attaches LLM usage to this activation (several calls add up). */
  recordUsage(usage: LlmUsage): void;
  /**
   * Scores this activation (a GenAI evaluation event on its span). `value`: a finite number or a
   * pass/fail boolean; `label` alone for a category. Throws a TypeError for an invalid score.
   */
  recordScore(score: ScoreInput): void;
  /** Ends the run once this activation returns; queued tokens are left unprocessed. */
  stop(): void;
  readonly stopRequested: boolean;
}

export interface NodeTools {
  readonly runtime: NodeRuntime;
  readonly context: RunContext;
}

/** A node: takes the token's payload; its return value is the activation's output. */
export type NodeFunction<P = unknown> = (payload: P, tools: NodeTools) => unknown;

export interface ActivationWiring {
  readonly node: string;
  readonly step: number;
  readonly token: Token;
  readonly state: Record<string, unknown>;
  readonly successors: ReadonlySet<string>;
  readonly isNode: (name: string) => boolean;
  readonly newId: IdGenerator;
  readonly clock: Clock;
  readonly ledger: Ledger;
  readonly enqueue: (target: string, token: Token, metadata: Readonly<Record<string, unknown>>) => void;
  readonly onScore: (score: RecordedScore) => void;
}

/** The NodeRuntime of one activation; closed when the node returns so late calls fail loudly. */
export class ActivationRuntime implements NodeRuntime {
  readonly emitted: string[] = [];
  readonly usage: LlmUsage[] = [];
  readonly scores: RecordedScore[] = [];
  private stopFlag = false;
  private open = true;

  constructor(private readonly wiring: ActivationWiring) {}

  get node(): string {
    return this.wiring.node;
  }
  get step(): number {
    return this.wiring.step;
  }
  get token(): Token {
    return this.wiring.token;
  }
  get state(): Record<string, unknown> {
    return this.wiring.state;
  }
  get stopRequested(): boolean {
    return this.stopFlag;
  }

  emit(target: string, payload: unknown, options: { metadata?: Readonly<Record<string, unknown>> } = {}): string {
    this.assertOpen("emit");
    const { node, successors, isNode } = this.wiring;
    if (!successors.has(target)) throw new EmitToUnknownEdge(node, target, isNode(target));
    const token = childToken(this.wiring.newId(), this.wiring.token, node, payload);
    this.wiring.enqueue(target, token, { ...options.metadata });
    this.emitted.push(token.id);
    return token.id;
  }

  recordEvent(eventType: string, metadata: Readonly<Record<string, unknown>> = {}): void {
    this.assertOpen("recordEvent");
    if (typeof eventType !== "string" || eventType.trim() === "") {
      throw new InvalidRuntimeCallError(`Node '${this.node}': recordEvent() needs a non-empty event type`);
    }
    if (isBuiltinEventType(eventType)) {
      throw new InvalidRuntimeCallError(`Node '${this.node}': '${eventType}' is recorded by the runtime itself; pick another event type`);
    }
    this.wiring.ledger.record(eventType, this.token, { source: this.node, target: null }, { ...metadata });
  }

  recordUsage(usage: LlmUsage): void {
    this.assertOpen("recordUsage");
    const problem = usageProblem(usage);
    if (problem) throw new InvalidRuntimeCallError(`Node '${this.node}': recordUsage(): ${problem}`);
    this.usage.push(Object.freeze({ ...usage }));
  }

  recordScore(score: ScoreInput): void {
    this.assertOpen("recordScore");
    const valid = normalizeScore(score, `Node '${this.node}': runtime.recordScore()`);
    const recorded: RecordedScore = Object.freeze({ ...valid, timestamp: isoTime(this.wiring.clock()) });
    this.scores.push(recorded);
    this.wiring.onScore(recorded);
  }

  stop(): void {
    this.assertOpen("stop");
    this.stopFlag = true;
  }

  close(): void {
    this.open = false;
  }

  private assertOpen(method: string): void {
    if (!this.open) {
      throw new InvalidRuntimeCallError(
        `Node '${this.node}' called runtime.${method}() after its activation (step ${this.step}) finished; await all work before returning`,
      );
    }
  }
}
