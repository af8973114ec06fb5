import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setWebhookHosts } from "@/lib/alerts/webhook-hosts";
import type { AccessLogEntry, AccessLogPage } from "@/lib/access-log/entry";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { forgetAttempts } from "@/lib/auth/attempts";
import { issueSetupToken } from "@/lib/auth/setup-token";
import { testBackends } from "@/lib/db/testing/backends";
import type { ApiKeyCreated } from "@/lib/openapi/wire-types";
import { apiSuite } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";

// Issue 25: every action the access log covers, done once through its real route handler, is
// recorded exactly once, with who did it and from where; the list filters and pages; exports are
// bounded and recorded themselves.

const CLIENT = { "x-codon-client-address": "203.0.113.7", "user-agent": "access-log-test/1.0" };
const as = (key: string) => ({ ...CLIENT, authorization: `Bearer ${key}` });

describe.each(testBackends())("the access log over the API on $name", (backend) => {
  const suite = apiSuite(backend);
  beforeAll(() => setWebhookHosts(["127.0.0.1"]));
  afterAll(() => setWebhookHosts([]));
  let admin: ApiKeyCreated;
  let reader: ApiKeyCreated;

  const rows = () => suite.db().selectFrom("access_log").selectAll().where("tenant_id", "=", "acme").orderBy("seq").execute();
  const page = async (query: string, key = admin.key) => {
    const response = await callRoute("get", `/api/v1/access-log${query}`, { headers: as(key) });
    expect(response.status, query).toBe(200);
    return (await response.json()) as AccessLogPage;
  };

  it("records each action once, with its actor, target, client and outcome", async () => {
    const first = await callRoute("post", "/api/v1/api-keys", { body: { tenantId: "acme", name: "ops" }, headers: { ...CLIENT, authorization: `Bearer ${issueSetupToken()}` } });
    expect(first.status).toBe(201);
    admin = (await first.json()) as ApiKeyCreated;
    const created = await callRoute("post", "/api/v1/api-keys", { body: { name: "reader", scopes: ["read"] }, headers: as(admin.key) });
    reader = (await created.json()) as ApiKeyCreated;

    const signIn = await callRoute("post", "/api/v1/session", { body: { apiKey: reader.key }, headers: CLIENT });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect((await callRoute("post", "/api/v1/session", { body: { apiKey: "cok_notakeynotakeynotakeynotakeynotake" }, headers: CLIENT })).status).toBe(401);
    expect((await callRoute("delete", "/api/v1/session", { headers: { ...CLIENT, cookie } })).status).toBe(204);

    const price = await callRoute("post", "/api/v1/prices", { body: { model: "m-1", effectiveFrom: "2026-11-01", inputUsdPerMtok: 1, outputUsdPerMtok: 2 }, headers: as(admin.key) });
    expect(price.status).toBe(201);
    const priceId = ((await price.json()) as { override: { id: string } }).override.id;
    expect((await callRoute("delete", `/api/v1/prices/${priceId}`, { headers: as(admin.key) })).status).toBe(200);
    const rule = await callRoute("post", "/api/v1/alert-rules", { body: { name: "errors", condition: "error_rate", threshold: 0.1, webhookUrl: "http://127.0.0.1:9/hook?token=s3cret" }, headers: as(admin.key) });
    expect(rule.status).toBe(201);
    const ruleId = ((await rule.json()) as { rule: { id: string } }).rule.id;
    expect((await callRoute("delete", `/api/v1/alert-rules/${ruleId}`, { headers: as(admin.key) })).status).toBe(204);
    expect((await callRoute("post", "/api/v1/settings/retention", { body: { days: 45 }, headers: as(admin.key) })).status).toBe(200);
    expect((await callRoute("post", "/api/v1/settings/redaction", { body: { rules: [{ kind: "pattern", name: "ticket", pattern: "TCK-[0-9]{6}", action: "mask" }] }, headers: as(admin.key) })).status).toBe(200);
    expect((await callRoute("delete", `/api/v1/api-keys/${reader.id}`, { headers: as(admin.key) })).status).toBe(204);
    expect((await callRoute("delete", "/api/v1/api-keys/999999", { headers: as(admin.key) })).status).toBe(404);

    const acme = await rows();
    expect(acme.map((row) => [row.action, row.outcome])).toEqual([
      ["api_key.create", "ok"],
      ["api_key.create", "ok"],
      ["session.sign_in", "ok"],
      ["session.sign_out", "ok"],
      ["price.create", "ok"],
      ["price.delete", "ok"],
      ["alert_rule.create", "ok"],
      ["alert_rule.delete", "ok"],
      ["retention.update", "ok"],
      ["redaction.update", "ok"],
      ["api_key.revoke", "ok"],
      ["api_key.revoke", "failed"],
    ]);
    expect(acme.map((row) => Number(row.seq))).toEqual(acme.map((_, i) => i + 1));
    expect(acme[0]).toMatchObject({ actor_kind: "anonymous", actor_label: "setup-token", target_kind: "api_key", target_id: admin.id, client_ip: "203.0.113.7", user_agent: "access-log-test/1.0" });
    expect(acme[1]).toMatchObject({ actor_kind: "key", actor_key_id: admin.id, actor_label: admin.prefix, target_id: reader.id, details: { prefix: reader.prefix, scopes: "read", name: "reader", bootstrap: false } });
    expect(acme[2]).toMatchObject({ actor_kind: "key", actor_key_id: reader.id, actor_label: reader.prefix });
    expect(acme[3]).toMatchObject({ actor_kind: "session", actor_key_id: reader.id });
    expect(acme[8]!.details).toEqual({ days: 45 });
    expect(acme[9]!.details).toEqual({ rules: 1, patterns: 1 });
    // Never a key, a webhook URL or a pattern: nothing secret is in any stored value.
    const stored = JSON.stringify(acme.map(({ prev_hash: _p, hash: _h, ...row }) => row));
    for (const secret of [admin.key, reader.key, "s3cret", "TCK-"]) expect(stored).not.toContain(secret);

    // The unknown key's tenant is unknown: its refusal is the default tenant's.
    const refused = await suite.db().selectFrom("access_log").selectAll().where("tenant_id", "=", "default").execute();
    expect(refused).toMatchObject([{ action: "session.sign_in", outcome: "denied", actor_kind: "anonymous", details: { reason: "unknown_key" } }]);
    expect(await verifyAccessLog(suite.db(), "acme")).toMatchObject({ status: "intact", checked: 12 });
  });

  it("records a refused action with nothing done, and a rate-limited sign-in once a minute, not per try", async () => {
    const before = (await rows()).length;
    // Too many rules: refused inside the transaction, so no entry says it was done.
    for (let i = 0; i < 25; i++) await callRoute("post", "/api/v1/alert-rules", { body: { name: `r${i}`, condition: "error_rate", threshold: 0.1, webhookUrl: "http://127.0.0.1:9/h" }, headers: as(admin.key) });
    const rules = await suite.db().selectFrom("alert_rules").select("id").where("tenant_id", "=", "acme").execute();
    expect((await rows()).filter((row) => row.action === "alert_rule.create").length - 1).toBe(rules.length);
    expect((await rows()).length - before).toBe(rules.length);

    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await callRoute("post", "/api/v1/session", { body: { apiKey: "cok_wrongwrongwrongwrongwrongwrong" }, headers: CLIENT })).status);
    expect(statuses).toContain(429);
    const defaults = await suite.db().selectFrom("access_log").selectAll().where("tenant_id", "=", "default").execute();
    const limited = defaults.filter((row) => row.details.reason === "rate_limited");
    expect(limited).toHaveLength(1);
    expect(defaults.filter((row) => row.details.reason === "unknown_key")).toHaveLength(statuses.filter((s) => s === 401).length + 1);
  });

  it("lists newest first with filters and a cursor, for admins only", async () => {
    const all = await page("?limit=200");
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((a, b) => b - a));
    const seen: AccessLogEntry[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const next: AccessLogPage = await page(`?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...next.entries);
      cursor = next.nextCursor;
    }
    expect(seen.map((e) => e.seq)).toEqual(all.entries.map((e) => e.seq));

    expect((await page("?action=api_key.revoke")).entries.map((e) => e.outcome)).toEqual(["failed", "ok"]);
    expect((await page("?outcome=failed")).entries.map((e) => e.action)).toEqual(["api_key.revoke"]);
    expect((await page(`?actor=${reader.prefix}`)).entries.map((e) => e.action)).toEqual(["session.sign_out", "session.sign_in"]);
    expect((await page("?actor=setup-token")).entries.map((e) => e.target.id)).toEqual([admin.id]);
    expect((await page(`?actor=${reader.id}`)).entries.map((e) => e.action)).toEqual(["session.sign_out", "session.sign_in"]);
    expect((await page("?from=2000-01-01&to=2000-01-02")).entries).toEqual([]);
    expect((await page("?from=1h")).entries.length).toBe(all.entries.length);

    for (const bad of ["?action=drop_table", "?outcome=maybe", "?actor=x'y", "?limit=0", "?cursor=abc", "?from=yesterday", "?format=xml"]) {
      expect((await callRoute("get", `/api/v1/access-log${bad}`, { headers: as(admin.key) })).status, bad).toBe(400);
    }
    forgetAttempts(); // the sign-in test above used up this client's attempts, which key creation counts too
    const ingestKey = (await (await callRoute("post", "/api/v1/api-keys", { body: { name: "exporter" }, headers: as(admin.key) })).json()) as ApiKeyCreated;
    expect((await callRoute("get", "/api/v1/access-log", { headers: as(ingestKey.key) })).status).toBe(403);
  });

  it("exports CSV and JSON Lines, bounded to 10,000 entries, and records each export", async () => {
    const csv = await callRoute("get", "/api/v1/access-log?format=csv&action=api_key.revoke", { headers: as(admin.key) });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("x-codon-truncated")).toBe("false");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("seq,occurred_at,actor_kind,actor_key_id,actor_label,action,target_kind,target_id,outcome,client_ip,user_agent,details");
    expect(lines.slice(1).map((line) => line.split(",")[8])).toEqual(["failed", "ok"]);
    const jsonl = await callRoute("get", "/api/v1/access-log?format=jsonl&action=access_log.export", { headers: as(admin.key) });
    const exported = (await jsonl.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as AccessLogEntry);
    expect(exported).toMatchObject([{ action: "access_log.export", details: { format: "csv", entries: 2, truncated: false, action: "api_key.revoke" } }]);

    // 10,001 more entries, written straight (the export does not check the chain).
    await sql`
      insert into access_log (tenant_id, seq, occurred_at, actor_kind, action, outcome, prev_hash, hash)
      select 'acme', 1000000 + g, now(), 'anonymous', 'ledger.export', 'ok', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex')
      from generate_series(1, 10001) as g`.execute(suite.db());
    const big = await callRoute("get", "/api/v1/access-log?format=jsonl", { headers: as(admin.key) });
    expect(big.headers.get("x-codon-truncated")).toBe("true");
    expect((await big.text()).trimEnd().split("\n")).toHaveLength(10_000);
    const last = (await page("?action=access_log.export&limit=1")).entries[0]!;
    expect(last.details).toMatchObject({ format: "jsonl", entries: 10_000, truncated: true });
  });
});
