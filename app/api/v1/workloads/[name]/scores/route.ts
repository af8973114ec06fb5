import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { parseWindow } from "@/lib/http/params";
import { windowStartIso } from "@/lib/runs/queries/run-stats";
import { versionScoreSummaries } from "@/lib/scores/version-scores";
import type { WorkloadScores } from "@/lib/scores/types";
import { recentVersionRows } from "@/lib/workloads/queries/workload-versions";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads/{name}/scores[?from=&to=]: per version (the most recently seen MAX_LISTED_VERSIONS), its runs' scores per name (count, mean or pass rate, top labels). */
export function GET(request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const name = checkId("name", (await context.params).name);
    const window = parseWindow(url.searchParams);
    const { rows: versions, omitted } = await recentVersionRows(readDb, tenantId, name);
    if (versions.length === 0) throw new NotFoundError(`No workload ${name}`);
    const summaries = await versionScoreSummaries(readDb, tenantId, name, window, omitted > 0 ? versions.map((row) => row.logic_id) : undefined);
    return json({
      workload: name,
      windowStart: windowStartIso(window),
      versions: versions.map((row) => ({ logicId: row.logic_id, version: row.version, scores: summaries.get(row.logic_id) ?? [] })),
      omittedVersions: omitted,
    } satisfies WorkloadScores);
  });
}
