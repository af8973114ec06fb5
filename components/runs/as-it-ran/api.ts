import type { AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { fetchJson } from "@/components/ui/api-client";

/** Under the run's prefix, so what refreshes the run's views can refresh this one too. */
export const asRanKey = (runId: string) => ["run", runId, "activations"] as const;

export const asRanUrl = (runId: string) => `/api/v1/runs/${encodeURIComponent(runId)}/activations`;

export const fetchAsRan = (runId: string, signal?: AbortSignal) => fetchJson<AsRanGraph>(asRanUrl(runId), { signal });
