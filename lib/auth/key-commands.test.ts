import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { createKeyByCommand, revokeKeysByCommand } from "@/lib/auth/key-commands";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";

// `npm run apikey -- create | revoke` (issue 25): each key made or revoked on the server is one
// access-log entry in its tenant, by the command line, and the chain still verifies.

describe.each(testBackends())("keys made and revoked on the command line on $name", (backend) => {
  let handle: TestDatabase;
  const db = (): Kysely<DB> => handle.database.kysely;
  const entries = (tenantId: string) =>
    db().selectFrom("access_log").select(["action", "outcome", "actor_kind", "actor_key_id", "actor_label", "target_kind", "target_id", "details"]).where("tenant_id", "=", tenantId).orderBy("seq").execute();
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle?.dispose());

  it("records the creation once, with the command as actor and no secret", async () => {
    const key = await createKeyByCommand(db(), "cli-keys", "exporter", ["ingest"]);
    const logged = await entries("cli-keys");
    expect(logged).toEqual([
      {
        action: "api_key.create",
        outcome: "ok",
        actor_kind: "cli",
        actor_key_id: null,
        actor_label: expect.stringMatching(/^npm run apikey/),
        target_kind: "api_key",
        target_id: key.id,
        details: { name: "exporter", prefix: key.prefix, scopes: "ingest" },
      },
    ]);
    expect(JSON.stringify(logged)).not.toContain(key.key);
    expect(await verifyAccessLog(db(), "cli-keys")).toMatchObject({ status: "intact", checked: 1 });
  });

  it("records a revocation once per key, in each key's own tenant; nothing when no key matches", async () => {
    const key = await createKeyByCommand(db(), "cli-revoke", null, ["read"]);
    expect((await revokeKeysByCommand(db(), key.prefix)).map((k) => k.id)).toEqual([key.id]);
    expect(await revokeKeysByCommand(db(), key.prefix)).toEqual([]);
    const logged = await entries("cli-revoke");
    expect(logged.map((e) => [e.action, e.outcome, e.actor_kind, e.target_id])).toEqual([
      ["api_key.create", "ok", "cli", key.id],
      ["api_key.revoke", "ok", "cli", key.id],
    ]);
    expect(logged[1]!.details).toEqual({ prefix: key.prefix });
    expect(await verifyAccessLog(db(), "cli-revoke")).toMatchObject({ status: "intact", checked: 2 });
  });
});
