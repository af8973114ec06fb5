import { sseFrame } from "../http/sse";
import type { RunChangeHub } from "../runtime/run-changes";
import type { RunView } from "./types";

export interface RunEventStreamOptions {
  tenantId: string;
  runId: string;
  load: () => Promise<RunView | null>;
  hub: RunChangeHub;
  signal: AbortSignal;
  /** Catches writes made by other processes, which the hub does not see. */
  pollMs?: number;
  keepAliveMs?: number;
  /** Coalesces bursts of writes into one reload (and one client refresh) at most this often. */
  debounceMs?: number;
  /** Closed after this long; EventSource clients reconnect on their own. */
  maxLifetimeMs?: number;
  onError?: (error: Error) => void;
}

/**
 * `event: run` with the run's figures now and whenever they change, keep-alive comments in
 * between. Everything is released when the client goes away.
 */
export function runEventStream(options: RunEventStreamOptions): ReadableStream<Uint8Array> {
  const { pollMs = 2000, keepAliveMs = 15_000, debounceMs = 500, maxLifetimeMs = 30 * 60_000 } = options;
  const encoder = new TextEncoder();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  let lastSent = "";
  let sequence = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let loading: Promise<void> | null = null;
  let dirty = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe?.();
        for (const timer of timers) clearInterval(timer);
        if (pending) clearTimeout(pending);
        options.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const refresh = (): Promise<void> => {
        if (closed) return Promise.resolve();
        // One load at a time; a change reported during a load (which may have read before that
        // write committed) runs one more load after it.
        if (loading) {
          dirty = true;
          return loading;
        }
        loading = options
          .load()
          .then((run) => {
            if (!run) return;
            const body = JSON.stringify(run);
            if (body === lastSent) return;
            lastSent = body;
            write(sseFrame("run", run, ++sequence));
          })
          .catch((error: unknown) => options.onError?.(error as Error))
          .finally(() => {
            loading = null;
            if (dirty) {
              dirty = false;
              schedule();
            }
          });
        return loading;
      };
      const schedule = () => {
        if (pending || closed) return;
        pending = setTimeout(() => {
          pending = null;
          void refresh();
        }, debounceMs);
      };

      options.signal.addEventListener("abort", close);
      if (options.signal.aborted) return close();
      unsubscribe = options.hub.subscribe((change) => {
        if (change.tenantId === options.tenantId && change.runIds.includes(options.runId)) schedule();
      });
      write("retry: 2000\n\n");
      void refresh();
      timers.push(setInterval(() => void refresh(), pollMs));
      timers.push(setInterval(() => write(": keep-alive\n\n"), keepAliveMs));
      timers.push(setTimeout(close, maxLifetimeMs));
    },
    cancel() {
      closed = true;
      unsubscribe?.();
      for (const timer of timers) clearInterval(timer);
      if (pending) clearTimeout(pending);
    },
  });
}
