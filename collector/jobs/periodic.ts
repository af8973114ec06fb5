/** How long close() waits for the pass in flight: a query stuck on a dead connection must not hold shutdown. */
const CLOSE_WAIT_MS = 5000;

export interface Periodic<T> {
  /** A pass now; one asked for while another runs shares it. */
  now(): Promise<T>;
  /** True once close() was called: a long pass checks it between steps and stops early. */
  stopping(): boolean;
  /** No more passes; waits (up to 5 s) for the one in flight. */
  close(): Promise<void>;
}

/**
 * Runs `pass` in the background: first after `firstMs`, then every `intervalMs`, never two at
 * once; a failed timed pass is reported to `failed` and tried again next time. Timers do not
 * keep the process alive.
 */
export function startPeriodic<T>(pass: () => Promise<T>, options: { firstMs: number; intervalMs: number; failed: (error: Error) => void }): Periodic<T> {
  let closing = false;
  let working: Promise<T> | null = null;
  const now = (): Promise<T> => {
    working ??= pass().finally(() => {
      working = null;
    });
    return working;
  };
  const kick = () => {
    if (!closing) now().catch((error: unknown) => options.failed(error as Error));
  };
  const first = setTimeout(kick, options.firstMs);
  const timer = setInterval(kick, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    now,
    stopping: () => closing,
    async close() {
      closing = true;
      clearTimeout(first);
      clearInterval(timer);
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([working?.catch(() => {}), new Promise<void>((resolve) => (timeout = setTimeout(resolve, CLOSE_WAIT_MS)))]);
      clearTimeout(timeout);
    },
  };
}
