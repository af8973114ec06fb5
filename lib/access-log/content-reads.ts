import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { Principal } from "@/lib/auth/authenticator";
import { recordBestEffort } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";

// Issue 25: "reads of inputs/outputs by viewers where allowed" go to the access log. A viewer
// clicking through a run's nodes reads many times a minute: one entry per viewer, run (or
// execution, or service) and REPEAT_MS is the record, not one per request.

const REPEAT_MS = 10 * 60 * 1000;
/** Bounded: a flood of distinct targets clears it rather than growing it. */
const MAX_REMEMBERED = 10_000;
const KEY = Symbol.for("codon-observatory.content-reads");
type WithReads = typeof globalThis & { [KEY]?: Map<string, number> };

/** One map per process (on globalThis: Next bundles each route module apart). */
function remembered(): Map<string, number> {
  const holder = globalThis as WithReads;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

export interface ContentTarget {
  kind: "run" | "execution" | "workflow" | "service";
  id: string;
}

/** Whether this read is one the log wants: a viewer's, who is allowed to see content, not already noted lately. */
function worthNoting(principal: Principal, target: ContentTarget, now: number): boolean {
  const user = principal.user;
  if (!user || user.role !== "viewer" || !user.seesContent) return false;
  const seen = remembered();
  const key = `${principal.tenantId}\u0000${user.id}\u0000${target.kind}\u0000${target.id}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < REPEAT_MS) return false;
  if (seen.size >= MAX_REMEMBERED && last === undefined) seen.clear();
  seen.set(key, now);
  return true;
}

/** Notes a viewer's read of inputs and outputs (`what`: which view) in the access log; best effort, never fails the read. */
export async function noteContentRead(db: Kysely<DB>, request: Request, principal: Principal, target: ContentTarget, what: string): Promise<void> {
  if (!worthNoting(principal, target, Date.now())) return;
  await recordBestEffort(db, { tenantId: principal.tenantId, action: "content.read", outcome: "ok", ...accessContextOf(request, principal), target, details: { view: what } });
}

/** Forgets what was noted, as a new process starts with nothing (tests). */
export function forgetContentReads(): void {
  delete (globalThis as WithReads)[KEY];
}
