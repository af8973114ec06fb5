import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { apiKeyStatus } from "@/lib/auth/queries/api-key-status";

describe.each(testBackends())("apiKeyStatus on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  // One database for the whole story: keys only ever get added or revoked, as in real use.
  it("says no key is needed before any key exists", async () => {
    expect(await apiKeyStatus(db())).toEqual({ required: false, activeKeys: 0 });
  });

  it("counts the keys that work once keys exist", async () => {
    await createApiKey(db(), "acme", "ci pipeline");
    const second = await createApiKey(db(), "default", null);
    expect(await apiKeyStatus(db())).toEqual({ required: true, activeKeys: 2 });
    await revokeApiKey(db(), second.prefix);
    expect(await apiKeyStatus(db())).toEqual({ required: true, activeKeys: 1 });
  });

  it("keeps keys required after every key is revoked, as the collector does", async () => {
    const active = await db().selectFrom("api_keys").select("id").where("revoked_at", "is", null).execute();
    for (const { id } of active) await revokeApiKey(db(), id);
    expect(await apiKeyStatus(db())).toEqual({ required: true, activeKeys: 0 });
  });
});
