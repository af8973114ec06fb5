/**
 * Decoders are generators that yield after each span or log record: run to the end at once
 * (`runToEnd`), or in slices of event-loop time (`runInSlices`) so a large export never holds
 * the loop for long: other exports, health checks and the dashboard get turns in between.
 */
export type Steps<T> = Generator<void, T, void>;

/** A decoder of one item that never yields, as one that may (envelopes take either kind alike). */
export function stepless<A extends unknown[], T>(decode: (...args: A) => T): (...args: A) => Steps<T> {
  return function* (...args: A): Steps<T> {
    return decode(...args);
  };
}

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Slices of ~10 ms keep the loop's worst stall far below the 50 ms budget. */
export const DEFAULT_SLICE_MS = 10;
/** Reading the clock every step costs more than a small span's decoding: look every few. */
const STEPS_PER_CLOCK_READ = 16;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runInSlices<T>(steps: Steps<T>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % STEPS_PER_CLOCK_READ === 0 && performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
