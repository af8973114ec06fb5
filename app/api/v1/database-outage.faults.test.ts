import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { privatePostgresUnavailable, sparePort, startPrivatePostgres, type PrivatePostgres } from "@/lib/db/testing/private-postgres";
import { apiRequest, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { GET as listRuns } from "@/app/api/v1/runs/route";

// API reads while the database is stopped: a 503 that says to retry, within 2 s, and the same
// call works again on its own once the database is back.

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`skipping the API outage tests: ${unavailable}`);


describe.skipIf(unavailable !== null)("API reads during a database outage", () => {
  let server: PrivatePostgres;
  let database: Database;
  let api: ApiRuntime;

  beforeAll(async () => {
    server = startPrivatePostgres(await sparePort());
    database = await openPostgres(server.url("api_outage"));
    await migrateToLatest(database.kysely);
    api = await wireServerRuntime(database);
    await sendRun(api.collector(), "before-outage");
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
    server?.dispose();
  });

  it("answer 503 with Retry-After within 2 s while it is down, and 200 once it is back", async () => {
    expect((await listRuns(apiRequest("/api/v1/runs"))).status).toBe(200);
    server.stop("immediate");
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const started = Date.now();
        const response = await listRuns(apiRequest("/api/v1/runs"));
        expect(Date.now() - started).toBeLessThan(2000);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("2");
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("unavailable");
        // Generic: no driver or socket detail reaches the client.
        expect(body.error.message).not.toMatch(/ECONN|127\.0\.0\.1|postgres/i);
      }
    } finally {
      server.start();
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await listRuns(apiRequest("/api/v1/runs"))).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
  });
});
