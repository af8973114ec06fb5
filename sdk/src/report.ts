import type { LedgerEvent } from "./ledger";
import type { RecordedScore } from "./score";
import type { LlmUsage } from "./usage";

export type ActivationStatus = "ok" | "error";

/**
 * Why a run ended. `completed`: no tokens left. `stop_requested`: a node called `runtime.stop()`.
 * `cancelled`: a `stream()` consumer stopped iterating. The other two fail the run.
 */
export type StopReason = "completed" | "stop_requested" | "cancelled" | "step_limit_exceeded" | "node_failed";

export interface ErrorSummary {
  readonly name: string;
  readonly message: string;
}

/** One node activation: one token handled by one node. */
export interface ActivationResult {
  /** 1-based position of the activation in the run. */
  readonly step: number;
  readonly node: string;
  readonly nodespecId: string;
  readonly tokenId: string;
  readonly input: unknown;
  /** What the node returned (undefined when it failed). Returning does not route anything. */
  readonly output: unknown;
  readonly status: ActivationStatus;
  readonly error: ErrorSummary | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Ids of the tokens the activation emitted, in order. */
  readonly emitted: readonly string[];
  readonly usage: readonly LlmUsage[];
  /** What the node recorded with `runtime.recordScore`, in order (kept with or without an observer). */
  readonly scores: readonly RecordedScore[];
}

export interface ExecutionReport {
  readonly runId: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly workloadVersion: string;
  readonly logicId: string;
  readonly deploymentId: string;
  readonly status: "ok" | "error";
  readonly stopReason: StopReason;
  readonly error: ErrorSummary | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Activations in the order they ran. */
  readonly activations: readonly ActivationResult[];
  /** The same activations grouped by node name. */
  readonly results: Readonly<Record<string, readonly ActivationResult[]>>;
  readonly ledger: readonly LedgerEvent[];
  /** `runtime.state` as the run left it. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** What `stream()` yields: ledger events and node results as they happen, then the report. */
export type StreamItem =
  | { readonly kind: "ledger"; readonly event: LedgerEvent }
  | { readonly kind: "node_result"; readonly result: ActivationResult }
  | { readonly kind: "report"; readonly report: ExecutionReport };

/** The outputs of every activation of `node`, in order. */
export function nodeOutputs(report: ExecutionReport, node: string): unknown[] {
  return (report.results[node] ?? []).map((result) => result.output);
}

export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}

export function groupByNode(activations: readonly ActivationResult[]): Record<string, ActivationResult[]> {
  const groups: Record<string, ActivationResult[]> = {};
  for (const activation of activations) (groups[activation.node] ??= []).push(activation);
  return groups;
}
