import { closedFrame, liveEventStream, runChangesOf, sseFrame, type LiveStreamTiming } from "@/lib/http/sse";
import type { RunChangeHub } from "@/lib/runtime/run-changes";
import { DEFAULT_SETTLE_MS, nextWorkflowEvents, NOTHING_SENT, type WorkflowSnapshot } from "@/lib/agentfield/events";

/** How long a stream waits for a workflow nothing has arrived for (SSE_UNKNOWN_ID_WAIT_SECONDS sets it in the server). */
export const DEFAULT_UNKNOWN_WAIT_MS = 30_000;

export interface WorkflowEventStreamOptions extends LiveStreamTiming {
  tenantId: string;
  workflowId: string;
  /** The workflow as stored now; null while nothing of it has arrived. */
  load: () => Promise<WorkflowSnapshot | null>;
  hub: RunChangeHub;
  signal: AbortSignal;
  settleMs?: number;
  /** An id still unknown this long after connecting ends the stream with `event: closed` (not_found). */
  waitMs?: number;
  now?: () => number;
}

const CLOCK_SLACK_MS = 2;

/**
 * The workflow's events as Server-Sent Events: first every event so far (a replay of what is
 * stored), then new ones as the collector commits them; closed after `workflow.completed`.
 * A workflow that does not exist yet is waited for, up to `waitMs`; then the stream sends
 * `event: closed` with `{error: {code: "not_found", message}}` and ends. `id:` numbers the events
 * of this connection; a reconnecting client gets the full replay again (events are idempotent
 * per event name and execution id).
 */
export function workflowEventStream(options: WorkflowEventStreamOptions): ReadableStream<Uint8Array> {
  const { tenantId, workflowId, load, hub, signal, settleMs = DEFAULT_SETTLE_MS, waitMs = DEFAULT_UNKNOWN_WAIT_MS, now = Date.now, ...timing } = options;
  const openedAt = now();
  let state = NOTHING_SENT;
  let sequence = 0;
  return liveEventStream({
    ...timing,
    signal,
    subscribe: runChangesOf(hub, tenantId, workflowId),
    refresh: async (send) => {
      const snapshot = await load();
      const at = now();
      if (!snapshot && !state.workflowStarted) {
        const waited = at - openedAt;
        // Timers run on a monotonic clock and Date.now() may read a millisecond short when the
        // deadline's timer fires: without the slack that look would schedule yet another.
        if (waited < waitMs - CLOCK_SLACK_MS) return { againInMs: waitMs - waited };
        send(closedFrame({ code: "not_found", message: `No workflow ${workflowId}: nothing of it arrived within ${waitMs / 1000} s` }));
        return true;
      }
      const next = nextWorkflowEvents(snapshot, state, at, settleMs);
      state = next.state;
      for (const { event, data } of next.events) send(sseFrame(event, data, ++sequence));
      if (next.done) return true;
      // Over, but waiting for spans its ledger promises: report it over once settleMs has passed.
      if (state.terminalSinceMs !== null) return { againInMs: state.terminalSinceMs + settleMs - at };
    },
  });
}
