import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { versionVerdicts } from "@/lib/verdicts/queries";
import type { VersionVerdictList } from "@/lib/verdicts/types";
import { checkLogicId } from "@/lib/workloads/params";
import { workloadVersionRows } from "@/lib/workloads/queries/workload-versions";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads/{name}/versions/{logicId}/verdict: the version's verdict against its predecessor, per deployment, with the evidence. */
export function GET(request: Request, context: { params: Promise<{ name: string; logicId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => {
    const params = await context.params;
    const name = checkId("name", params.name);
    const logicId = checkLogicId("logicId", params.logicId);
    const verdicts = await versionVerdicts(readDb, tenantId, name, logicId);
    if (verdicts.length === 0 && (await workloadVersionRows(readDb, tenantId, name, [logicId])).length === 0) {
      throw new NotFoundError(`No version ${logicId} of workload ${name}`);
    }
    return json({ workloadName: name, logicId, verdicts } satisfies VersionVerdictList);
  });
}
