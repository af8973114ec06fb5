import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createKeyAuthenticator } from "@/lib/auth/authenticator";
import { AuthUnavailableError } from "@/lib/auth/errors";
import { openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { privatePostgresUnavailable, sparePort, startPrivatePostgres, type PrivatePostgres } from "@/lib/db/testing/private-postgres";

// Keyed exporters must keep reaching the spool while the database is down: the key check keeps
// the database's last answer for a key instead of failing once its cache expires.

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`skipping the key-check outage test: ${unavailable}`);

describe.skipIf(unavailable !== null)("API key checks while PostgreSQL is down", () => {
  let server: PrivatePostgres;
  let database: Database;

  beforeAll(async () => {
    server = startPrivatePostgres(await sparePort());
    database = await openPostgres(server.url("auth_outage"));
    await migrateToLatest(database.kysely);
  });
  afterAll(async () => {
    await database?.close();
    server?.dispose();
  });

  it("accepts a key it has seen, refuses as unavailable what it has not, and checks afresh once back", async () => {
    const key = await createApiKey(database.kysely, "acme", "exporter", ["ingest"]);
    const auth = createKeyAuthenticator(database.kysely, { allowKeyless: false, cacheMs: 20 });
    expect((await auth.fromKey(key.key)).tenantId).toBe("acme");

    server.stop("immediate");
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // past the cache
      const started = Date.now();
      expect((await auth.fromKey(key.key)).tenantId).toBe("acme");
      expect((await auth.fromKey(key.key)).tenantId).toBe("acme");
      expect(Date.now() - started).toBeLessThan(2000);
      // Never seen: nothing to stand on.
      await expect(auth.fromKey("cok_never_seen_before")).rejects.toBeInstanceOf(AuthUnavailableError);
      // Key management asks the database itself.
      await expect(auth.fromKey(key.key, { fresh: true })).rejects.toBeInstanceOf(AuthUnavailableError);
    } finally {
      server.start();
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        expect((await auth.fromKey(key.key, { fresh: true })).tenantId).toBe("acme");
        break;
      } catch (error) {
        if (Date.now() > deadline) throw Object.assign(error as Error, { message: `${(error as Error).message} (cause: ${String((error as { cause?: unknown }).cause)})` });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
});
