import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { GET, POST } from "@/app/api/v1/runs/[runId]/ledger/route";
import { apiRequest, apiSuite, params } from "@/test-support/api-runtime";

// The ledger upload through its real route handler and collector: stored entries, and bad bodies
// answered with the codes SDK users handle, naming where the first problem is.

const RUN = "ledger-route-run";
const post = (body: unknown) => POST(apiRequest(`/api/v1/runs/${RUN}/ledger`, { method: "POST", body }), params({ runId: RUN }));

describe.each(testBackends())("POST /api/v1/runs/{runId}/ledger on $name", (backend) => {
  const suite = apiSuite(backend);

  it("stores entries once (re-posting adds nothing) and lists them", async () => {
    const entries = [
      { event_type: "token_enqueued", timestamp: "2026-11-21T11:53:20Z", token_id: "t1", source_node: "__entry__", target_node: "a", metadata: {} },
      { event_type: "runtime_stopped", timestamp: "2026-11-21T11:53:21Z", token_id: null, source_node: null, target_node: null, metadata: {} },
    ];
    const first = await post(entries);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ runId: RUN, stored: 2, rejected: 0 });
    expect((await post(entries)).status).toBe(200);
    const listed = await GET(apiRequest(`/api/v1/runs/${RUN}/ledger`), params({ runId: RUN }));
    expect(((await listed.json()) as { events: unknown[] }).events).toHaveLength(2);
  });

  it("names the first bad entry, refuses what is not JSON, and bounds the run id", async () => {
    const invalid = await post([{ event_type: "x" }]);
    expect(invalid.status).toBe(400);
    const { error } = (await invalid.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("invalid_ledger");
    expect(error.message).toMatch(/^\[0\]\.timestamp: .*\(expected a list of \{event_type, timestamp/);

    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("invalid_json");

    const longId = "r".repeat(201);
    const tooLong = await POST(apiRequest(`/api/v1/runs/${longId}/ledger`, { method: "POST", body: [] }), params({ runId: longId }));
    expect(tooLong.status).toBe(400);
  });
});
