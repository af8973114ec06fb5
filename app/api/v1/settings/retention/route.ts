import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, json, readJsonBody } from "@/lib/http/handler";
import { retentionInputSchema } from "@/lib/retention/input";
import { defaultRetentionDays } from "@/lib/retention/policy";
import { getTenantRetention, setTenantRetention } from "@/lib/retention/queries";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 1024;

/** GET /api/v1/settings/retention: how many days of runs are kept, and whose setting that is. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    return json(await getTenantRetention(db, tenantId, defaultRetentionDays()));
  });
}

/** POST /api/v1/settings/retention {days}: sets the tenant's own retention (null: the server's default); applied within 10 minutes. Needs `admin`. */
export function POST(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const input = await readJsonBody(request, MAX_BODY_BYTES, retentionInputSchema);
    await recordedWrite(
      db,
      { tenantId, action: "retention.update", outcome: "ok", ...accessContextOf(request, principal) },
      (trx) => setTenantRetention(trx, tenantId, input.days),
      () => ({ target: { kind: "tenant", id: tenantId }, details: { days: input.days } }),
    );
    return json(await getTenantRetention(db, tenantId, defaultRetentionDays()));
  }, { scope: "admin" });
}
