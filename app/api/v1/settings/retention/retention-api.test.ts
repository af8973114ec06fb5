import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { setDefaultRetentionDays } from "@/lib/retention/policy";
import { apiSuite } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";

const PATH = "/api/v1/settings/retention";

describe.each(testBackends())("the retention setting on $name", (backend) => {
  const suite = apiSuite(backend);
  afterEach(() => setDefaultRetentionDays(30));

  it("follows RETENTION_DAYS until the tenant sets its own, and again once it clears it", async () => {
    setDefaultRetentionDays(14);
    expect(await (await callRoute("get", PATH)).json()).toEqual({ days: 14, tenantDays: null, defaultDays: 14 });

    const set = await callRoute("post", PATH, { body: { days: 0 } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ days: 0, tenantDays: 0, defaultDays: 14 });
    const stored = await suite.db().selectFrom("tenants").select("retention_days").where("id", "=", "default").executeTakeFirstOrThrow();
    expect(stored.retention_days).toBe(0);

    await callRoute("post", PATH, { body: { days: null } });
    expect(await (await callRoute("get", PATH)).json()).toEqual({ days: 14, tenantDays: null, defaultDays: 14 });
  });

  it("refuses what is not a whole number of days in range, naming the problem", async () => {
    for (const days of [-1, 1.5, "30", 100_000]) {
      const response = await callRoute("post", PATH, { body: { days } });
      expect(response.status, String(days)).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^days: /);
    }
    expect((await callRoute("post", PATH, { body: {} })).status).toBe(400);
  });
});
