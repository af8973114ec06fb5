import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, json, readJsonBody } from "@/lib/http/handler";
import { redactionInputSchema } from "@/lib/redaction/input";
import { getRedactionSettings, setRedactionRules } from "@/lib/redaction/queries";

export const dynamic = "force-dynamic";
/** 24 rules with 256-character patterns fit with room to spare. */
const MAX_BODY_BYTES = 16 * 1024;

/** GET /api/v1/settings/redaction: the tenant's redaction rules, in the order they apply. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => json(await getRedactionSettings(db, tenantId)));
}

/** POST /api/v1/settings/redaction {rules}: replaces the tenant's rules; ingest applies them within 10 seconds. Needs `admin`. */
export function POST(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const input = await readJsonBody(request, MAX_BODY_BYTES, redactionInputSchema);
    await recordedWrite(
      db,
      { tenantId, action: "redaction.update", outcome: "ok", ...accessContextOf(request, principal) },
      (trx) => setRedactionRules(trx, tenantId, input.rules),
      // Counts only: a custom pattern may itself name what it hides.
      () => ({ target: { kind: "tenant", id: tenantId }, details: { rules: input.rules.length, patterns: input.rules.filter((rule) => rule.kind === "pattern").length } }),
    );
    return json(await getRedactionSettings(db, tenantId));
  }, { scope: "admin" });
}
