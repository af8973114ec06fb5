import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAttempts } from "@/lib/auth/attempts";
import { forgetContentReads } from "@/lib/access-log/content-reads";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createUser } from "@/lib/users/users";
import { GET as getNode } from "@/app/api/v1/runs/[runId]/nodes/[nodeId]/route";
import { GET as getSpans } from "@/app/api/v1/runs/[runId]/spans/route";
import { POST as signIn } from "@/app/api/v1/session/route";
import { apiRequest, params, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";

// Issue 25: a viewer's reads of inputs and outputs are in the access log, once per run per ten
// minutes however many requests they take; other roles' reads are not.

const PASSWORD = "a long enough password";

describe.each(testBackends())("viewers' reads of content in the access log on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const runId = `content-reads-${backend.name}`;
  const db = () => handle.database.kysely;
  const cookieFor = async (email: string) => {
    forgetAttempts();
    const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { email, password: PASSWORD } }));
    expect(response.status).toBe(200);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  };
  const reads = () => db().selectFrom("access_log").select(["actor_label", "target_kind", "target_id", "details"]).where("action", "=", "content.read").orderBy("seq").execute();

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    forgetContentReads();
    await sendRun(server.collector(), runId);
    await createUser(db(), { email: "viewer@example.com", password: PASSWORD, tenantId: "default", role: "viewer" });
    await createUser(db(), { email: "member@example.com", password: PASSWORD, tenantId: "default", role: "member" });
    await server.restartCollector();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("records a viewer's first read of a run's content, not the repeats, and not a member's", async () => {
    const viewer = await cookieFor("viewer@example.com");
    const member = await cookieFor("member@example.com");
    const node = (cookie: string) => getNode(apiRequest(`/api/v1/runs/${runId}/nodes/answer`, { cookie }), params({ runId, nodeId: "answer" }));
    expect((await node(viewer)).status).toBe(200);
    expect((await node(viewer)).status).toBe(200);
    expect((await getSpans(apiRequest(`/api/v1/runs/${runId}/spans?view=full`, { cookie: viewer }), params({ runId }))).status).toBe(200);
    expect((await node(member)).status).toBe(200);
    expect(await reads()).toEqual([{ actor_label: "viewer@example.com", target_kind: "run", target_id: runId, details: { view: "node" } }]);
  });
});
