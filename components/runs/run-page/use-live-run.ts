"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { runApi, runKeys } from "@/components/runs/api";

export type LiveState = "connecting" | "live" | "offline";

/**
 * While the run is running, follows its SSE stream and refreshes the run's queries when its figures change.
 * EventSource reconnects by itself; while it is down the run queries poll instead (see callers).
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
    const source = new EventSource(runApi.eventsUrl(runId));
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("error", () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting"));
    source.addEventListener("run", () => {
      setState("live");
      // Also on the first event: the run may have changed between the page load and the connection.
      void client.invalidateQueries({ queryKey: runKeys.run(runId) });
    });
    return () => source.close();
  }, [client, runId, running]);
  return state;
}
