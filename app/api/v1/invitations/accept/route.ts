import { recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { checkAttemptBudget, countFailedAttempt } from "@/lib/auth/attempts";
import { ForbiddenError, isUnauthenticatedRequest, TooManyAttemptsError, UnauthenticatedRequestError } from "@/lib/auth/errors";
import { sessionCookie, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { isSecureRequest } from "@/lib/http/client-info";
import { GoneError, handleApi, InvalidBodyError, NotFoundError, readJsonBody } from "@/lib/http/handler";
import type { SignedIn } from "@/lib/openapi/wire-types";
import { createLogger } from "@/lib/runtime/log";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import { INVITATION_ENDED, invitationByToken, type InvitationByToken } from "@/lib/users/invitations";
import type { Joiner } from "@/lib/users/join";
import { joinAndSignIn } from "@/lib/users/join-and-sign-in";
import { acceptInvitationBody } from "@/lib/users/member-params";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/users/passwords";
import { accountByEmail, recordFailedSignIn, recordSuccessfulSignIn } from "@/lib/users/users";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;
const NOT_VALID = "This invitation link is not valid: check that it was copied whole, or ask an admin of the tenant for a new one";

/** The user the request's session cookie signs in, if any. */
async function signedInUserId(request: Request): Promise<string | null> {
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
  if (!token) return null;
  try {
    return (await requireAuth().fromSession(token, { fresh: true })).user?.id ?? null;
  } catch (error) {
    if (isUnauthenticatedRequest(error)) return null;
    throw error;
  }
}

/** An existing account joins when the request is signed in as it or gives its password (which counts like a sign-in). */
async function existingJoiner(request: Request, invitation: InvitationByToken, password: string | undefined): Promise<Joiner | null> {
  const db = requireDb();
  const account = await accountByEmail(db, invitation.email);
  if (!account) return null;
  if (account.disabled) throw new ForbiddenError(`The account ${account.email} is disabled: ask an admin of the server`);
  if ((await signedInUserId(request)) === account.id) return { userId: account.id };
  if (password === undefined || account.passwordHash === null) {
    throw new UnauthenticatedRequestError(`An account with ${account.email} exists: enter its password, or sign in as it and open the link again`);
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) {
    const seconds = Math.max(1, Math.ceil((account.lockedUntil.getTime() - Date.now()) / 1000));
    throw new TooManyAttemptsError(`This account is locked after repeated failed sign-ins; try again in ${Math.ceil(seconds / 60)} min`, seconds);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    countFailedAttempt(request);
    await recordFailedSignIn(db, account.id);
    await recordRefusal(db, {
      tenantId: invitation.tenantId,
      action: "member.join",
      outcome: "denied",
      ...accessContextOf(request, null),
      actor: { kind: "user", keyId: account.id, label: account.email },
      target: { kind: "invitation", id: invitation.id },
      details: { reason: "wrong_credentials" },
    });
    throw new UnauthenticatedRequestError(`Wrong password for ${account.email}`);
  }
  await recordSuccessfulSignIn(db, account.id);
  return { userId: account.id };
}

/**
 * POST /api/v1/invitations/accept {token, password?, displayName?}: joins the tenant with the
 * invitation's role and signs the browser in there. A new email sets its password here; an
 * existing account gives its password or is signed in already. Public; failed attempts are
 * limited per client address as sign-ins are.
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    checkAttemptBudget(request);
    const body = await readJsonBody(request, MAX_BODY_BYTES, acceptInvitationBody);
    const db = requireDb();
    const invitation = await invitationByToken(db, body.token);
    if (!invitation) {
      countFailedAttempt(request);
      throw new NotFoundError(NOT_VALID);
    }
    if (invitation.state !== "pending") throw new GoneError(INVITATION_ENDED[invitation.state]);
    let joiner = await existingJoiner(request, invitation, body.password);
    if (!joiner) {
      if (body.password === undefined) throw new InvalidBodyError("password: choose a password for your new account");
      const problem = passwordProblem(body.password, invitation.email);
      if (problem) throw new InvalidBodyError(`password: ${problem}`);
      // Hashed outside the transaction: ~50 ms of work must not hold its locks.
      joiner = { email: invitation.email, passwordHash: await hashPassword(body.password), displayName: body.displayName };
    }
    const joined = await joinAndSignIn(db, request, invitation, joiner, { method: "password" });
    const auth = requireAuth();
    auth.invalidate();
    const principal = await auth.fromSession(joined.token, { fresh: true });
    log.info("joined a tenant by invitation", { tenant: invitation.tenantId, user: joined.userId });
    const signedIn: SignedIn = { tenantId: principal.tenantId, scopes: [...principal.scopes], user: principal.user ?? null };
    return Response.json(signedIn, {
      headers: { "set-cookie": sessionCookie(joined.token, { secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}
