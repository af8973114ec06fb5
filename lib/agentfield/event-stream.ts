import { liveEventStream, runChangesOf, sseFrame, type LiveStreamTiming } from "@/lib/http/sse";
import type { RunChangeHub } from "@/lib/runtime/run-changes";
import { DEFAULT_SETTLE_MS, nextWorkflowEvents, NOTHING_SENT, type WorkflowSnapshot } from "@/lib/agentfield/events";

export interface WorkflowEventStreamOptions extends LiveStreamTiming {
  tenantId: string;
  workflowId: string;
  /** The workflow as stored now; null while nothing of it has arrived. */
  load: () => Promise<WorkflowSnapshot | null>;
  hub: RunChangeHub;
  signal: AbortSignal;
  settleMs?: number;
  now?: () => number;
}

/**
 * The workflow's events as Server-Sent Events: first every event so far (a replay of what is
 * stored), then new ones as the collector commits them; closed after `workflow.completed`.
 * A workflow that does not exist yet is waited for, not refused. `id:` numbers the events of
 * this connection; a reconnecting client gets the full replay again (events are idempotent per
 * event name and execution id).
 */
export function workflowEventStream(options: WorkflowEventStreamOptions): ReadableStream<Uint8Array> {
  const { tenantId, workflowId, load, hub, signal, settleMs = DEFAULT_SETTLE_MS, now = Date.now, ...timing } = options;
  let state = NOTHING_SENT;
  let sequence = 0;
  return liveEventStream({
    ...timing,
    signal,
    subscribe: runChangesOf(hub, tenantId, workflowId),
    refresh: async (send) => {
      const next = nextWorkflowEvents(await load(), state, now(), settleMs);
      state = next.state;
      for (const { event, data } of next.events) send(sseFrame(event, data, ++sequence));
      return next.done;
    },
  });
}
