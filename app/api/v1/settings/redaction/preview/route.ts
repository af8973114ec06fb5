import { requireContentRight } from "@/lib/auth/request-principal";
import { handleRead, json, readJsonBody } from "@/lib/http/handler";
import { previewRedaction } from "@/lib/redaction/preview";
import { redactionPreviewSchema } from "@/lib/redaction/preview-input";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 32 * 1024;

/** POST /api/v1/settings/redaction/preview {rules?, text | runId}: what the rules would change; stores nothing. */
export function POST(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    // A preview shows a stored run's texts: as much as reading the run's inputs and outputs.
    requireContentRight(principal);
    const input = await readJsonBody(request, MAX_BODY_BYTES, redactionPreviewSchema);
    return json(await previewRedaction(db, tenantId, input));
  });
}
