import { runActivation } from "./activation";
import { NodeExecutionError, StepLimitExceeded, type RunFailedError } from "./errors";
import type { GraphSnapshot } from "./graph";
import { Ledger } from "./ledger";
import { notifyAll, type ActivationRef, type ObserverErrorHandler, type RunInfo, type RunObserver } from "./observer";
import { isoTime, type Clock, type IdGenerator } from "./options";
import { renderPayload } from "./render";
import { groupByNode, summarizeError, type ActivationResult, type ExecutionReport, type StopReason, type StreamItem } from "./report";
import type { RunContext } from "./runtime";
import { entryToken, type Token } from "./token";

export interface RunSettings {
  /** Everything but the start time, which is taken when the run really starts. */
  readonly info: Omit<RunInfo, "startedAt">;
  readonly payload: unknown;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly observers: readonly RunObserver[];
  readonly onObserverError: ObserverErrorHandler;
  /** Receives ledger events and node results as they happen (the stream). */
  readonly onItem?: (item: StreamItem) => void;
  /** Awaited before each activation (stream backpressure); false ends the run as `cancelled`. */
  readonly beforeActivation?: () => Promise<boolean>;
}

interface Queued {
  readonly target: string;
  readonly token: Token;
}

type Notify = <K extends keyof RunObserver>(method: K, ...args: Parameters<NonNullable<RunObserver[K]>>) => void;

/**
 * The scheduler: one FIFO queue of tokens for the whole run, one activation at a time. Resolves
 * with the report, or rejects with a RunFailedError whose `report` holds everything up to the failure.
 */
export async function runWorkload(graph: GraphSnapshot, settings: RunSettings): Promise<ExecutionReport> {
  const { clock, newId } = settings;
  const info: RunInfo = Object.freeze({ ...settings.info, startedAt: clock() });
  const notify: Notify = (method, ...args) => notifyAll(settings.observers, settings.onObserverError, method, ...args);
  const context = runContext(info);
  let current: ActivationRef | null = null;
  const ledger = new Ledger(clock, (event) => {
    notify("ledgerEvent", event, info, current);
    settings.onItem?.({ kind: "ledger", event });
  });
  // An array with a read index: shift() would make long cyclic runs quadratic.
  const queue: Queued[] = [];
  let head = 0;
  const enqueue = (target: string, token: Token, metadata: Readonly<Record<string, unknown>>) => {
    queue.push({ target, token });
    ledger.record("token_enqueued", token, { source: token.origin, target }, { payload_repr: renderPayload(token.payload), ...metadata });
  };
  const activations: ActivationResult[] = [];
  const state: Record<string, unknown> = {};

  notify("runStarted", info);
  for (const target of info.entryNodes) enqueue(target, entryToken(newId(), settings.payload), { seed: true });

  let stopReason: StopReason = "completed";
  let failure: { node: string; token: Token; step: number; error: unknown } | null = null;
  let stoppedBy: Queued | null = null;
  for (let next = queue[head]; next !== undefined; next = queue[head]) {
    if (settings.beforeActivation && !(await settings.beforeActivation())) {
      stopReason = "cancelled";
      break;
    }
    if (activations.length >= info.maxSteps) {
      stopReason = "step_limit_exceeded";
      break;
    }
    head++;
    const { target, token } = next;
    ledger.record("token_dequeued", token, { source: token.origin, target }, { payload_repr: renderPayload(token.payload) });
    const node = graph.nodes.get(target);
    if (!node) throw new Error(`unreachable: a token was queued for unknown node '${target}'`);
    const step = activations.length + 1;
    current = { step, node: target };
    const outcome = await runActivation({
      run: info,
      context,
      step,
      node,
      token,
      state,
      successors: graph.successors.get(target) ?? new Set(),
      isNode: (name) => graph.nodes.has(name),
      clock,
      newId,
      ledger,
      enqueue,
      notify: {
        activationStarted: (start) => notify("activationStarted", start),
        activationFinished: (end) => notify("activationFinished", end),
        scoreRecorded: (score, run, activation) => notify("scoreRecorded", score, run, activation),
      },
    });
    current = null;
    activations.push(outcome.result);
    settings.onItem?.({ kind: "node_result", result: outcome.result });
    if (outcome.failed) {
      stopReason = "node_failed";
      failure = { node: target, token, step, error: outcome.error };
      break;
    }
    if (outcome.stopRequested) {
      stopReason = "stop_requested";
      stoppedBy = next;
      break;
    }
  }

  const pending = queue.length - head;
  const waiting = queue[head];
  // A run ending with work left gets an audit record: on the token that asked to stop, else on
  // the first token left waiting.
  if (stoppedBy) {
    ledger.record("runtime_stopped", stoppedBy.token, { source: stoppedBy.target, target: null }, { reason: stopReason, pending_tokens: pending });
  } else if (waiting && stopReason !== "node_failed") {
    ledger.record("runtime_stopped", waiting.token, { source: waiting.token.origin, target: waiting.target }, { reason: stopReason, pending_tokens: pending });
  }

  const finishedAt = clock();
  const report: { -readonly [K in keyof ExecutionReport]: ExecutionReport[K] } = {
    runId: info.runId,
    workloadId: info.workloadId,
    workloadName: info.workloadName,
    workloadVersion: info.workloadVersion,
    logicId: info.logicId,
    deploymentId: info.deploymentId,
    status: "ok",
    stopReason,
    error: null,
    startedAt: isoTime(info.startedAt),
    finishedAt: isoTime(finishedAt),
    durationMs: Math.max(0, Math.round(finishedAt - info.startedAt)),
    activations,
    results: groupByNode(activations),
    ledger: ledger.events,
    state,
  };
  let error: RunFailedError | null = null;
  if (failure) error = new NodeExecutionError(failure.node, failure.token.id, failure.step, failure.error, report);
  else if (stopReason === "step_limit_exceeded") error = new StepLimitExceeded(info.maxSteps, waiting?.target ?? "", report);
  if (error) {
    report.status = "error";
    report.error = summarizeError(error);
  }
  Object.freeze(report);
  notify("runFinished", report, error);
  if (error) throw error;
  return report;
}

function runContext(info: RunInfo): RunContext {
  return Object.freeze({
    runId: info.runId,
    deploymentId: info.deploymentId,
    logicId: info.logicId,
    workloadId: info.workloadId,
    workloadName: info.workloadName,
    workloadVersion: info.workloadVersion,
    orgNamespace: info.orgNamespace,
  });
}
