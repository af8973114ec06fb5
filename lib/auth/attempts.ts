import { TooManyAttemptsError } from "@/lib/auth/errors";
import { AttemptLimiter } from "@/lib/http/rate-limit";
import { clientAddress } from "@/lib/http/client-info";

/** Failed sign-ins and setup-token tries: 10 at once per client, then one every 6 s. */
export const SIGN_IN_LIMIT = { burst: 10, refillMs: 6000, maxClients: 10_000 } as const;

const KEY = Symbol.for("codon-observatory.sign-in-attempts");
const LOGGED = Symbol.for("codon-observatory.refusals-logged");
type WithLimiter = typeof globalThis & { [KEY]?: AttemptLimiter; [LOGGED]?: AttemptLimiter };

/** One limiter per process (on globalThis: Next bundles each route module apart). */
export function signInLimiter(): AttemptLimiter {
  const holder = globalThis as WithLimiter;
  holder[KEY] ??= new AttemptLimiter(SIGN_IN_LIMIT);
  return holder[KEY];
}

/** Forgets every count, as a new process starts with none (test wiring starts a fresh "server" this way). */
export function forgetAttempts(): void {
  delete (globalThis as WithLimiter)[KEY];
  delete (globalThis as WithLimiter)[LOGGED];
}

/**
 * Whether a refusal for having too many failed attempts goes to the access log: once a minute per
 * client address, so a client hammering the sign-in cannot fill the table.
 */
export function shouldLogRateLimited(request: Request): boolean {
  const holder = globalThis as WithLimiter;
  holder[LOGGED] ??= new AttemptLimiter({ burst: 1, refillMs: 60_000, maxClients: 10_000 });
  const client = clientAddress(request);
  if (holder[LOGGED].retryAfterSeconds(client) > 0) return false;
  holder[LOGGED].fail(client);
  return true;
}

/** Throws TooManyAttemptsError (429) while the client has used up its failed attempts. */
export function checkAttemptBudget(request: Request): void {
  const wait = signInLimiter().retryAfterSeconds(clientAddress(request));
  if (wait > 0) throw new TooManyAttemptsError(`Too many failed attempts from your address; try again in ${wait} s`, wait);
}

export function countFailedAttempt(request: Request): void {
  signInLimiter().fail(clientAddress(request));
}
