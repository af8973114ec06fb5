import { decodeStringCursor, encodeCursor } from "@/lib/http/cursor";
import { isNs, ParamError, parseLimit, parseWindow, singleParam } from "@/lib/http/params";
import type { RunStatus } from "@/lib/runs/types";
import { MAX_SCORE_FILTERS, parseScoreFilter, ScoreFilterError } from "@/lib/scores/filter";
import type { ScoreFilter } from "@/lib/scores/types";
import { logicIdPrefixParam } from "@/lib/workloads/params";

/** What the runs list can be narrowed by; every field optional. Times are ns since the epoch. */
export interface RunListFilters {
  workload?: string;
  version?: string;
  logicId?: string;
  deployment?: string;
  statuses?: RunStatus[];
  fromNs?: bigint;
  toNs?: bigint;
  q?: string;
  /** Runs with a score matching each of these (`score=helpfulness < 3`, repeatable). */
  scores?: ScoreFilter[];
}

export interface RunListCursor {
  startNs: string;
  runId: string;
}

export interface RunListParams {
  filters: RunListFilters;
  limit: number;
  cursor: RunListCursor | null;
}

export const DEFAULT_RUN_LIMIT = 50;
export const MAX_RUN_LIMIT = 500;
const STATUSES: readonly RunStatus[] = ["running", "completed", "failed"];
const text = singleParam;

export function encodeRunListCursor(cursor: RunListCursor): string {
  return encodeCursor([cursor.startNs, cursor.runId]);
}

function decodeRunListCursor(raw: string): RunListCursor {
  const [startNs, runId] = decodeStringCursor(raw, [isNs, () => true]);
  return { startNs: startNs!, runId: runId! };
}

/** Validates the runs list's query string; throws ParamError naming the first bad parameter. */
export function parseRunListParams(params: URLSearchParams, nowMs = Date.now()): RunListParams {
  const filters: RunListFilters = {};
  const workload = text(params, "workload");
  if (workload) filters.workload = workload;
  const version = text(params, "version");
  if (version) filters.version = version;
  const logicId = logicIdPrefixParam(params);
  if (logicId) filters.logicId = logicId;
  const deployment = text(params, "deployment");
  if (deployment) filters.deployment = deployment;
  const status = text(params, "status");
  if (status) {
    const statuses = [...new Set(status.split(",").map((s) => s.trim()))];
    for (const value of statuses) {
      if (!STATUSES.includes(value as RunStatus)) throw new ParamError("status", `"${value}" is not one of ${STATUSES.join(", ")}`);
    }
    filters.statuses = statuses as RunStatus[];
  }
  Object.assign(filters, parseWindow(params, nowMs));
  const q = text(params, "q");
  if (q) filters.q = q;
  const scores = params.getAll("score").map((value) => value.trim()).filter((value) => value !== "");
  if (scores.length > MAX_SCORE_FILTERS) throw new ParamError("score", `give at most ${MAX_SCORE_FILTERS} score filters`);
  if (scores.length > 0) {
    filters.scores = scores.map((value) => {
      try {
        return parseScoreFilter(value);
      } catch (error) {
        if (error instanceof ScoreFilterError) throw new ParamError("score", error.message);
        throw error;
      }
    });
  }
  const limit = parseLimit(text(params, "limit"), DEFAULT_RUN_LIMIT, MAX_RUN_LIMIT);
  const rawCursor = text(params, "cursor");
  return { filters, limit, cursor: rawCursor ? decodeRunListCursor(rawCursor) : null };
}
