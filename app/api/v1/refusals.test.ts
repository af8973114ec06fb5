import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetRefusals } from "@/lib/access-log/refusals";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { createApiKey, type CreatedApiKey } from "@/lib/auth/api-keys";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends } from "@/lib/db/testing/backends";
import { createUser } from "@/lib/users/users";
import { apiSuite } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";

// Issue 25: a key, session or person refused for lack of a scope or role (403) is in the access
// log, from the one error mapping every route shares; a refused download is that download's entry;
// a loop of refused calls is bounded (lib/access-log/refusals.ts).

const TENANT = "refusals";
const PASSWORD = "a long enough password";

describe.each(testBackends())("refusals in the access log on $name", (backend) => {
  const suite = apiSuite(backend);
  const keys: Record<"ingest" | "read", CreatedApiKey> = {} as Record<"ingest" | "read", CreatedApiKey>;
  const cookies: Record<"viewer" | "member", string> = { viewer: "", member: "" };
  const userIds: Record<"viewer" | "member", string> = { viewer: "", member: "" };
  const bearer = (key: CreatedApiKey) => ({ authorization: `Bearer ${key.key}` });

  const denied = (action = "request.denied") =>
    suite.db().selectFrom("access_log").select(["actor_kind", "actor_key_id", "actor_label", "outcome", "details"]).where("tenant_id", "=", TENANT).where("action", "=", action).orderBy("seq").execute();
  const intact = async () => expect((await verifyAccessLog(suite.db(), TENANT)).status).toBe("intact");
  const status = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => (await callRoute(method, path, { headers, ...(body === undefined ? {} : { body }) })).status;

  beforeAll(async () => {
    const db = suite.db();
    keys.ingest = await createApiKey(db, TENANT, "exporter", ["ingest"]);
    keys.read = await createApiKey(db, TENANT, "reader", ["read"]);
    for (const role of ["viewer", "member"] as const) {
      userIds[role] = (await createUser(db, { email: `${role}@refusals.example`, password: PASSWORD, tenantId: TENANT, role })).id;
      forgetAttempts();
      const signIn = await callRoute("post", "/api/v1/session", { body: { email: `${role}@refusals.example`, password: PASSWORD } });
      expect(signIn.status).toBe(200);
      cookies[role] = signIn.headers.get("set-cookie")!.split(";")[0]!;
    }
  });
  beforeEach(() => forgetRefusals());
  afterEach(() => vi.restoreAllMocks());

  it("records a key refused for lack of a scope once, with the method, the path and the scope", async () => {
    const before = (await denied()).length;
    expect(await status("get", "/api/v1/access-log?limit=5", bearer(keys.read))).toBe(403);
    const added = (await denied()).slice(before);
    expect(added).toEqual([{ actor_kind: "key", actor_key_id: keys.read.id, actor_label: keys.read.prefix, outcome: "denied", details: { method: "GET", route: "/api/v1/access-log", needs: "admin" } }]);
    await intact();
  });

  it("records people refused for their role: a viewer's feedback, a switch to a tenant they are not in", async () => {
    const before = (await denied()).length;
    expect(await status("post", "/api/v1/runs/some-run/scores", { cookie: cookies.viewer }, { name: "q", value: 1 })).toBe(403);
    expect(await status("put", "/api/v1/session", { cookie: cookies.member }, { tenantId: "not-theirs" })).toBe(403);
    const added = (await denied()).slice(before);
    expect(added).toEqual([
      { actor_kind: "user", actor_key_id: userIds.viewer, actor_label: "viewer@refusals.example", outcome: "denied", details: { method: "POST", route: "/api/v1/runs/some-run/scores", needs: "feedback" } },
      { actor_kind: "user", actor_key_id: userIds.member, actor_label: "member@refusals.example", outcome: "denied", details: { method: "PUT", route: "/api/v1/session", needs: "membership" } },
    ]);
    await intact();
  });

  it("records a refused download of the access log as access_log.export, once, and not also as request.denied", async () => {
    const before = { exports: (await denied("access_log.export")).length, generic: (await denied()).length };
    expect(await status("get", "/api/v1/access-log?format=csv", { cookie: cookies.member })).toBe(403);
    const exports = (await denied("access_log.export")).slice(before.exports);
    expect(exports).toEqual([{ actor_kind: "user", actor_key_id: userIds.member, actor_label: "member@refusals.example", outcome: "denied", details: { method: "GET", route: "/api/v1/access-log", needs: "admin" } }]);
    expect((await denied()).length).toBe(before.generic);
    await intact();
  });

  it("bounds a flood: one entry per path a minute, at most 20 per caller a minute, more once the minute has passed", async () => {
    const before = (await denied()).length;
    const ingest = bearer(keys.ingest);
    for (let i = 0; i < 60; i++) expect(await status("get", "/api/v1/runs", ingest)).toBe(403);
    expect((await denied()).length - before).toBe(1);
    for (let i = 0; i < 60; i++) expect(await status("get", `/api/v1/runs/flood-${i}`, ingest)).toBe(403);
    const flood = (await denied()).slice(before);
    expect(flood).toHaveLength(20);
    expect(new Set(flood.map((entry) => JSON.stringify(entry.details))).size).toBe(20);
    // Another caller is not held back by this one's flood.
    expect(await status("get", "/api/v1/runs", { cookie: cookies.viewer })).toBe(200);
    expect(await status("get", "/api/v1/settings/redaction", bearer(keys.ingest))).toBe(403);
    expect((await denied()).length - before).toBe(20);

    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 61_000);
    expect(await status("get", "/api/v1/runs", ingest)).toBe(403);
    expect((await denied()).slice(before + 20)).toEqual([expect.objectContaining({ actor_key_id: keys.ingest.id, details: { method: "GET", route: "/api/v1/runs", needs: "read" } })]);
    await intact();
  });
});
