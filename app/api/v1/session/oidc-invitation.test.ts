import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { InvitationCreated } from "@/lib/users/member-types";
import { createUser } from "@/lib/users/users";
import { POST as signIn, GET as getSession } from "@/app/api/v1/session/route";
import { POST as invite } from "@/app/api/v1/invitations/route";
import { DELETE as revoke } from "@/app/api/v1/invitations/[id]/route";
import { GET as start } from "@/app/api/v1/session/oidc/start/route";
import { GET as callback } from "@/app/api/v1/session/oidc/callback/route";
import { apiRequest, params, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { startAppProvider, TEST_OIDC_CLIENT, TEST_OIDC_REDIRECT_URI } from "@/test-support/oidc-app";
import { signInAtProvider, type TestProvider } from "@/test-support/oidc-provider";

// Accepting an invitation with single sign-on, against a real provider (oidc-provider on
// loopback) through the real route handlers: the invite page's link → start → the provider →
// callback, which joins the invited person when the provider's verified email is the invitation's.

const PASSWORD = "correct horse battery";

describe.each(testBackends())("accepting an invitation with single sign-on on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let provider: TestProvider;
  let owner: string;
  const db = () => handle.database.kysely;
  const accessLog = (action: string) =>
    db()
      .selectFrom("access_log")
      .select(["outcome", "actor_kind", "actor_label", "target_id", "details"])
      .where("tenant_id", "=", "default")
      .where("action", "=", action)
      .orderBy("seq")
      .execute();
  const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("codon_session="))?.split(";")[0];
  const invitationState = (id: string) => db().selectFrom("invitations").select(["accepted_at", "revoked_at"]).where("id", "=", id).executeTakeFirstOrThrow();

  async function inviteAs(email: string, role: string): Promise<InvitationCreated> {
    const response = await invite(apiRequest("/api/v1/invitations", { method: "POST", cookie: owner, body: { email, role } }));
    expect(response.status).toBe(201);
    return (await response.json()) as InvitationCreated;
  }

  /** The invite page's SSO link, clicked on this dashboard (Sec-Fetch-Site: same-origin). */
  const startWith = (token: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }) =>
    start(apiRequest(`/api/v1/session/oidc/start?invitation=${encodeURIComponent(token)}`, { headers }));

  /** Starts the flow for an invitation: the provider's URL and the flow cookie, neither holding the token. */
  async function startFlow(token: string) {
    const response = await startWith(token);
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    const flowCookie = response.headers.get("set-cookie")!.split(";")[0]!;
    expect(location.startsWith(provider.issuer)).toBe(true);
    expect(location).not.toContain(token);
    expect(flowCookie).not.toContain(token);
    return { location, flowCookie };
  }

  async function finish(callbackUrl: string, flowCookie: string) {
    const url = new URL(callbackUrl);
    expect(`${url.origin}${url.pathname}`).toBe(TEST_OIDC_REDIRECT_URI);
    return callback(apiRequest(`${url.pathname}${url.search}`, { cookie: flowCookie }));
  }

  const acceptAs = async (token: string, login: string) => {
    const flow = await startFlow(token);
    return finish(await signInAtProvider(flow.location, login), flow.flowCookie);
  };

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await createUser(db(), { email: "owner@example.com", password: PASSWORD, tenantId: "default", role: "owner" });
    // Single sign-on only (`npm run user -- create --no-password`), in another tenant.
    await createUser(db(), { email: "sso-only@example.com", password: null, tenantId: "acme", role: "owner" });
    await server.restartCollector();
    const signedIn = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { email: "owner@example.com", password: PASSWORD } }));
    owner = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    provider = await startAppProvider({
      // The provider's spelling differs in case: emails compare case-insensitively.
      "newcomer-sub": { email: "NewComer@Example.com", emailVerified: true },
      "sso-only-sub": { email: "sso-only@example.com", emailVerified: true },
      "stranger-sub": { email: "stranger@example.com", emailVerified: true },
      "unverified-sub": { email: "unverified@example.com", emailVerified: false },
      "racer-sub": { email: "racer@example.com", emailVerified: true },
      "reuser-sub": { email: "reuser@example.com", emailVerified: true },
    });
  });
  afterAll(async () => {
    await provider?.close();
    await server?.close();
    await handle?.dispose();
  });
  beforeEach(() => forgetAttempts());

  it("creates a new person without a password, linked to the provider account, joined with the role and signed in there", async () => {
    const created = await inviteAs("newcomer@example.com", "member");
    const response = await acceptAs(created.token, "newcomer-sub");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('content="0;url=/"');
    const cookie = sessionCookieOf(response)!;
    const state = await (await getSession(apiRequest("/api/v1/session", { cookie }))).json();
    expect(state).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "newcomer@example.com", role: "member" } });

    const user = await db().selectFrom("users").select(["id", "password_hash"]).where("email", "=", "newcomer@example.com").executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    expect(await db().selectFrom("user_identities").select(["issuer", "subject", "user_id"]).where("subject", "=", "newcomer-sub").execute()).toEqual([
      { issuer: provider.issuer, subject: "newcomer-sub", user_id: user.id },
    ]);
    expect((await invitationState(created.invitation.id)).accepted_at).not.toBeNull();
    expect((await accessLog("member.join")).map((e) => [e.outcome, e.actor_label, e.target_id, e.details])).toEqual([
      ["ok", "newcomer@example.com", created.invitation.id, { role: "member", newAccount: true, method: "oidc" }],
    ]);
    expect((await accessLog("session.sign_in")).filter((e) => e.actor_label === "newcomer@example.com").map((e) => [e.outcome, e.details])).toEqual([
      ["ok", { role: "member", method: "oidc", via: "invitation" }],
    ]);

    // The link works once; the person signs in with SSO from now on.
    const again = await startWith(created.token);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/sign-in/sso?error=invitation_accepted");
    const flow = await start(apiRequest("/api/v1/session/oidc/start"));
    const signedInAgain = await finish(await signInAtProvider(flow.headers.get("location")!, "newcomer-sub"), flow.headers.get("set-cookie")!.split(";")[0]!);
    expect(signedInAgain.status).toBe(200);
  });

  it("adds an existing SSO-only person (not signed in) to the tenant and links their provider account", async () => {
    const created = await inviteAs("sso-only@example.com", "viewer");
    const response = await acceptAs(created.token, "sso-only-sub");
    expect(response.status).toBe(200);
    const state = await (await getSession(apiRequest("/api/v1/session", { cookie: sessionCookieOf(response)! }))).json();
    expect(state).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "sso-only@example.com", role: "viewer" } });
    const user = await db().selectFrom("users").select("id").where("email", "=", "sso-only@example.com").executeTakeFirstOrThrow();
    const memberships = await db().selectFrom("memberships").select(["tenant_id", "role"]).where("user_id", "=", user.id).orderBy("tenant_id").execute();
    expect(memberships).toEqual([
      { tenant_id: "acme", role: "owner" },
      { tenant_id: "default", role: "viewer" },
    ]);
    expect(await db().selectFrom("user_identities").select("subject").where("user_id", "=", user.id).execute()).toEqual([{ subject: "sso-only-sub" }]);
    expect((await accessLog("member.join")).at(-1)).toMatchObject({ outcome: "ok", actor_label: "sso-only@example.com", details: { role: "viewer", newAccount: false, method: "oidc" } });
  });

  it("refuses another email, or the right one unverified: nothing changes, the refusal is logged", async () => {
    const mismatched = await inviteAs("invitee@example.com", "member");
    const unverified = await inviteAs("unverified@example.com", "member");
    for (const [token, login] of [
      [mismatched.token, "stranger-sub"],
      [unverified.token, "unverified-sub"],
    ] as const) {
      const response = await acceptAs(token, login);
      expect(response.status, login).toBe(303);
      expect(response.headers.get("location")).toBe("/sign-in/sso?error=invitation_email");
      expect(sessionCookieOf(response)).toBeUndefined();
    }
    for (const id of [mismatched.invitation.id, unverified.invitation.id]) expect(await invitationState(id)).toEqual({ accepted_at: null, revoked_at: null });
    const emails = ["invitee@example.com", "stranger@example.com", "unverified@example.com"];
    expect(await db().selectFrom("users").select("email").where("email", "in", emails).execute()).toEqual([]);
    expect(await db().selectFrom("user_identities").select("subject").where("subject", "in", ["stranger-sub", "unverified-sub"]).execute()).toEqual([]);
    const denied = (await accessLog("member.join")).filter((e) => e.outcome === "denied");
    expect(denied.map((e) => [e.actor_kind, e.target_id, e.details])).toEqual([
      ["anonymous", mismatched.invitation.id, { reason: "email_mismatch", method: "oidc" }],
      ["anonymous", unverified.invitation.id, { reason: "email_unverified", method: "oidc" }],
    ]);
  });

  it("refuses an invitation used meanwhile by another flow, and revoked, expired or unknown links at the start", async () => {
    const created = await inviteAs("reuser@example.com", "member");
    // Two flows begun while the invitation was pending: the first to come back uses it.
    const first = await startFlow(created.token);
    const second = await startFlow(created.token);
    expect((await finish(await signInAtProvider(first.location, "reuser-sub"), first.flowCookie)).status).toBe(200);
    const late = await finish(await signInAtProvider(second.location, "reuser-sub"), second.flowCookie);
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toBe("/sign-in/sso?error=invitation_accepted");
    expect(sessionCookieOf(late)).toBeUndefined();

    const revoked = await inviteAs("revoked@example.com", "member");
    expect((await revoke(apiRequest(`/api/v1/invitations/${revoked.invitation.id}`, { method: "DELETE", cookie: owner }), params({ id: revoked.invitation.id }))).status).toBe(204);
    expect((await startWith(revoked.token)).headers.get("location")).toBe("/sign-in/sso?error=invitation_revoked");
    const expired = await inviteAs("expired@example.com", "member");
    await db().updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("id", "=", expired.invitation.id).execute();
    expect((await startWith(expired.token)).headers.get("location")).toBe("/sign-in/sso?error=invitation_expired");
    expect((await startWith(`coi_${"x".repeat(43)}`)).headers.get("location")).toBe("/sign-in/sso?error=invitation_invalid");
  });

  it("does not start from another site's link (a browser signed in at the provider must not be walked into a tenant)", async () => {
    const created = await inviteAs("crosssite@example.com", "member");
    const response = await startWith(created.token, { "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in/sso?error=failed");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("lets only one of two simultaneous callbacks with the same invitation join", async () => {
    const created = await inviteAs("racer@example.com", "member");
    const flows = [await startFlow(created.token), await startFlow(created.token)];
    const answers = await Promise.all(flows.map((flow) => signInAtProvider(flow.location, "racer-sub")));
    const responses = await Promise.all(answers.map((answer, i) => finish(answer, flows[i]!.flowCookie)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 303]);
    expect(responses.find((r) => r.status === 303)!.headers.get("location")).toBe("/sign-in/sso?error=invitation_accepted");
    const user = await db().selectFrom("users").select("id").where("email", "=", "racer@example.com").execute();
    expect(user).toHaveLength(1);
    expect(await db().selectFrom("memberships").select("role").where("user_id", "=", user[0]!.id).execute()).toEqual([{ role: "member" }]);
    expect(await db().selectFrom("user_identities").select("subject").where("subject", "=", "racer-sub").execute()).toEqual([{ subject: "racer-sub" }]);
    expect((await accessLog("member.join")).filter((e) => e.actor_label === "racer@example.com").map((e) => e.outcome)).toEqual(["ok"]);
  });
});
