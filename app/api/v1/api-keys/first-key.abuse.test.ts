import { describe, expect, it } from "vitest";
import { issueSetupToken } from "@/lib/auth/setup-token";
import { testBackends } from "@/lib/db/testing/backends";
import { apiRequest, apiSuite } from "@/test-support/api-runtime";
import { POST as create } from "@/app/api/v1/api-keys/route";
import { POST as createPrice } from "@/app/api/v1/prices/route";
import { POST as postLedger } from "@/app/api/v1/runs/[runId]/ledger/route";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-info";
import { params } from "@/test-support/api-runtime";

// The review's attack on an open server: a page the operator visits posts `text/plain` JSON and
// creates the first key (locking every exporter out), a price, or ledger events. None may land;
// and the setup token, the one way to the first key over HTTP, cannot be raced or guessed.

const [backend] = testBackends();
const BROWSER_FORM = { "content-type": "text/plain;charset=UTF-8", "sec-fetch-site": "cross-site", origin: "http://evil.example" };

describe("the first key and writes on an open server, under attack", () => {
  const suite = apiSuite(backend!);
  const keys = () => suite.db().selectFrom("api_keys").select("id").execute();

  it("a cross-site text/plain post creates no key, price or ledger event; nor does a plain anonymous one", async () => {
    const key = await create(apiRequest("/api/v1/api-keys", { method: "POST", body: '{"name":"pwned"}', headers: BROWSER_FORM }));
    expect(key.status).toBe(403);
    const price = await createPrice(
      apiRequest("/api/v1/prices", { method: "POST", body: '{"model":"gpt-4o","effectiveFrom":"2026-01-01","inputUsdPerMtok":0,"outputUsdPerMtok":0}', headers: BROWSER_FORM }),
    );
    expect(price.status).toBe(403);
    const ledger = await postLedger(
      apiRequest("/api/v1/runs/victim/ledger", {
        method: "POST",
        body: '[{"event_type":"node_failed","timestamp":"2026-01-01T00:00:00Z","token_id":"t","source_node":"a","target_node":"b","metadata":{}}]',
        headers: BROWSER_FORM,
      }),
      params({ runId: "victim" }),
    );
    expect(ledger.status).toBe(403);
    // Without the browser headers (curl), text/plain is still no JSON body.
    expect((await create(apiRequest("/api/v1/api-keys", { method: "POST", body: '{"name":"pwned"}', headers: { "content-type": "text/plain" } }))).status).toBe(415);
    // And JSON without the setup token is refused: no anonymous first key, ever.
    expect((await create(apiRequest("/api/v1/api-keys", { method: "POST", body: { name: "pwned" } }))).status).toBe(401);

    expect(await keys()).toEqual([]);
    expect(await suite.db().selectFrom("price_overrides").select("id").execute()).toEqual([]);
    expect(await suite.db().selectFrom("audit_events").select("run_id").execute()).toEqual([]);
  });

  it("guessing the setup token is limited per address like sign-in", async () => {
    issueSetupToken();
    const guess = (i: number) =>
      create(apiRequest("/api/v1/api-keys", { method: "POST", body: {}, headers: { authorization: `Bearer cst_guess${i}`, [CLIENT_ADDRESS_HEADER]: "203.0.113.50" } }));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess(i)).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await keys()).toEqual([]);
  });

  it("racing the setup token: exactly one first key", async () => {
    const token = issueSetupToken();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        create(apiRequest("/api/v1/api-keys", { method: "POST", key: token, body: { tenantId: `racer-${i}` }, headers: { [CLIENT_ADDRESS_HEADER]: `198.51.100.${i}` } })),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 401, 401, 401, 401, 401, 401, 401]);
    expect(await keys()).toHaveLength(1);
  });
});
