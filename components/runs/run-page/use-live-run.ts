"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RunDag, RunView } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { asRanKey } from "@/components/runs/as-it-ran/api";
import { parseRunEvent, staleViews, type StaleViews } from "@/components/runs/run-page/run-changes";

export type LiveState = "connecting" | "live" | "offline";

const KEYS: Record<keyof StaleViews, (runId: string) => QueryKey[]> = {
  dag: (runId) => [runKeys.dag(runId), asRanKey(runId)],
  // Log records move no run figure; they mostly arrive with the spans they were logged in.
  // Scores from telemetry come as span events and log records of the run.
  spans: (runId) => [runKeys.timeline(runId), runKeys.spans(runId), runKeys.nodes(runId), runKeys.allLogs(runId), runKeys.scores(runId)],
  ledger: (runId) => [runKeys.ledger(runId), asRanKey(runId)],
};

/**
 * While the run is running, follows its SSE stream and refreshes what the new figures say may have
 * changed (see run-changes.ts). EventSource reconnects by itself; while it is down the DAG polls
 * instead (see callers).
 */
export function useLiveRun(runId: string, running: boolean): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    // A finished run needs no stream: the connection (and the server's polling) ends with it.
    if (!running) return;
    if (typeof EventSource === "undefined") {
      setState("offline");
      return;
    }
    // The first event is compared with what the page shows, each later one with the one before.
    let last: RunView | null = client.getQueryData<RunDag>(runKeys.dag(runId))?.run ?? null;
    const source = new EventSource(runApi.eventsUrl(runId));
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("error", () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting"));
    source.addEventListener("run", (event: MessageEvent<string>) => {
      setState("live");
      const run = parseRunEvent(event.data);
      const stale = staleViews(last, run);
      last = run ?? last;
      for (const view of Object.keys(KEYS) as (keyof StaleViews)[]) {
        if (stale[view]) for (const queryKey of KEYS[view](runId)) void client.invalidateQueries({ queryKey });
      }
    });
    return () => source.close();
  }, [client, runId, running]);
  return state;
}
