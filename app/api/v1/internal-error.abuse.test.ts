import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { apiRequest, apiSuite } from "@/test-support/api-runtime";
import { GET as listPrices } from "@/app/api/v1/prices/route";

// A failure inside the server must not tell the caller its internals (SQL, table names, paths):
// the answer says "internal error" with an id, and the log line with the cause carries that id.

const [backend] = testBackends();

describe("a 500", () => {
  const suite = apiSuite(backend!);
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("says internal error with an id the log line also carries, and nothing of the cause", async () => {
    await sql`drop table price_overrides cascade`.execute(suite.db());
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    const response = await listPrices(apiRequest("/api/v1/prices"));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string; errorId: string } };
    expect(body.error.code).toBe("internal");
    expect(body.error.errorId).toMatch(/^[0-9a-f]{12}$/);
    expect(body.error.message).toBe(`Internal error (error id ${body.error.errorId})`);
    expect(JSON.stringify(body)).not.toMatch(/price_overrides|relation|select/i);
    const line = logged.find((entry) => entry.includes(`errorId=${body.error.errorId}`));
    expect(line).toBeDefined();
    expect(line).toMatch(/price_overrides/);
  });
});
