import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { createKeyAuthenticator, OPEN_PRINCIPAL } from "@/lib/auth/authenticator";
import { UnauthenticatedRequestError } from "@/lib/auth/errors";
import { createSession, deleteSession, MAX_SESSIONS_PER_KEY, SESSION_TTL_SECONDS } from "@/lib/auth/sessions";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";

describe.each(testBackends())("the key authenticator on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("is open on loopback and in setup beyond it while no key exists; keys once one does", async () => {
    const open = createKeyAuthenticator(db(), { allowKeyless: true, cacheMs: 0 });
    const locked = createKeyAuthenticator(db(), { allowKeyless: false, cacheMs: 0 });
    expect(await open.mode()).toBe("open");
    expect(await open.fromKey(null)).toBe(OPEN_PRINCIPAL);
    expect(await open.fromSession("cos_whatever")).toBe(OPEN_PRINCIPAL);
    expect(await locked.mode()).toBe("setup");
    await expect(locked.fromKey(null)).rejects.toThrow(/none exists yet/);
    await expect(locked.fromKey("cok_guess")).rejects.toThrow("Unknown or revoked API key");

    const key = await createApiKey(db(), "acme", "reader", ["read"]);
    expect(await open.mode()).toBe("keys");
    expect(await open.fromKey(key.key)).toEqual({ tenantId: "acme", scopes: ["read"], keyId: key.id });
    await expect(open.fromKey(null)).rejects.toThrow(/API key is required/);
  });

  it("keeps answers for cacheMs; a revocation elsewhere applies once they expire, here at once", async () => {
    const key = await createApiKey(db(), "acme", "cached", ["read"]);
    const auth = createKeyAuthenticator(db(), { allowKeyless: false, cacheMs: 300 });
    const session = await createSession(db(), key.id);
    expect((await auth.fromKey(key.key)).tenantId).toBe("acme");
    expect((await auth.fromSession(session.token)).keyId).toBe(key.id);

    // Another process revokes: this cache still has the key for up to 300 ms...
    await revokeApiKey(db(), key.prefix);
    expect((await auth.fromKey(key.key)).tenantId).toBe("acme");
    // ...then it is refused, and so is every session it opened.
    await expect.poll(() => auth.fromKey(key.key).catch((error: unknown) => error), { timeout: 3000, interval: 50 }).toBeInstanceOf(UnauthenticatedRequestError);
    await expect(auth.fromSession(session.token)).rejects.toThrow(/session has ended/);
    // A fresh lookup skips the cache.
    await expect(createKeyAuthenticator(db(), { allowKeyless: false }).fromKey(key.key, { fresh: true })).rejects.toThrow("Unknown or revoked API key");
  });

  it("ends a session when it expires, is signed out, or is not a session id at all", async () => {
    const key = await createApiKey(db(), "acme", "sessions", ["read"]);
    const auth = createKeyAuthenticator(db(), { allowKeyless: false, cacheMs: 60_000 });
    const expired = await createSession(db(), key.id, new Date(Date.now() - SESSION_TTL_SECONDS * 1000 - 1000));
    await expect(auth.fromSession(expired.token)).rejects.toThrow(/session has ended/);

    const live = await createSession(db(), key.id);
    expect((await auth.fromSession(live.token)).tenantId).toBe("acme");
    expect(await deleteSession(db(), live.token)).toEqual({ keyId: key.id, userId: null, tenantId: "acme" });
    expect(await deleteSession(db(), live.token)).toBeNull();
    auth.invalidate();
    await expect(auth.fromSession(live.token)).rejects.toThrow(/session has ended/);
    await expect(auth.fromSession(key.key)).rejects.toThrow(/session has ended/);
  });

  it("keeps a key's sessions bounded: signing in again past the limit ends the oldest", async () => {
    const key = await createApiKey(db(), "acme", "many sign-ins", ["read"]);
    const tokens: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_KEY + 3; i++) tokens.push((await createSession(db(), key.id, new Date(Date.now() + i))).token);
    const rows = await db().selectFrom("sessions").select("id_hash").where("key_id", "=", key.id).execute();
    expect(rows).toHaveLength(MAX_SESSIONS_PER_KEY);
    const auth = createKeyAuthenticator(db(), { allowKeyless: false, cacheMs: 0 });
    await expect(auth.fromSession(tokens[0]!)).rejects.toThrow(/session has ended/);
    expect((await auth.fromSession(tokens.at(-1)!)).keyId).toBe(key.id);
  });
});
