"use client";

import { useQuery } from "@tanstack/react-query";
import { delayHeadline, fetchIngestBacklog, INGEST_POLL_MS, ingestBacklogKey, ingestDelay } from "@/components/ingest/ingest-delay";

/**
 * A line under the header on every page while the collector's oldest acknowledged export has
 * waited too long to be stored. `enabled`: the viewer may read the figures (else it never asks).
 * The live region is always there, so screen readers announce the notice when it appears.
 */
export function IngestDelayNotice({ enabled }: { enabled: boolean }) {
  const backlog = useQuery({
    queryKey: ingestBacklogKey,
    queryFn: ({ signal }) => fetchIngestBacklog(signal),
    enabled,
    staleTime: 0,
    // Not in a hidden tab (refetchIntervalInBackground stays off); the interval is the retry.
    refetchInterval: INGEST_POLL_MS,
    retry: false,
  });
  // A failed check says nothing: an old figure would stand still while the real one moves.
  const delay = backlog.isError ? null : ingestDelay(backlog.data);
  return (
    <div role="status" data-testid="ingest-delay-notice" data-state={delay ? "delayed" : "clear"}>
      {delay ? (
        <div className="mx-auto max-w-7xl px-6 pt-4">
          <div className="flex items-start gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-950">
            <span aria-hidden className="mt-1.5 inline-block h-2 w-2 shrink-0 rounded-full bg-amber-500" />
            <p>
              <strong className="font-semibold">{delayHeadline(delay)}.</strong> The database is slow or unreachable; the exports are safe in the
              collector&apos;s spool and are stored once it catches up, so the newest data may be missing here until then.
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
