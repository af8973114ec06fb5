import { liveEventStream, sseFrame } from "../http/sse";
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
  let lastSent = "";
  let sequence = 0;
  return liveEventStream({
    signal: options.signal,
    subscribe: (onChange) =>
      options.hub.subscribe((change) => {
        if (change.tenantId === options.tenantId && change.runIds.includes(options.runId)) onChange();
      }),
    refresh: async (send) => {
      const run = await options.load();
      if (!run) return;
      const body = JSON.stringify(run);
      if (body === lastSent) return;
      lastSent = body;
      send(sseFrame("run", run, ++sequence));
    },
    // Undefined falls back to liveEventStream's defaults.
    pollMs: options.pollMs,
    keepAliveMs: options.keepAliveMs,
    debounceMs: options.debounceMs,
    maxLifetimeMs: options.maxLifetimeMs,
    onError: options.onError,
  });
}
