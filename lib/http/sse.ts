import type { RunChangeHub } from "@/lib/runtime/run-changes";

/** One Server-Sent Event frame; data is JSON on a single line. */
export function sseFrame(event: string, data: unknown, id?: string | number): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx buffer responses unless told otherwise.
  "x-accel-buffering": "no",
} as const;

/** Timing of a live stream; undefined values take liveEventStream's defaults. */
export interface LiveStreamTiming {
  /** Catches writes made by other processes, which the change notices do not cover. */
  pollMs?: number;
  keepAliveMs?: number;
  /** Coalesces bursts of changes into one refresh at most this often. */
  debounceMs?: number;
  /** Closed after this long; EventSource clients reconnect on their own. */
  maxLifetimeMs?: number;
  onError?: (error: Error) => void;
}

export interface LiveStreamOptions extends LiveStreamTiming {
  signal: AbortSignal;
  /** Registers for change notices (already filtered to what this stream shows); returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /**
   * Reads the current state and writes what is new through `send`. Called at once, after each
   * (debounced) change notice and on every poll, never twice at the same time. Resolving `true`
   * ends the stream.
   */
  refresh: (send: (text: string) => void) => Promise<boolean | void>;
  /** The `retry:` reconnection delay sent first. */
  retryMs?: number;
}

/** Subscribes to the collector's change notices for one run of one tenant. */
export function runChangesOf(hub: RunChangeHub, tenantId: string, runId: string) {
  return (onChange: () => void) =>
    hub.subscribe((change) => {
      if (change.tenantId === tenantId && change.runIds.includes(runId)) onChange();
    });
}

/**
 * The plumbing every live SSE view shares: a refresh at once, on change notices and on a slow
 * poll, keep-alive comments in between, a maximum lifetime, and everything (subscription, timers)
 * released when the client goes away or the stream ends.
 */
export function liveEventStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { pollMs = 2000, keepAliveMs = 15_000, debounceMs = 500, maxLifetimeMs = 30 * 60_000, retryMs = 2000 } = options;
  const encoder = new TextEncoder();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let loading: Promise<void> | null = null;
  let dirty = false;
  let onAbort: (() => void) | null = null;

  const release = () => {
    closed = true;
    unsubscribe?.();
    unsubscribe = null;
    for (const timer of timers) clearInterval(timer);
    if (pending) clearTimeout(pending);
    if (onAbort) options.signal.removeEventListener("abort", onAbort);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        release();
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
        // One refresh at a time; a change reported during one (which may have read before that
        // write committed) runs one more after it.
        if (loading) {
          dirty = true;
          return loading;
        }
        loading = options
          .refresh(write)
          .then((done) => {
            if (done) close();
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

      onAbort = close;
      options.signal.addEventListener("abort", close);
      if (options.signal.aborted) return close();
      unsubscribe = options.subscribe(schedule);
      write(`retry: ${retryMs}\n\n`);
      void refresh();
      timers.push(setInterval(() => void refresh(), pollMs));
      timers.push(setInterval(() => write(": keep-alive\n\n"), keepAliveMs));
      timers.push(setTimeout(close, maxLifetimeMs));
    },
    cancel() {
      release();
    },
  });
}
