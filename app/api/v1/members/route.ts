import { isOpenPrincipal } from "@/lib/auth/authenticator";
import { handleRead, json } from "@/lib/http/handler";
import type { MemberList } from "@/lib/users/member-types";
import { listMembers } from "@/lib/users/members";

export const dynamic = "force-dynamic";

/** GET /api/v1/members: the tenant's members and pending invitations (at most 1000 of each), and whether viewers see content. Needs `admin`. */
export function GET(request: Request): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal }) => {
      const list = await listMembers(db, tenantId);
      return json({ ...list, canInvite: !isOpenPrincipal(principal) } satisfies MemberList);
    },
    { scope: "admin" },
  );
}
