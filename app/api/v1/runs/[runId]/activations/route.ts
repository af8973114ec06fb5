import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { ParamError } from "@/lib/http/params";
import { parseActivationParams } from "@/lib/runs/as-it-ran/as-ran-params";
import { foldAsRan, placeOfSpan, segmentPage } from "@/lib/runs/as-it-ran/wire";
import { getRunAsRan } from "@/lib/runs/queries/run-activations";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{runId}/activations?limit=&view=|segment=&offset=&steps=|span=: the run as it
 * ran (an activation per node span, an edge per token), folded or whole; one segment's steps; or
 * where a span's activation is drawn.
 */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const runId = checkId("runId", (await context.params).runId);
    const asked = parseActivationParams(url.searchParams);
    const graph = await getRunAsRan(readDb, tenantId, runId, asked.limit);
    if (!graph) throw new NotFoundError(`No run ${runId}`);
    if (asked.kind === "graph") return json(asked.folded ? foldAsRan(graph) : graph);
    if (asked.kind === "span") {
      const place = placeOfSpan(graph, asked.spanId);
      if (!place) throw new NotFoundError(`No activation of span ${asked.spanId} in run ${runId}`);
      return json(place);
    }
    const page = segmentPage(graph, asked.segmentId, asked.offset, asked.steps);
    if (!page) throw new NotFoundError(`No segment ${asked.segmentId} in run ${runId} (segments change as a live run grows)`);
    if (asked.offset >= page.steps) throw new ParamError("offset", `past the segment's ${page.steps} steps`);
    return json(page);
  });
}
