import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RefusedCaller, Right } from "@/lib/auth/errors";
import type { AccessAction } from "@/lib/access-log/entry";
import { recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";

// Issue 25: a key, session or person refused for lack of a scope or role (403) is in the access
// log. A script looping on a refused call must not fill the table: one entry per actor, method and
// path per minute, and at most MAX_PER_ACTOR of them per actor per minute across paths.

const WINDOW_MS = 60_000;
const MAX_PER_ACTOR = 20;
/** Bounded: past it the oldest remembered entries are forgotten first. */
const MAX_REMEMBERED = 10_000;
const KEY = Symbol.for("codon-observatory.refusals");

interface Remembered {
  /** When each actor+method+path was last recorded. */
  routes: Map<string, number>;
  /** Each actor's current window: its start and how many entries it recorded. */
  actors: Map<string, { start: number; count: number }>;
}
type WithRefusals = typeof globalThis & { [KEY]?: Remembered };

/** One per process (on globalThis: Next bundles each route module apart). */
function remembered(): Remembered {
  const holder = globalThis as WithRefusals;
  holder[KEY] ??= { routes: new Map(), actors: new Map() };
  return holder[KEY];
}

/** Sets `key` as the newest, forgetting the oldest when full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value!);
  map.set(key, value);
}

function worthRecording(actor: string, route: string, now: number): boolean {
  const { routes, actors } = remembered();
  const last = routes.get(route);
  if (last !== undefined && now - last < WINDOW_MS) return false;
  const window = actors.get(actor);
  const current = window && now - window.start < WINDOW_MS ? window : { start: now, count: 0 };
  if (current.count >= MAX_PER_ACTOR) return false;
  remember(actors, actor, { start: current.start, count: current.count + 1 });
  remember(routes, route, now);
  return true;
}

export interface Refusal {
  principal: RefusedCaller;
  needs: Right;
}

/**
 * Records that `refusal.principal` was refused this request (best effort: the 403 stands either
 * way), as `action` (an export's own action, so a refused download is that download's entry) or
 * `request.denied`. Key-less use is not an actor to record; repeats within the bound are dropped.
 */
export async function recordRefusedRequest(db: Kysely<DB>, request: Request, refusal: Refusal, action: AccessAction = "request.denied"): Promise<void> {
  const { principal, needs } = refusal;
  // Key-less use of an open server (isOpenPrincipal's test): nobody to name.
  if (principal.keyId === null && principal.user === undefined) return;
  const context = accessContextOf(request, principal);
  const path = new URL(request.url).pathname;
  const actor = `${principal.tenantId}\u0000${context.actor.kind}\u0000${context.actor.keyId}`;
  if (!worthRecording(actor, `${actor}\u0000${action}\u0000${request.method}\u0000${path}`, Date.now())) return;
  // The path, never the query: a log search's text is content.
  await recordRefusal(db, { tenantId: principal.tenantId, action, outcome: "denied", ...context, details: { method: request.method, route: path, needs } });
}

/** Forgets what was recorded, as a new process starts with nothing (tests). */
export function forgetRefusals(): void {
  delete (globalThis as WithRefusals)[KEY];
}
