// Fixtures for the SDK's unit tests: a clock tests move by hand, predictable ids, an observer that records.
import type { ActivationEnd, ActivationRef, ActivationStart, RunInfo, RunObserver } from "./observer";
import type { LedgerEvent } from "./ledger";
import type { ExecutionReport } from "./report";
import type { RunFailedError } from "./errors";
import type { RecordedScore } from "./score";
import { CodonWorkload, type WorkloadOptions } from "./workload";

export const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

/** Stands still until a test advances it, so durations are exactly what the test says. */
export function manualClock(start = T0) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function sequentialIds(prefix = "id") {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A workload with a manual clock and ids `id-1`, `id-2`, ... (the run id is `run-1` unless given). */
export function makeWorkload(options: Partial<WorkloadOptions> = {}) {
  const clock = manualClock();
  const workload = new CodonWorkload({
    name: "Test Agent",
    version: "1.0.0",
    orgNamespace: "acme",
    clock: clock.now,
    idGenerator: sequentialIds(),
    ...options,
  });
  return { workload, clock };
}

export const RUN = { runId: "run-1" } as const;

export type Call =
  | { method: "runStarted"; run: RunInfo }
  | { method: "activationStarted"; activation: ActivationStart }
  | { method: "activationFinished"; activation: ActivationEnd }
  | { method: "ledgerEvent"; event: LedgerEvent; activation: ActivationRef | null }
  | { method: "scoreRecorded"; score: RecordedScore; activation: ActivationRef }
  | { method: "runFinished"; report: ExecutionReport; error: RunFailedError | null };

export function recordingObserver(): RunObserver & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    runStarted: (run) => calls.push({ method: "runStarted", run }),
    activationStarted: (activation) => calls.push({ method: "activationStarted", activation }),
    activationFinished: (activation) => calls.push({ method: "activationFinished", activation }),
    ledgerEvent: (event, _run, activation) => calls.push({ method: "ledgerEvent", event, activation }),
    scoreRecorded: (score, _run, activation) => calls.push({ method: "scoreRecorded", score, activation }),
    runFinished: (report, error) => calls.push({ method: "runFinished", report, error }),
  };
}

/** `event_type` of each ledger event, with its source -> target when it has one. */
export function ledgerSummary(ledger: readonly LedgerEvent[]): string[] {
  return ledger.map((event) =>
    event.target_node ? `${event.event_type} ${event.source_node}->${event.target_node}` : `${event.event_type} ${event.source_node}`,
  );
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
