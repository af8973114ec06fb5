import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { isTransientDatabaseError } from "@/lib/db/errors";
import { activeKeyByHash, hashApiKey } from "@/lib/auth/api-keys";
import { anyCredentialExists } from "@/lib/auth/credentials";
import { AuthUnavailableError, isUnauthenticatedRequest, UnauthenticatedRequestError } from "@/lib/auth/errors";
import { SCOPES, type Scope } from "@/lib/auth/scopes";
import { hashSessionToken, isSessionToken, sessionByHash, type SessionUser } from "@/lib/auth/sessions";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";

/** Who a request acts as: a tenant and what it may do there. */
export interface Principal {
  tenantId: string;
  scopes: readonly Scope[];
  /** The key it came from (directly or through a session); null for a user's session and for open (key-less) use. */
  keyId: string | null;
  /** The person signed in, with their role in this tenant; absent for keys and open use. */
  user?: SessionUser;
}

/** Whether this is the key-less principal of an open server: neither a key nor a person. */
export function isOpenPrincipal(principal: Principal): boolean {
  return principal.keyId === null && principal.user === undefined;
}

/**
 * `open`: no key or user exists and the server listens on loopback only, so everything serves
 * the `default` tenant without a key. `setup`: none exists but the server listens beyond
 * loopback, so every request needs a key and there is none yet (the setup token makes the
 * first). `keys`: a key or a user exists (revoked and disabled ones count), so every request
 * needs a valid key or session.
 */
export type KeyMode = "open" | "setup" | "keys";

export const KEY_REQUIRED_MESSAGE =
  "An API key is required: send it as Authorization: Bearer <key> or x-codon-api-key, or sign in to the dashboard";
export const NO_KEY_YET_MESSAGE =
  "An API key is required, and none exists yet: this server listens beyond loopback. Create the first key with `npm run apikey -- create <tenant>` or with the setup token it printed at start";
export const UNKNOWN_KEY_MESSAGE = "Unknown or revoked API key";
export const SESSION_ENDED_MESSAGE = "Your session has ended (signed out, expired, or its key was revoked): sign in again";

export interface LookupOptions {
  /** Skip the cache: key management decides on what the database says now. */
  fresh?: boolean;
}

export interface KeyAuthenticator {
  /** Whether key-less use is open (this server binds loopback only). */
  readonly allowKeyless: boolean;
  mode(options?: LookupOptions): Promise<KeyMode>;
  /** The principal of a key sent as a header; null for a request without one. */
  fromKey(key: string | null, options?: LookupOptions): Promise<Principal>;
  /** The principal of a dashboard session id. */
  fromSession(token: string, options?: LookupOptions): Promise<Principal>;
  /** Drops cached answers: a key or session created, revoked or ended here applies at once. */
  invalidate(): void;
}

export const OPEN_PRINCIPAL: Principal = Object.freeze({ tenantId: DEFAULT_TENANT_ID, scopes: SCOPES, keyId: null });

const MAX_CACHED = 10_000;
/**
 * While the database cannot be reached, the last answer it gave for a key or session stands for
 * up to this long, so keyed exporters keep reaching the collector's spool through an outage.
 * Nothing can be revoked meanwhile without that same database.
 */
const STALE_WHILE_UNREACHABLE_MS = 60 * 60 * 1000;
/** How long a request with such an answer to fall back on waits for the database's fresh one. */
const REFRESH_WAIT_MS = 500;

interface Cached<T> {
  value: T;
  at: number;
}

/**
 * Keys and sessions, checked against the database and cached for `cacheMs` so ingest and reads
 * cost no query per request: a key or session revoked by another process stops working within
 * that time, one revoked here at once (`invalidate`). Database trouble is AuthUnavailableError,
 * unless an earlier answer for the same key or session can stand (STALE_WHILE_UNREACHABLE_MS).
 */
export function createKeyAuthenticator(db: Kysely<DB>, options: { allowKeyless: boolean; cacheMs?: number }): KeyAuthenticator {
  const cacheMs = options.cacheMs ?? 5000;
  let keysExist: Cached<boolean> | null = null;
  let unreachableUntil = 0;
  /** Bumped by invalidate(): answers loaded before it must not be cached after it. */
  let cacheGeneration = 0;
  const keys = new Map<string, Cached<Principal | null>>();
  const sessions = new Map<string, Cached<{ principal: Principal; expiresAt: number } | null>>();

  const fresh = <T>(entry: Cached<T> | undefined | null, now: number, options?: LookupOptions): entry is Cached<T> =>
    entry !== undefined && entry !== null && !options?.fresh && now - entry.at < cacheMs;

  /** The cached answer while fresh, else the database's; the last one while the database is unreachable. */
  async function answer<T>(
    cached: Cached<T> | undefined | null,
    now: number,
    lookup: LookupOptions | undefined,
    load: () => Promise<T>,
    keep: (entry: Cached<T>) => void,
  ): Promise<Cached<T>> {
    const last = cached ?? null;
    if (fresh(cached, now, lookup)) return cached;
    const canStand = last !== null && !lookup?.fresh && now - last.at < STALE_WHILE_UNREACHABLE_MS;
    // Just found unreachable: do not make every request wait for another failed connect.
    if (canStand && now < unreachableUntil) return last;
    const generation = cacheGeneration;
    const loading = load().then(
      (value): Cached<T> => {
        const entry = { value, at: now };
        // Kept even when the request stopped waiting for it, unless a revocation here cleared the cache meanwhile.
        if (generation === cacheGeneration) keep(entry);
        return entry;
      },
      (error: unknown) => {
        if (isTransientDatabaseError(error)) unreachableUntil = Date.now() + 1000;
        throw error;
      },
    );
    if (!canStand) return loading;
    // With an answer to fall back on, a database that is slow to answer (its pool busy with
    // writes, a connect that hangs) does not hold the request past a short wait.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), REFRESH_WAIT_MS);
    });
    try {
      const answered = await Promise.race([loading, waited]);
      if (answered !== null) return answered;
      // Slow: the next second's requests use the last answer without asking again.
      unreachableUntil = Date.now() + 1000;
      loading.catch(() => {}); // settles later; a failure is noted above
      return last;
    } catch (error) {
      if (isTransientDatabaseError(error)) return last;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  function remember<T>(map: Map<string, Cached<T>>, hash: string, entry: Cached<T>): void {
    // Bounded: a flood of made-up keys cannot grow it past MAX_CACHED.
    if (map.size >= MAX_CACHED && !map.has(hash)) map.clear();
    map.set(hash, entry);
  }

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUnauthenticatedRequest(error)) throw error;
      throw new AuthUnavailableError("Cannot check the API key: the database is unavailable; retry later", { cause: error });
    }
  }

  async function mode(now: number, lookup?: LookupOptions): Promise<KeyMode> {
    // Revoked keys count: revoking the last key must not open the server to everyone. So do users.
    const exist = await answer(keysExist, now, lookup, () => anyCredentialExists(db), (entry) => {
      keysExist = entry;
    });
    if (exist.value) return "keys";
    return options.allowKeyless ? "open" : "setup";
  }

  return {
    allowKeyless: options.allowKeyless,
    invalidate() {
      cacheGeneration++;
      keysExist = null;
      keys.clear();
      sessions.clear();
    },
    mode: (lookup) => guarded(() => mode(Date.now(), lookup)),
    fromKey: (key, lookup) =>
      guarded(async () => {
        const now = Date.now();
        const current = await mode(now, lookup);
        // Open: a key sent anyway changes nothing.
        if (current === "open") return OPEN_PRINCIPAL;
        if (!key) throw new UnauthenticatedRequestError(current === "setup" ? NO_KEY_YET_MESSAGE : KEY_REQUIRED_MESSAGE);
        const hash = hashApiKey(key);
        const cached = await answer(
          keys.get(hash),
          now,
          lookup,
          async () => {
            const row = await activeKeyByHash(db, hash);
            return row ? { tenantId: row.tenantId, scopes: row.scopes, keyId: row.id } : null;
          },
          (entry) => remember(keys, hash, entry),
        );
        if (!cached.value) throw new UnauthenticatedRequestError(UNKNOWN_KEY_MESSAGE);
        return cached.value;
      }),
    fromSession: (token, lookup) =>
      guarded(async () => {
        const now = Date.now();
        const current = await mode(now, lookup);
        if (current === "open") return OPEN_PRINCIPAL;
        if (!isSessionToken(token)) throw new UnauthenticatedRequestError(SESSION_ENDED_MESSAGE);
        const hash = hashSessionToken(token);
        const cached = await answer(
          sessions.get(hash),
          now,
          lookup,
          async () => {
            const grant = await sessionByHash(db, hash);
            if (!grant) return null;
            const principal: Principal = { tenantId: grant.tenantId, scopes: grant.scopes, keyId: grant.keyId, ...(grant.user ? { user: grant.user } : {}) };
            return { principal, expiresAt: grant.expiresAt.getTime() };
          },
          (entry) => remember(sessions, hash, entry),
        );
        if (!cached.value || cached.value.expiresAt <= now) throw new UnauthenticatedRequestError(SESSION_ENDED_MESSAGE);
        return cached.value.principal;
      }),
  };
}
