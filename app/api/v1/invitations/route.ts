import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { isOpenPrincipal } from "@/lib/auth/authenticator";
import { ConflictError, handleRead, readJsonBody } from "@/lib/http/handler";
import type { InvitationCreated } from "@/lib/users/member-types";
import { createInvitationBody } from "@/lib/users/member-params";
import { actingRole } from "@/lib/users/members";
import { createInvitation, invitationPath, NO_SIGN_IN_YET } from "@/lib/users/invitations";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 1024;

/**
 * POST /api/v1/invitations {email, role}: a one-time link, valid 7 days, shown only in this answer.
 * Only owners invite owners. Needs `admin`.
 */
export function POST(request: Request): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal }) => {
      const input = await readJsonBody(request, MAX_BODY_BYTES, createInvitationBody);
      // Accepting would make the first account and turn sign-in on, locking out whoever invited.
      if (isOpenPrincipal(principal)) throw new ConflictError(NO_SIGN_IN_YET);
      const created = await recordedWrite(
        db,
        { tenantId, action: "member.invite", outcome: "ok", ...accessContextOf(request, principal) },
        (trx) => createInvitation(trx, { tenantId, email: input.email, role: input.role, invitedBy: principal.user?.id ?? null }, actingRole(principal)),
        ({ invitation, replaced }) => ({
          target: { kind: "invitation", id: invitation.id },
          details: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, ...(replaced ? { replaced } : {}) },
        }),
      );
      const body: InvitationCreated = { invitation: created.invitation, token: created.token, path: invitationPath(created.token) };
      return Response.json(body, { status: 201, headers: { "cache-control": "no-store" } });
    },
    { scope: "admin" },
  );
}
