export interface LoopFigures {
  ms: number;
  /** The longest gap between two ticks of a 1 ms heartbeat while the work ran: how long the loop was held, ms. */
  maxDelayMs: number;
}

/**
 * Runs `work` and reports its wall time and the worst event-loop stall it caused. A heartbeat
 * rather than perf_hooks' monitorEventLoopDelay: the histogram misses a stall that begins in the
 * tick that enables it, which is exactly the synchronous case worth measuring.
 */
export async function withLoopDelay(work: () => unknown): Promise<LoopFigures> {
  let last = performance.now();
  let maxGap = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  maxGap = 0;
  last = performance.now();
  const t0 = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  await work();
  const ms = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(beat);
  return { ms, maxDelayMs: maxGap };
}
