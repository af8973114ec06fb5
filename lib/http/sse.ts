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

/**
 * Why the server ended a stream (not found, access revoked), sent as a last `event: closed` whose
 * data has the API's error shape. A plain object, so it passes between the server's and Next's
 * copies of these modules.
 */
export interface StreamEnd {
  readonly endsStream: true;
  code: string;
  message: string;
}

export const CLOSED_EVENT = "closed";

export function streamEnd(code: string, message: string): StreamEnd {
  return { endsStream: true, code, message };
}

export function isStreamEnd(value: unknown): value is StreamEnd {
  return typeof value === "object" && value !== null && (value as Partial<StreamEnd>).endsStream === true;
}

/** The last frame of a stream the server ends. */
export function closedFrame(end: Pick<StreamEnd, "code" | "message">): string {
  return sseFrame(CLOSED_EVENT, { error: { code: end.code, message: end.message } });
}

/** Timing of a live stream; undefined values take liveEventStream's defaults. */
export interface LiveStreamTiming {
  /**
   * Also refreshes this often. Off by default: the run change poller publishes other processes'
   * writes to the hub, once for every stream (lib/runtime/run-change-poller.ts).
   */
  pollMs?: number;
  keepAliveMs?: number;
  /** Coalesces bursts of changes into one refresh at most this often. */
  debounceMs?: number;
  /** Closed after this long; EventSource clients reconnect on their own. */
  maxLifetimeMs?: number;
  /** A failed refresh is tried again after this long. */
  errorRetryMs?: number;
  onError?: (error: Error) => void;
  /** Called once when the stream ends, however it ends (frees its slot). */
  onClose?: () => void;
}

/** What a refresh tells the stream: `true` ends it; `againInMs` asks for a look after that long even without a change. */
export type RefreshResult = boolean | void | { againInMs: number };

export interface LiveStreamOptions extends LiveStreamTiming {
  /** Aborted when the client goes away, or by the server with a StreamEnd reason (sent as `event: closed`). */
  signal: AbortSignal;
  /** Registers for change notices (already filtered to what this stream shows); returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /**
   * Reads the current state and writes what is new through `send`. Called at once, after each
   * (debounced) change notice, when asked to look again, and on every poll, never twice at the
   * same time.
   */
  refresh: (send: (text: string) => void) => Promise<RefreshResult>;
  /** The `retry:` reconnection delay sent first. */
  retryMs?: number;
}

/** Subscribes to the collector's change notices for one run of one tenant. */
export function runChangesOf(hub: RunChangeHub, tenantId: string, runId: string) {
  return (onChange: () => void) => hub.watch(tenantId, runId, onChange);
}

/**
 * The plumbing every live SSE view shares: a refresh at once and on change notices, keep-alive
 * comments in between, a maximum lifetime, and everything (subscription, timers) released when
 * the client goes away or the stream ends. No timer of it reads anything: an idle stream costs
 * nothing but its keep-alives.
 */
export function liveEventStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { pollMs, keepAliveMs = 15_000, debounceMs = 500, maxLifetimeMs = 30 * 60_000, retryMs = 2000, errorRetryMs = 2000 } = options;
  const encoder = new TextEncoder();
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let again: ReturnType<typeof setTimeout> | null = null;
  let loading: Promise<void> | null = null;
  let dirty = false;
  let onAbort: (() => void) | null = null;

  const release = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    unsubscribe = null;
    for (const timer of timers) clearInterval(timer);
    if (pending) clearTimeout(pending);
    if (again) clearTimeout(again);
    if (onAbort) options.signal.removeEventListener("abort", onAbort);
    options.onClose?.();
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
      const lookAgain = (ms: number) => {
        if (again) clearTimeout(again);
        again = setTimeout(() => {
          again = null;
          void refresh();
        }, Math.max(0, ms));
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
          .then((result) => {
            if (result === true) close();
            else if (typeof result === "object") lookAgain(result.againInMs);
          })
          .catch((error: unknown) => {
            options.onError?.(error as Error);
            lookAgain(errorRetryMs);
          })
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

      onAbort = () => {
        const reason: unknown = options.signal.reason;
        if (isStreamEnd(reason)) write(closedFrame(reason));
        close();
      };
      options.signal.addEventListener("abort", onAbort);
      if (options.signal.aborted) return onAbort();
      unsubscribe = options.subscribe(schedule);
      write(`retry: ${retryMs}\n\n`);
      void refresh();
      if (pollMs !== undefined) timers.push(setInterval(() => void refresh(), pollMs));
      timers.push(setInterval(() => write(": keep-alive\n\n"), keepAliveMs));
      timers.push(setTimeout(close, maxLifetimeMs));
    },
    cancel() {
      release();
    },
  });
}
