import type { LedgerEvent, NodeDetail, RunDag, RunPage, SpanDetail, SpanSummary } from "@/lib/runs/types";

/** An API error with the server's message, so views can show it as is. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(response.status, body?.error?.message ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

/** Query keys in one place: a run's keys share a prefix so one invalidation refreshes them all. */
export const runKeys = {
  list: (query: string) => ["runs", query] as const,
  run: (runId: string) => ["run", runId] as const,
  dag: (runId: string) => ["run", runId, "dag"] as const,
  timeline: (runId: string) => ["run", runId, "timeline"] as const,
  ledger: (runId: string) => ["run", runId, "ledger"] as const,
  spans: (runId: string) => ["run", runId, "spans"] as const,
  node: (runId: string, nodeId: string) => ["run", runId, "node", nodeId] as const,
};

export const runApi = {
  list: (query: string, signal?: AbortSignal) => fetchJson<RunPage>(`/api/v1/runs${query ? `?${query}` : ""}`, signal),
  dag: (runId: string, signal?: AbortSignal) => fetchJson<RunDag>(`/api/v1/runs/${enc(runId)}`, signal),
  timeline: (runId: string, signal?: AbortSignal) =>
    fetchJson<{ spans: SpanSummary[]; nextCursor: string | null }>(`/api/v1/runs/${enc(runId)}/spans?view=summary&limit=20000`, signal),
  spans: (runId: string, cursor: string | null, signal?: AbortSignal) =>
    fetchJson<{ spans: SpanDetail[]; nextCursor: string | null }>(
      `/api/v1/runs/${enc(runId)}/spans?view=full&limit=100${cursor ? `&cursor=${enc(cursor)}` : ""}`,
      signal,
    ),
  ledger: (runId: string, signal?: AbortSignal) =>
    fetchJson<{ events: LedgerEvent[]; nextCursor: string | null }>(`/api/v1/runs/${enc(runId)}/ledger?limit=20000`, signal),
  node: (runId: string, nodeId: string, signal?: AbortSignal) =>
    fetchJson<NodeDetail>(`/api/v1/runs/${enc(runId)}/nodes/${enc(nodeId)}`, signal),
  eventsUrl: (runId: string) => `/api/v1/runs/${enc(runId)}/events`,
};
