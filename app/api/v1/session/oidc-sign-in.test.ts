import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { forgetAttempts } from "@/lib/auth/attempts";
import { setOidcSettings } from "@/lib/auth/oidc/settings";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createUser } from "@/lib/users/users";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { GET as getSession } from "@/app/api/v1/session/route";
import { GET as start } from "@/app/api/v1/session/oidc/start/route";
import { GET as callback } from "@/app/api/v1/session/oidc/callback/route";
import { apiRequest, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { startAppProvider, TEST_OIDC_CLIENT, TEST_OIDC_REDIRECT_URI } from "@/test-support/oidc-app";
import { signInAtProvider, type TestProvider } from "@/test-support/oidc-provider";

// OpenID Connect sign-in against a real provider (oidc-provider on loopback), through the real
// route handlers: start → the provider's login and consent → callback → a session that reads.

describe.each(testBackends())("OpenID Connect sign-in on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let provider: TestProvider;
  const runId = `oidc-run-${backend.name}`;
  const db = () => handle.database.kysely;
  const accessLog = () =>
    db().selectFrom("access_log").select(["action", "outcome", "actor_kind", "actor_label", "details"]).where("tenant_id", "=", "default").where("action", "=", "session.sign_in").orderBy("seq").execute();

  /** Starts a sign-in: the provider's authorization URL and the flow cookie to send back. */
  async function startFlow(next = "/") {
    const response = await start(apiRequest(`/api/v1/session/oidc/start?next=${encodeURIComponent(next)}`));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    return { location: location.href, flowCookie: response.headers.get("set-cookie")!.split(";")[0]! };
  }

  async function finish(callbackUrl: string, flowCookie: string | null) {
    const url = new URL(callbackUrl);
    expect(`${url.origin}${url.pathname}`).toBe(TEST_OIDC_REDIRECT_URI);
    return callback(apiRequest(`${url.pathname}${url.search}`, flowCookie ? { cookie: flowCookie } : {}));
  }

  const signInAs = async (login: string, next = "/") => {
    const flow = await startFlow(next);
    return finish(await signInAtProvider(flow.location, login), flow.flowCookie);
  };
  const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("codon_session="))?.split(";")[0];

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await sendRun(server.collector(), runId);
    await createUser(db(), { email: "Owner@Example.com", password: "correct horse battery", tenantId: "default", role: "owner" });
    await server.restartCollector();
    provider = await startAppProvider({
      "owner-sub": { email: "owner@example.com", emailVerified: true },
      "unverified-sub": { email: "owner@example.com", emailVerified: false },
      "second-owner-sub": { email: "owner@example.com", emailVerified: true },
      "stranger-sub": { email: "stranger@example.com", emailVerified: true },
    });
  });
  afterAll(async () => {
    await provider?.close();
    await server?.close();
    await handle?.dispose();
  });
  beforeEach(() => forgetAttempts());

  it("signs in an existing user by their verified email, links the account, and the session reads the tenant", async () => {
    const response = await signInAs("owner-sub", "/runs?status=failed");
    expect(response.status).toBe(200);
    // A page that moves on by itself: a redirect would arrive without the SameSite=Strict cookie.
    expect(await response.text()).toContain('<meta http-equiv="refresh" content="0;url=/runs?status=failed">');
    const setCookies = response.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith("codon_session="))).toContain("SameSite=Strict");
    expect(setCookies.find((c) => c.startsWith("codon_oidc_flow="))).toContain("Max-Age=0");
    const cookie = sessionCookieOf(response)!;
    const runs = (await (await getRuns(apiRequest("/api/v1/runs", { cookie }))).json()) as { runs: { runId: string }[] };
    expect(runs.runs.map((run) => run.runId)).toEqual([runId]);
    const state = await (await getSession(apiRequest("/api/v1/session", { cookie }))).json();
    expect(state).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "owner@example.com", role: "owner" } });
    const links = await db().selectFrom("user_identities").select(["issuer", "subject"]).execute();
    expect(links).toEqual([{ issuer: provider.issuer, subject: "owner-sub" }]);
    expect((await accessLog()).filter((e) => e.outcome === "ok")).toEqual([
      { action: "session.sign_in", outcome: "ok", actor_kind: "user", actor_label: "owner@example.com", details: { role: "owner", method: "oidc" } },
    ]);
  });

  it("signs a linked account in by its subject, whatever email the user has here now", async () => {
    await db().updateTable("users").set({ email: "renamed@example.com" }).where("email", "=", "owner@example.com").execute();
    try {
      const response = await signInAs("owner-sub");
      expect(response.status).toBe(200);
      const state = await (await getSession(apiRequest("/api/v1/session", { cookie: sessionCookieOf(response)! }))).json();
      expect(state).toMatchObject({ signedIn: true, user: { email: "renamed@example.com" } });
    } finally {
      await db().updateTable("users").set({ email: "owner@example.com" }).where("email", "=", "renamed@example.com").execute();
    }
  });

  it("refuses a person who is no user here (no self-sign-up), and an email the provider has not verified", async () => {
    for (const login of ["stranger-sub", "unverified-sub"]) {
      const response = await signInAs(login);
      expect(response.status, login).toBe(303);
      expect(response.headers.get("location")).toBe("/sign-in/sso?error=not_invited");
      expect(sessionCookieOf(response)).toBeUndefined();
    }
    expect(await db().selectFrom("users").select("email").where("email", "=", "stranger@example.com").execute()).toEqual([]);
    expect(await db().selectFrom("user_identities").select("subject").where("subject", "!=", "owner-sub").execute()).toEqual([]);
    const denied = (await accessLog()).filter((e) => e.outcome === "denied");
    expect(denied.map((e) => [e.actor_kind, e.details])).toEqual([
      ["anonymous", { reason: "not_invited", method: "oidc" }],
      ["anonymous", { reason: "not_invited", method: "oidc" }],
    ]);
  });

  it("does not link a second account at the provider by the same email (an address handed on must not carry the user)", async () => {
    const response = await signInAs("second-owner-sub");
    expect(response.headers.get("location")).toBe("/sign-in/sso?error=failed");
    expect(sessionCookieOf(response)).toBeUndefined();
    const denied = (await accessLog()).filter((e) => e.outcome === "denied").at(-1);
    expect(denied).toMatchObject({ actor_kind: "user", actor_label: "owner@example.com", details: { reason: "linked_elsewhere", method: "oidc" } });
  });

  it("refuses an answer whose state is not this browser's flow, and one without the flow cookie", async () => {
    const mine = await startFlow();
    const theirs = await startFlow();
    // Another flow's answer (login CSRF: an attacker's code sent to the victim's browser).
    const crossed = await finish(await signInAtProvider(theirs.location, "owner-sub"), mine.flowCookie);
    expect(crossed.status).toBe(303);
    expect(crossed.headers.get("location")).toBe("/sign-in/sso?error=failed");
    expect(sessionCookieOf(crossed)).toBeUndefined();
    const answer = await signInAtProvider(mine.location, "owner-sub");
    expect((await finish(answer, null)).headers.get("location")).toBe("/sign-in/sso?error=failed");
    // A forged flow cookie does not open either.
    expect((await finish(answer, "codon_oidc_flow=" + "A".repeat(80))).headers.get("location")).toBe("/sign-in/sso?error=failed");
    const reasons = (await accessLog()).filter((e) => e.outcome === "denied").map((e) => e.details.reason);
    expect(reasons.slice(-3)).toEqual(["invalid_response", "no_flow", "no_flow"]);
  });

  it("answers 404 when single sign-on is not configured", async () => {
    setOidcSettings(null);
    try {
      expect((await start(apiRequest("/api/v1/session/oidc/start"))).status).toBe(404);
      expect((await callback(apiRequest("/api/v1/session/oidc/callback?code=x&state=y"))).status).toBe(404);
    } finally {
      setOidcSettings({ issuer: provider.issuer, ...TEST_OIDC_CLIENT, redirectUrl: null, label: "Sign in with SSO" });
    }
  });
});
