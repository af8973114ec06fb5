import { accessContextOf } from "@/lib/access-log/request-context";
import { firstOwnerBody } from "@/lib/auth/api-key-params";
import { checkAttemptBudget, countFailedAttempt } from "@/lib/auth/attempts";
import { UnauthenticatedRequestError } from "@/lib/auth/errors";
import { requestCredential } from "@/lib/auth/request-key";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { createUserSession } from "@/lib/auth/sessions";
import { forgetSetupToken, isSetupTokenShaped, matchesSetupToken } from "@/lib/auth/setup-token";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { isSecureRequest } from "@/lib/http/client-info";
import { handleApi, InvalidBodyError, readJsonBody } from "@/lib/http/handler";
import type { SignedIn } from "@/lib/openapi/wire-types";
import { createLogger } from "@/lib/runtime/log";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import { createFirstOwner } from "@/lib/users/first-owner";
import { roleScopes } from "@/lib/users/roles";
import { UserInputError } from "@/lib/users/users";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;

/**
 * POST /api/v1/setup `{email, password, tenantId?}` with `Authorization: Bearer <setup token>`:
 * the first owner (of `default` unless said), while no key and no user exists; signs the browser
 * in as them. Spends the setup token, as the first key does.
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    checkAttemptBudget(request);
    const body = await readJsonBody(request, MAX_BODY_BYTES, firstOwnerBody);
    const credential = requestCredential(request);
    if (credential.kind !== "key" || !isSetupTokenShaped(credential.key) || !matchesSetupToken(credential.key)) {
      countFailedAttempt(request);
      throw new UnauthenticatedRequestError("Send the setup token the server printed at start as Authorization: Bearer <setup token>; it works only until the first key or user exists");
    }
    const tenantId = body.tenantId ?? DEFAULT_TENANT_ID;
    const context = accessContextOf(request, null);
    let user;
    try {
      user = await createFirstOwner(requireDb(), { email: body.email, password: body.password, tenantId }, { clientIp: context.clientIp, userAgent: context.userAgent });
    } catch (error) {
      if (error instanceof UserInputError) throw new InvalidBodyError(error.message);
      throw error;
    }
    forgetSetupToken();
    requireAuth().invalidate();
    const session = await createUserSession(requireDb(), user.id, tenantId);
    log.info("first owner created with the setup token", { tenant: tenantId, user: user.id });
    const signedIn: SignedIn = { tenantId, scopes: roleScopes("owner"), user: { id: user.id, email: user.email, role: "owner", seesContent: true } };
    return Response.json(signedIn, {
      status: 201,
      headers: { "set-cookie": sessionCookie(session.token, { secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}
