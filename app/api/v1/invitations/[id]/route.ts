import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead } from "@/lib/http/handler";
import { ParamError } from "@/lib/http/params";
import { isRowId } from "@/lib/users/member-params";
import { actingRole } from "@/lib/users/members";
import { revokeInvitation } from "@/lib/users/invitations";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/invitations/{id}: revokes a pending invitation; its link stops working. Needs `admin` (an owner's invitation: an owner). */
export function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal }) => {
      const { id } = await context.params;
      if (!isRowId(id)) throw new ParamError("id", "must be an invitation id (digits)");
      await recordedWrite(
        db,
        { tenantId, action: "invitation.revoke", outcome: "ok", ...accessContextOf(request, principal) },
        (trx) => revokeInvitation(trx, tenantId, id, actingRole(principal)),
        (revoked) => ({ target: { kind: "invitation", id }, details: { email: revoked.email, role: revoked.role } }),
      );
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { scope: "admin" },
  );
}
