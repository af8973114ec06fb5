import { liveEventStream, sseFrame } from "../http/sse";
import type { RunChangeHub } from "../runtime/run-changes";
import { DEFAULT_SETTLE_MS, nextWorkflowEvents, NOTHING_SENT, type WorkflowSnapshot } from "./events";

export interface WorkflowEventStreamOptions {
  tenantId: string;
  workflowId: string;
  /** The workflow as stored now; null while nothing of it has arrived. */
  load: () => Promise<WorkflowSnapshot | null>;
  hub: RunChangeHub;
  signal: AbortSignal;
  pollMs?: number;
  keepAliveMs?: number;
  debounceMs?: number;
  maxLifetimeMs?: number;
  settleMs?: number;
  now?: () => number;
  onError?: (error: Error) => void;
}

/**
 * The workflow's events as Server-Sent Events: first every event so far (a replay of what is
 * stored), then new ones as the collector commits them; closed after `workflow.completed`.
 * A workflow that does not exist yet is waited for, not refused. `id:` numbers the events of
 * this connection; a reconnecting client gets the full replay again (events are idempotent per
 * event name and execution id).
 */
export function workflowEventStream(options: WorkflowEventStreamOptions): ReadableStream<Uint8Array> {
  const now = options.now ?? Date.now;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  let state = NOTHING_SENT;
  let sequence = 0;
  return liveEventStream({
    signal: options.signal,
    subscribe: (onChange) =>
      options.hub.subscribe((change) => {
        if (change.tenantId === options.tenantId && change.runIds.includes(options.workflowId)) onChange();
      }),
    refresh: async (send) => {
      const next = nextWorkflowEvents(await options.load(), state, now(), settleMs);
      state = next.state;
      for (const { event, data } of next.events) send(sseFrame(event, data, ++sequence));
      return next.done;
    },
    pollMs: options.pollMs,
    keepAliveMs: options.keepAliveMs,
    debounceMs: options.debounceMs,
    maxLifetimeMs: options.maxLifetimeMs,
    onError: options.onError,
  });
}
