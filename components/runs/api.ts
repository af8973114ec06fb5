import type { LogMarks, LogPage } from "@/lib/logs/types";
import type { LedgerEvent, NodeDetail, RunDag, RunPage, SpanDetail, SpanSummary } from "@/lib/runs/types";
import type { RecordedScores, RunScoreList, ScoreInput } from "@/lib/scores/types";
import { fetchJson, withQuery } from "@/components/ui/api-client";

const enc = encodeURIComponent;

/** Log lines per request: the API allows up to 5,000. */
const LOG_PAGE = 1000;

/** What the Logs tab (or a span's lines in the inspector) asks the server for. */
export interface LogFilter {
  /** Minimum level (`warn` shows warn, error and fatal); "" for every line. */
  severity: string;
  text: string;
  traceId: string | null;
  spanId: string | null;
  /** One node's lines (the inspector). */
  node?: string | null;
}
const runPath = (runId: string) => `/api/v1/runs/${enc(runId)}`;

/** Query keys in one place; a live run refreshes them one view at a time (run-page/use-live-run.ts). */
export const runKeys = {
  list: (query: string) => ["runs", query] as const,
  dag: (runId: string) => ["run", runId, "dag"] as const,
  timeline: (runId: string) => ["run", runId, "timeline"] as const,
  ledger: (runId: string) => ["run", runId, "ledger"] as const,
  spans: (runId: string) => ["run", runId, "spans"] as const,
  /** Every filter's pages at once (a prefix of `logs`). */
  allLogs: (runId: string) => ["run", runId, "logs"] as const,
  logMarks: (runId: string) => ["run", runId, "logs", "marks"] as const,
  logs: (runId: string, filter: LogFilter) => ["run", runId, "logs", filter.severity, filter.text, filter.traceId, filter.spanId, filter.node ?? null] as const,
  /** Every node's detail at once (a prefix of `node`). */
  nodes: (runId: string) => ["run", runId, "node"] as const,
  node: (runId: string, nodeId: string) => ["run", runId, "node", nodeId] as const,
  scores: (runId: string) => ["run", runId, "scores"] as const,
  /** Every runs list page (a prefix of `list`): a new score may move its score column. */
  allLists: () => ["runs"] as const,
};

export const runApi = {
  list: (query: string, signal?: AbortSignal) => fetchJson<RunPage>(`/api/v1/runs${query ? `?${query}` : ""}`, { signal }),
  dag: (runId: string, signal?: AbortSignal) => fetchJson<RunDag>(runPath(runId), { signal }),
  timeline: (runId: string, signal?: AbortSignal) =>
    fetchJson<{ spans: SpanSummary[]; nextCursor: string | null }>(withQuery(`${runPath(runId)}/spans`, { view: "summary", limit: 20000 }), { signal }),
  spans: (runId: string, cursor: string | null, signal?: AbortSignal) =>
    fetchJson<{ spans: SpanDetail[]; nextCursor: string | null }>(withQuery(`${runPath(runId)}/spans`, { view: "full", limit: 100, cursor }), { signal }),
  ledger: (runId: string, signal?: AbortSignal) =>
    fetchJson<{ events: LedgerEvent[]; nextCursor: string | null }>(withQuery(`${runPath(runId)}/ledger`, { limit: 20000 }), { signal }),
  logs: (runId: string, filter: LogFilter, cursor: string | null, signal?: AbortSignal) =>
    fetchJson<LogPage>(
      withQuery(`${runPath(runId)}/logs`, { severity: filter.severity || null, q: filter.text || null, traceId: filter.traceId, spanId: filter.spanId, node: filter.node, limit: LOG_PAGE, cursor }),
      { signal },
    ),
  logMarks: (runId: string, signal?: AbortSignal) => fetchJson<LogMarks>(`${runPath(runId)}/logs/marks`, { signal }),
  node: (runId: string, nodeId: string, signal?: AbortSignal) => fetchJson<NodeDetail>(`${runPath(runId)}/nodes/${enc(nodeId)}`, { signal }),
  eventsUrl: (runId: string) => `${runPath(runId)}/events`,
  scores: (runId: string, signal?: AbortSignal) => fetchJson<RunScoreList>(`${runPath(runId)}/scores`, { signal }),
  addScores: (runId: string, scores: ScoreInput[]) => fetchJson<RecordedScores>(`${runPath(runId)}/scores`, { method: "POST", body: { scores } }),
  deleteScore: (runId: string, scoreId: string) => fetchJson<void>(`${runPath(runId)}/scores/${enc(scoreId)}`, { method: "DELETE" }),
};
