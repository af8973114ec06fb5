import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createUser } from "@/lib/users/users";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { POST as signIn } from "@/app/api/v1/session/route";
import { GET as listMembers } from "@/app/api/v1/members/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/members/[userId]/route";
import { POST as invite } from "@/app/api/v1/invitations/route";
import { DELETE as revoke } from "@/app/api/v1/invitations/[id]/route";
import { POST as accept } from "@/app/api/v1/invitations/accept/route";
import { PUT as setViewers } from "@/app/api/v1/settings/viewers/route";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import type { InvitationCreated, MemberList, MemberView } from "@/lib/users/member-types";
import { apiRequest, params, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";

// Settings → Members through the real route handlers: invitations made, accepted (new and
// existing accounts), revoked and expired; roles changed and members removed within what each
// role may do; the last owner kept; and every change in the access log exactly once.

const PASSWORD = "correct horse battery";
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;
const message = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

describe.each(testBackends())("members and invitations on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let owner: string;
  const db = () => handle.database.kysely;
  const signInAs = async (email: string, password = PASSWORD) => {
    forgetAttempts();
    const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { email, password } }));
    expect(response.status, email).toBe(200);
    return cookieOf(response);
  };
  const members = async (cookie: string) => (await (await listMembers(apiRequest("/api/v1/members", { cookie }))).json()) as MemberList;
  const memberId = async (cookie: string, email: string) => (await members(cookie)).members.find((m) => m.email === email)!.id;
  const inviteAs = (cookie: string, email: string, role: string) => invite(apiRequest("/api/v1/invitations", { method: "POST", cookie, body: { email, role } }));
  const tokenOf = async (response: Response) => {
    expect(response.status).toBe(201);
    const created = (await response.json()) as InvitationCreated;
    expect(created.path).toBe(`/invite/${created.token}`);
    return created;
  };
  const acceptWith = (body: Record<string, unknown>, cookie?: string) => accept(apiRequest("/api/v1/invitations/accept", { method: "POST", body, ...(cookie ? { cookie } : {}) }));
  const patch = (cookie: string, userId: string, role: string) => changeRole(apiRequest(`/api/v1/members/${userId}`, { method: "PATCH", cookie, body: { role } }), params({ userId }));
  const remove = (cookie: string, userId: string) => removeMember(apiRequest(`/api/v1/members/${userId}`, { method: "DELETE", cookie }), params({ userId }));
  const accessLog = (action: string) =>
    db().selectFrom("access_log").select(["outcome", "actor_kind", "actor_label", "target_id", "details"]).where("tenant_id", "=", "default").where("action", "=", action).orderBy("seq").execute();

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await createUser(db(), { email: "owner@example.com", password: PASSWORD, tenantId: "default", role: "owner" });
    await createUser(db(), { email: "admin@example.com", password: PASSWORD, tenantId: "default", role: "admin" });
    await createUser(db(), { email: "elsewhere@example.com", password: PASSWORD, tenantId: "acme", role: "owner" });
    await server.restartCollector();
    owner = await signInAs("owner@example.com");
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("invites a new email, which sets a password, joins with the role and is signed in", async () => {
    const created = await tokenOf(await inviteAs(owner, " New@Example.com ", "member"));
    expect(created.token).toMatch(/^coi_[A-Za-z0-9_-]{43}$/);
    expect(created.invitation).toMatchObject({ email: "new@example.com", role: "member", invitedBy: "owner@example.com" });
    const stored = await db().selectFrom("invitations").select("token_hash").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.token);
    expect((await members(owner)).invitations.map((i) => i.email)).toEqual(["new@example.com"]);

    forgetAttempts();
    expect((await acceptWith({ token: created.token, password: "short" })).status).toBe(400);
    const joined = await acceptWith({ token: created.token, password: PASSWORD, displayName: "New Person" });
    expect(joined.status).toBe(200);
    expect(await joined.clone().json()).toMatchObject({ tenantId: "default", scopes: ["read"], user: { email: "new@example.com", role: "member" } });
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: cookieOf(joined) }))).status).toBe(200);
    // The link works once.
    const again = await acceptWith({ token: created.token, password: PASSWORD });
    expect(again.status).toBe(410);
    expect(await message(again)).toContain("used already");
    // And the new account signs in with its password.
    await signInAs("new@example.com");
    const list = await members(owner);
    expect(list.invitations).toEqual([]);
    expect(list.members.map((m) => [m.email, m.role])).toEqual([
      ["admin@example.com", "admin"],
      ["new@example.com", "member"],
      ["owner@example.com", "owner"],
    ]);
    expect((await accessLog("member.invite")).map((e) => [e.actor_label, e.details])).toEqual([["owner@example.com", expect.objectContaining({ email: "new@example.com", role: "member" })]]);
    expect((await accessLog("member.join")).map((e) => [e.outcome, e.actor_kind, e.actor_label])).toEqual([["ok", "user", "new@example.com"]]);
    // Joining signed the browser in: a sign-in of its own, once, beside the password sign-in after it (no method: the default).
    const signIns = (await accessLog("session.sign_in")).filter((e) => e.actor_label === "new@example.com");
    expect(signIns.map((e) => [e.outcome, (e.details as { method?: string }).method])).toEqual([["ok", "password"], ["ok", undefined]]);
  });

  it("an existing account joins with its password, or signed in as itself", async () => {
    const first = await tokenOf(await inviteAs(owner, "elsewhere@example.com", "viewer"));
    forgetAttempts();
    const bare = await acceptWith({ token: first.token });
    expect(bare.status).toBe(401);
    expect(await message(bare)).toContain("exists");
    expect((await acceptWith({ token: first.token, password: "not the password at all" })).status).toBe(401);
    const joined = await acceptWith({ token: first.token, password: PASSWORD });
    expect(await joined.json()).toMatchObject({ tenantId: "default", user: { role: "viewer" } });
    expect((await accessLog("member.join")).map((e) => [e.outcome, e.actor_label])).toEqual([
      ["ok", "new@example.com"],
      ["denied", "elsewhere@example.com"],
      ["ok", "elsewhere@example.com"],
    ]);
    // Removed again, then invited back: the session cookie of that account is enough.
    await remove(owner, await memberId(owner, "elsewhere@example.com"));
    const second = await tokenOf(await inviteAs(owner, "elsewhere@example.com", "member"));
    const theirs = await signInAs("elsewhere@example.com");
    const rejoined = await acceptWith({ token: second.token }, theirs);
    expect(rejoined.status).toBe(200);
    expect(await rejoined.json()).toMatchObject({ tenantId: "default", user: { role: "member" } });
  });

  it("refuses revoked, expired, unknown and replaced links with clear answers", async () => {
    const revoked = await tokenOf(await inviteAs(owner, "revoked@example.com", "viewer"));
    const gone = await revoke(apiRequest(`/api/v1/invitations/${revoked.invitation.id}`, { method: "DELETE", cookie: owner }), params({ id: revoked.invitation.id }));
    expect(gone.status).toBe(204);
    expect((await revoke(apiRequest(`/api/v1/invitations/${revoked.invitation.id}`, { method: "DELETE", cookie: owner }), params({ id: revoked.invitation.id }))).status).toBe(404);
    forgetAttempts();
    const refused = await acceptWith({ token: revoked.token, password: PASSWORD });
    expect(refused.status).toBe(410);
    expect(await message(refused)).toContain("revoked");

    const expired = await tokenOf(await inviteAs(owner, "late@example.com", "viewer"));
    await db().updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("id", "=", expired.invitation.id).execute();
    const late = await acceptWith({ token: expired.token, password: PASSWORD });
    expect(late.status).toBe(410);
    expect(await message(late)).toContain("expired");

    expect((await acceptWith({ token: `coi_${"A".repeat(43)}`, password: PASSWORD })).status).toBe(404);
    expect((await acceptWith({ token: "not-a-token", password: PASSWORD })).status).toBe(404);

    const old = await tokenOf(await inviteAs(owner, "twice@example.com", "viewer"));
    const newer = await tokenOf(await inviteAs(owner, "twice@example.com", "member"));
    expect((await acceptWith({ token: old.token, password: PASSWORD })).status).toBe(410);
    expect((await members(owner)).invitations.filter((i) => i.email === "twice@example.com").map((i) => i.id)).toEqual([newer.invitation.id]);
    expect((await accessLog("invitation.revoke")).map((e) => [e.target_id, e.actor_label])).toEqual([[revoked.invitation.id, "owner@example.com"]]);
    expect((await accessLog("member.invite")).at(-1)!.details).toMatchObject({ email: "twice@example.com", replaced: old.invitation.id });
  });

  it("changes roles, logs each change once, and a role change applies to the member's session", async () => {
    const newId = await memberId(owner, "new@example.com");
    const theirs = await signInAs("new@example.com");
    const changed = await patch(owner, newId, "admin");
    expect(changed.status).toBe(200);
    expect((await changed.json()) as MemberView).toMatchObject({ id: newId, email: "new@example.com", role: "admin" });
    expect((await listMembers(apiRequest("/api/v1/members", { cookie: theirs }))).status).toBe(200);
    expect((await patch(owner, newId, "admin")).status).toBe(200); // no change: not logged
    expect((await patch(owner, newId, "member")).status).toBe(200);
    expect((await listMembers(apiRequest("/api/v1/members", { cookie: theirs }))).status).toBe(403);
    expect((await accessLog("member.role_change")).map((e) => e.details)).toEqual([
      { email: "new@example.com", from: "member", to: "admin" },
      { email: "new@example.com", from: "admin", to: "member" },
    ]);
    expect((await patch(owner, "999999", "member")).status).toBe(404);
    expect((await patch(owner, "abc", "member")).status).toBe(400);
    expect((await patch(owner, newId, "king")).status).toBe(400);
  });

  it("keeps the last owner, and admins cannot touch owners or make them", async () => {
    const ownerId = await memberId(owner, "owner@example.com");
    const adminId = await memberId(owner, "admin@example.com");
    const lastOwner = await patch(owner, ownerId, "admin");
    expect(lastOwner.status).toBe(409);
    expect(await message(lastOwner)).toContain("only owner");
    expect((await remove(owner, ownerId)).status).toBe(409);

    const admin = await signInAs("admin@example.com");
    expect((await patch(admin, ownerId, "member")).status).toBe(403);
    expect((await remove(admin, ownerId)).status).toBe(403);
    expect((await patch(admin, await memberId(owner, "new@example.com"), "owner")).status).toBe(403);
    expect((await inviteAs(admin, "boss@example.com", "owner")).status).toBe(403);
    expect((await inviteAs(admin, "new@example.com", "viewer")).status).toBe(409); // a member already

    // With a second owner, the first may step down.
    expect((await patch(owner, adminId, "owner")).status).toBe(200);
    expect((await patch(owner, ownerId, "admin")).status).toBe(200);
    expect((await patch(admin, ownerId, "owner")).status).toBe(200);
    expect((await patch(admin, adminId, "admin")).status).toBe(200);
    expect((await accessLog("member.role_change")).length).toBe(6);
  });

  it("removing a member ends their sessions in the tenant, once in the log; members cannot manage members", async () => {
    const newId = await memberId(owner, "new@example.com");
    const theirs = await signInAs("new@example.com");
    expect((await listMembers(apiRequest("/api/v1/members", { cookie: theirs }))).status).toBe(403);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: theirs }))).status).toBe(200);
    expect((await remove(owner, newId)).status).toBe(204);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: theirs }))).status).toBe(401);
    expect(await db().selectFrom("sessions").select("id_hash").where("user_id", "=", newId).execute()).toEqual([]);
    expect((await remove(owner, newId)).status).toBe(404);
    expect((await accessLog("member.remove")).map((e) => [e.target_id, e.details])).toEqual([
      [expect.any(String), { email: "elsewhere@example.com", role: "viewer" }],
      [newId, { email: "new@example.com", role: "member" }],
    ]);
  });

  it("an admin key acts as an admin: invites and manages members, never owners; its entries name the key", async () => {
    const made = await createKey(apiRequest("/api/v1/api-keys", { method: "POST", cookie: owner, body: { name: "ops", scopes: ["admin"] } }));
    const key = ((await made.json()) as { key: string }).key;
    const byKey = (await tokenOf(await invite(apiRequest("/api/v1/invitations", { method: "POST", key, body: { email: "keyed@example.com", role: "admin" } })))).invitation;
    expect(byKey.invitedBy).toBeNull();
    expect((await invite(apiRequest("/api/v1/invitations", { method: "POST", key, body: { email: "boss@example.com", role: "owner" } }))).status).toBe(403);
    const ownerId = await memberId(owner, "owner@example.com");
    expect((await changeRole(apiRequest(`/api/v1/members/${ownerId}`, { method: "PATCH", key, body: { role: "viewer" } }), params({ userId: ownerId }))).status).toBe(403);
    expect((await listMembers(apiRequest("/api/v1/members", { key }))).status).toBe(200);
    expect((await accessLog("member.invite")).at(-1)).toMatchObject({ actor_kind: "key", actor_label: expect.stringMatching(/^cok_/) });
  });

  it("sets whether viewers see content, logged once per change", async () => {
    const put = (seesContent: unknown) => setViewers(apiRequest("/api/v1/settings/viewers", { method: "PUT", cookie: owner, body: { seesContent } }));
    expect(await (await put(false)).json()).toEqual({ seesContent: false });
    expect((await put(false)).status).toBe(200);
    expect((await put("no")).status).toBe(400);
    expect((await members(owner)).viewersSeeContent).toBe(false);
    expect(await put(true).then((r) => r.json())).toEqual({ seesContent: true });
    expect((await accessLog("viewer_content.update")).map((e) => e.details)).toEqual([{ seesContent: false }, { seesContent: true }]);
  });
});

describe.each(testBackends())("inviting on a server without sign-in ($name)", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("lists nobody and refuses to invite: accepting would lock out whoever invited", async () => {
    const list = (await (await listMembers(apiRequest("/api/v1/members"))).json()) as MemberList;
    expect(list).toEqual({ members: [], invitations: [], viewersSeeContent: true, canInvite: false });
    const refused = await invite(apiRequest("/api/v1/invitations", { method: "POST", body: { email: "a@example.com", role: "owner" } }));
    expect(refused.status).toBe(409);
    expect(await message(refused)).toContain("npm run user");
  });
});
