import { liveEventStream, runChangesOf, sseFrame, type LiveStreamTiming } from "@/lib/http/sse";
import type { RunChangeHub } from "@/lib/runtime/run-changes";
import type { RunView } from "@/lib/runs/types";

export interface RunEventStreamOptions extends LiveStreamTiming {
  tenantId: string;
  runId: string;
  load: () => Promise<RunView | null>;
  hub: RunChangeHub;
  signal: AbortSignal;
}

/**
 * `event: run` with the run's figures now and whenever they change, keep-alive comments in
 * between. Everything is released when the client goes away.
 */
export function runEventStream(options: RunEventStreamOptions): ReadableStream<Uint8Array> {
  let lastSent = "";
  let sequence = 0;
  const { tenantId, runId, load, hub, signal, ...timing } = options;
  return liveEventStream({
    ...timing,
    signal,
    subscribe: runChangesOf(hub, tenantId, runId),
    refresh: async (send) => {
      const run = await load();
      if (!run) return;
      const body = JSON.stringify(run);
      if (body === lastSent) return;
      lastSent = body;
      send(sseFrame("run", run, ++sequence));
    },
  });
}
