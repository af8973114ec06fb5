import type { Edge } from "./ids";
import type { LedgerEvent } from "./ledger";
import type { NodeSpec } from "./nodespec";
import type { ActivationResult, ExecutionReport } from "./report";
import type { RecordedScore } from "./score";
import type { Token } from "./token";
import type { RunFailedError } from "./errors";
import type { UsageSummary } from "./usage";

/** Run-wide context: everything a node span needs besides the node itself (`codon.workload.*`). */
export interface RunInfo {
  readonly runId: string;
  readonly deploymentId: string;
  readonly logicId: string;
  /** `codon.workload.id`, e.g. `qa-agent:0.1.0`. */
  readonly workloadId: string;
  readonly workloadName: string;
  readonly workloadVersion: string;
  readonly workloadDescription: string;
  readonly orgNamespace: string;
  readonly tags: readonly string[];
  /** The static graph (for an `agent.graph` definition span): every node, fired or not. */
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly Edge[];
  readonly entryNodes: readonly string[];
  readonly maxSteps: number;
  /** Epoch ms. */
  readonly startedAt: number;
}

/** A node activation about to call the node function. */
export interface ActivationStart {
  readonly run: RunInfo;
  readonly step: number;
  readonly spec: NodeSpec;
  readonly token: Token;
  /** Epoch ms. */
  readonly startedAt: number;
  /** The payload rendered and truncated for `codon.node.input`. */
  readonly inputText: string;
}

/** A finished activation: `result.status`, `result.durationMs`, `result.usage` and the rest. */
export interface ActivationEnd extends ActivationStart {
  readonly result: ActivationResult;
  /** Epoch ms. */
  readonly finishedAt: number;
  /** The return value rendered and truncated for `codon.node.output`; null when the node failed. */
  readonly outputText: string | null;
  /** `result.usage` added up for `codon.tokens.*` and `codon.model.*`; null without usage. */
  readonly usage: UsageSummary | null;
  /** What the node threw, as it was thrown (undefined on success). */
  readonly error: unknown;
}

/** The activation a ledger event was recorded in (null between activations), to tie it to a span. */
export interface ActivationRef {
  readonly step: number;
  readonly node: string;
}

/**
 * The telemetry seam: an exporter implements this (one span per activation, ledger events as log
 * records). Every method is optional and synchronous; what an observer throws (or a promise it
 * returns rejects with) is reported to `onObserverError` and never affects the run.
 */
export interface RunObserver {
  runStarted?(run: RunInfo): void;
  activationStarted?(activation: ActivationStart): void;
  activationFinished?(activation: ActivationEnd): void;
  ledgerEvent?(event: LedgerEvent, run: RunInfo, activation: ActivationRef | null): void;
  /** A node scored its own activation (`runtime.recordScore`), while the activation is still running. */
  scoreRecorded?(score: RecordedScore, run: RunInfo, activation: ActivationRef): void;
  /** After the last activation; `error` is set when the run failed (it is also what execute() rejects with). */
  runFinished?(report: ExecutionReport, error: RunFailedError | null): void;
}

export type ObserverErrorHandler = (error: unknown, method: keyof RunObserver) => void;

export const warnObserverError: ObserverErrorHandler = (error, method) => {
  console.warn(`[codon-sdk] RunObserver.${method} failed; the run goes on`, error);
};

type Args<K extends keyof RunObserver> = Parameters<NonNullable<RunObserver[K]>>;

/** Calls every observer's `method`, isolating the run from observer failures. */
export function notifyAll<K extends keyof RunObserver>(
  observers: readonly RunObserver[],
  onError: ObserverErrorHandler,
  method: K,
  ...args: Args<K>
): void {
  for (const observer of observers) {
    const handler = observer[method] as ((...params: Args<K>) => unknown) | undefined;
    if (!handler) continue;
    try {
      const returned = handler.apply(observer, args);
      if (isThenable(returned)) returned.then(undefined, (error: unknown) => onError(error, method));
    } catch (error) {
      onError(error, method);
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
