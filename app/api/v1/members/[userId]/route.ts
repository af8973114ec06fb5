import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, json, readJsonBody, type ReadContext } from "@/lib/http/handler";
import { ParamError } from "@/lib/http/params";
import { requireAuth } from "@/lib/runtime/registry";
import { isRowId, memberRoleBody } from "@/lib/users/member-params";
import { actingRole, changeMemberRole, removeMember } from "@/lib/users/members";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 1024;

type Params = { params: Promise<{ userId: string }> };

async function userIdOf(context: Params): Promise<string> {
  const { userId } = await context.params;
  if (!isRowId(userId)) throw new ParamError("userId", "must be a user id (digits)");
  return userId;
}

const base = (request: Request, { tenantId, principal }: ReadContext) => ({ tenantId, outcome: "ok", ...accessContextOf(request, principal) }) as const;

/** PATCH /api/v1/members/{userId} {role}: owners change anyone's role, admins (and admin keys) everyone's but owners'; the last owner stays. Needs `admin`. */
export function PATCH(request: Request, context: Params): Promise<Response> {
  return handleRead(
    request,
    async (read) => {
      const userId = await userIdOf(context);
      const { role } = await readJsonBody(request, MAX_BODY_BYTES, memberRoleBody);
      const change = await recordedWrite(
        read.db,
        { ...base(request, read), action: "member.role_change" },
        (trx) => changeMemberRole(trx, read.tenantId, userId, role, actingRole(read.principal)),
        ({ member, from }) => (from === role ? null : { target: { kind: "user", id: userId }, details: { email: member.email, from, to: role } }),
      );
      // The member's sessions act with the new role at once here (other processes within seconds).
      requireAuth().invalidate();
      return json(change.member);
    },
    { scope: "admin" },
  );
}

/** DELETE /api/v1/members/{userId}: takes them out of the tenant and ends their sessions in it; the last owner stays. Needs `admin`. */
export function DELETE(request: Request, context: Params): Promise<Response> {
  return handleRead(
    request,
    async (read) => {
      const userId = await userIdOf(context);
      await recordedWrite(
        read.db,
        { ...base(request, read), action: "member.remove" },
        (trx) => removeMember(trx, read.tenantId, userId, actingRole(read.principal)),
        (member) => ({ target: { kind: "user", id: userId }, details: { email: member.email, role: member.role } }),
      );
      requireAuth().invalidate();
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
    { scope: "admin" },
  );
}
