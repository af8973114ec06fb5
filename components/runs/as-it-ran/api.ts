import type { QueryClient } from "@tanstack/react-query";
import type { AsRanFoldedGraph, AsRanSegmentPage, AsRanSpanPlace } from "@/lib/runs/as-it-ran/types";
import { PAGE_STEPS } from "@/lib/runs/as-it-ran/visible";
import { fetchJson } from "@/components/ui/api-client";

/** Under the run's prefix, so what refreshes the run's views can refresh this one too. */
export const asRanKey = (runId: string) => ["run", runId, "activations"] as const;

const base = (runId: string) => `/api/v1/runs/${encodeURIComponent(runId)}/activations`;

/** The folded graph: a few KB where the whole of a 10,000-step loop is MBs; chains come a page at a time. */
export const asRanUrl = (runId: string) => `${base(runId)}?view=folded`;

export const fetchAsRan = (runId: string, signal?: AbortSignal) => fetchJson<AsRanFoldedGraph>(asRanUrl(runId), { signal });

/** A page of one segment; its length is in the key, so a chain that grew is fetched anew. */
const pageKey = (runId: string, segmentId: string, steps: number, offset: number) => [...asRanKey(runId), "segment", segmentId, steps, offset] as const;

/** A page from the cache, without waiting: a click on a prefetched chain opens in the same frame. */
export const cachedSegmentPage = (client: QueryClient, runId: string, segmentId: string, steps: number, offset: number) =>
  client.getQueryData<AsRanSegmentPage>(pageKey(runId, segmentId, steps, offset));

export function fetchSegmentPage(client: QueryClient, runId: string, segmentId: string, steps: number, offset: number): Promise<AsRanSegmentPage> {
  const query = new URLSearchParams({ segment: segmentId, offset: String(offset), steps: String(PAGE_STEPS) });
  return client.fetchQuery({
    queryKey: pageKey(runId, segmentId, steps, offset),
    queryFn: ({ signal }) => fetchJson<AsRanSegmentPage>(`${base(runId)}?${query}`, { signal }),
    // A page of a chain of this length does not change.
    staleTime: Infinity,
  });
}

/** Pages that came with the graph, into the cache the view reads from. */
export function seedSegmentPages(client: QueryClient, runId: string, pages: readonly AsRanSegmentPage[]): void {
  for (const page of pages) {
    const key = pageKey(runId, page.segmentId, page.steps, page.offset);
    if (client.getQueryData(key) === undefined) client.setQueryData(key, page);
  }
}

export const spanPlaceKey = (runId: string, spanId: string) => [...asRanKey(runId), "span", spanId] as const;

export const fetchSpanPlace = (runId: string, spanId: string, signal?: AbortSignal) =>
  fetchJson<AsRanSpanPlace>(`${base(runId)}?${new URLSearchParams({ span: spanId })}`, { signal });
