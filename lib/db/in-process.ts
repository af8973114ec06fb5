import type { Kysely } from "kysely";

// PGlite runs each query to its end on the event loop's thread, one query at a time; PostgreSQL
// answers over a socket while the loop goes on. A read of a whole large run can be cut into pages
// on the first and sent as one query to the second: callers ask which one they hold.

const KEY = Symbol.for("codon-observatory.in-process-handles");
type WithHandles = typeof globalThis & { [KEY]?: WeakSet<Kysely<unknown>> };

/** One per process (on globalThis: Next bundles each route module apart, and the handle is opened outside them). */
function inProcessHandles(): WeakSet<Kysely<unknown>> {
  const holder = globalThis as WithHandles;
  holder[KEY] ??= new WeakSet();
  return holder[KEY];
}

/** Records that queries on this handle run in this process (PGlite). */
export function markInProcess<DB>(db: Kysely<DB>): void {
  inProcessHandles().add(db as Kysely<unknown>);
}

/** True for a PGlite handle: a long query holds the event loop and the only connection until it ends. */
export function runsInProcess<DB>(db: Kysely<DB>): boolean {
  return inProcessHandles().has(db as Kysely<unknown>);
}
