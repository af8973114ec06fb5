import { oneOfParam, parseLimit, ParamError, singleParam } from "@/lib/http/params";
import { MAX_AS_RAN_ACTIVATIONS } from "@/lib/runs/as-it-ran/build";
import { SEGMENT_PAGE } from "@/lib/runs/as-it-ran/visible";
import { MAX_SEGMENT_PAGE } from "@/lib/runs/as-it-ran/wire";

/** What GET /api/v1/runs/{runId}/activations asks for: the graph (whole or folded), one segment's steps, or where a span is. */
export type ActivationRequest =
  | { kind: "graph"; limit: number; folded: boolean }
  | { kind: "segment"; limit: number; segmentId: string; offset: number; steps: number }
  | { kind: "span"; limit: number; spanId: string };

const MAX_OFFSET = MAX_AS_RAN_ACTIVATIONS;

/**
 * `limit`: activations drawn at most (1 to 10,000; 10,000 when absent), the same for every request
 * about one graph (segments depend on it). Then one of: `view` (full or folded), `segment` with
 * `offset` and `steps` (1 to 500, default 50), or `span`.
 */
export function parseActivationParams(params: URLSearchParams): ActivationRequest {
  const limit = parseLimit(singleParam(params, "limit"), MAX_AS_RAN_ACTIVATIONS, MAX_AS_RAN_ACTIVATIONS);
  const segmentId = singleParam(params, "segment");
  const spanId = singleParam(params, "span");
  const view = oneOfParam(params, "view", ["full", "folded"] as const);
  const offsetRaw = singleParam(params, "offset");
  const stepsRaw = singleParam(params, "steps");
  if (segmentId !== undefined) {
    if (spanId !== undefined) throw new ParamError("span", "give segment or span, not both");
    if (view !== undefined) throw new ParamError("view", "a segment's steps have no view: leave it out");
    return { kind: "segment", limit, segmentId, offset: parseOffset(offsetRaw), steps: parseSteps(stepsRaw) };
  }
  if (offsetRaw !== undefined) throw new ParamError("offset", "only with segment");
  if (stepsRaw !== undefined) throw new ParamError("steps", "only with segment");
  if (spanId !== undefined) {
    if (view !== undefined) throw new ParamError("view", "a span's place has no view: leave it out");
    return { kind: "span", limit, spanId };
  }
  return { kind: "graph", limit, folded: view === "folded" };
}

function parseOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) >= MAX_OFFSET) throw new ParamError("offset", `must be an integer from 0 to ${MAX_OFFSET - 1}`);
  return Number(raw);
}

function parseSteps(raw: string | undefined): number {
  if (raw === undefined) return SEGMENT_PAGE;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_SEGMENT_PAGE) throw new ParamError("steps", `must be an integer from 1 to ${MAX_SEGMENT_PAGE}`);
  return Number(raw);
}
