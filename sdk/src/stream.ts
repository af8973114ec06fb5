import type { ExecutionReport, StreamItem } from "./report";

/**
 * Starts a run that reports items through `onItem` and awaits `beforeActivation` before each
 * activation (false: stop as cancelled).
 */
export type RunStarter = (onItem: (item: StreamItem) => void, beforeActivation: () => Promise<boolean>) => Promise<ExecutionReport>;

/**
 * Turns a push-style run into a pull-style async iterator. The run starts at the first `next()`.
 * Backpressure works per activation: the next activation starts once the consumer has taken
 * every item so far, so leaving the loop early cancels the run after the current activation.
 * A failed run throws its error after the items recorded before the failure.
 */
export async function* streamRun(start: RunStarter): AsyncGenerator<StreamItem, void, undefined> {
  const buffer: Array<StreamItem | null> = [];
  let read = 0;
  // Mutated from callbacks; an object keeps TS from narrowing the fields to their initial values.
  const run = {
    finished: false,
    failed: false,
    error: undefined as unknown,
    cancelled: false,
    /** Wakes the consumer waiting for an item. */
    wake: null as (() => void) | null,
    /** Lets the runner start its next activation. */
    resume: null as (() => void) | null,
  };
  // Clearing `wake` on use keeps `wake !== null` meaning "the consumer has taken everything and waits".
  const wakeConsumer = () => {
    const wake = run.wake;
    run.wake = null;
    wake?.();
  };
  const push = (item: StreamItem) => {
    buffer.push(item);
    wakeConsumer();
  };
  const beforeActivation = async (): Promise<boolean> => {
    if (!run.cancelled && run.wake === null) await new Promise<void>((resolve) => (run.resume = resolve));
    return !run.cancelled;
  };
  const letRunnerGo = () => {
    const resume = run.resume;
    run.resume = null;
    resume?.();
  };
  void start(push, beforeActivation)
    .then(
      (report) => push({ kind: "report", report }),
      (error: unknown) => {
        run.failed = true;
        run.error = error;
      },
    )
    .finally(() => {
      run.finished = true;
      wakeConsumer();
    });

  try {
    for (;;) {
      if (read < buffer.length) {
        const item = buffer[read] as StreamItem;
        buffer[read++] = null; // consumed items can be collected
        yield item;
      } else if (run.finished) {
        break;
      } else {
        const next = new Promise<void>((resolve) => (run.wake = resolve));
        letRunnerGo();
        await next;
      }
    }
    if (run.failed) throw run.error;
  } finally {
    run.cancelled = true;
    letRunnerGo();
  }
}
