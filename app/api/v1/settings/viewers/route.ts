import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, json, readJsonBody } from "@/lib/http/handler";
import { requireAuth } from "@/lib/runtime/registry";
import type { ViewerContentSetting } from "@/lib/users/member-types";
import { viewerContentBody } from "@/lib/users/member-params";
import { setViewersSeeContent } from "@/lib/users/members";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 1024;

/** PUT /api/v1/settings/viewers {seesContent}: whether members with the viewer role see runs' inputs and outputs. Needs `admin`. */
export function PUT(request: Request): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal }) => {
      const { seesContent } = await readJsonBody(request, MAX_BODY_BYTES, viewerContentBody);
      await recordedWrite(
        db,
        { tenantId, action: "viewer_content.update", outcome: "ok", ...accessContextOf(request, principal) },
        (trx) => setViewersSeeContent(trx, tenantId, seesContent),
        (before) => (before === seesContent ? null : { target: { kind: "tenant", id: tenantId }, details: { seesContent } }),
      );
      // Viewers' sessions follow at once here (their grant carries seesContent).
      requireAuth().invalidate();
      return json({ seesContent } satisfies ViewerContentSetting);
    },
    { scope: "admin" },
  );
}
