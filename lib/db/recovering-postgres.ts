import type { ReservedSql, Sql } from "postgres";
import { copyRowsIn, copyThroughPostgres } from "@/lib/db/copy";
import { isConnectionLost, isPostgresJsUnhandledConnectionLoss } from "@/lib/db/errors";
import { createLogger } from "@/lib/runtime/log";
import { registerRecoverable } from "@/lib/runtime/process-faults";

const log = createLogger("db");

// postgres.js (3.4.x) mishandles a connection that closes while reserved (a Kysely transaction
// holds it): the next statement on it (often the ROLLBACK after the failure) is written to a
// null socket, which throws from a timer outside any promise (`Cannot read properties of null
// (reading 'write')`) or silently never flushes, and that statement never settles; releasing the
// closed connection puts it back among the open ones, where the next transaction hangs on it.
// After a few short outages under load every writer hung (lib/db/outages.faults.test.ts). The
// guard below keeps statements off a connection known to be gone, never releases one, bounds the
// wait for a connection, and replaces the whole pool when the fault strikes anyway.

const FROM_POSTGRES_JS = /postgres[/\\]src[/\\]connection\.js/;

export function isPostgresJsSocketFault(error: unknown): boolean {
  return error instanceof TypeError && /reading 'write'/.test(error.message) && FROM_POSTGRES_JS.test(error.stack ?? "");
}

export class ConnectionWaitTimeoutError extends Error {
  override name = "ConnectionWaitTimeoutError";
  readonly code = "CONNECTION_WAIT_TIMEOUT";
}

/** What kysely-postgres-js uses of a postgres.js instance. */
export type ReservingSql = Pick<Sql, "reserve" | "end">;

export interface RecoveringPostgres {
  /** Hands out guarded connections from the current pool (give it to kysely-postgres-js). */
  readonly sql: ReservingSql;
  /** How many times the pool was replaced. */
  readonly recoveries: number;
  /** Replaces the pool now. */
  recover(reason: string): void;
  end(): Promise<void>;
}

/** A reserved connection that refuses statements once its connection is known lost, and is then never released. It also runs lib/db/copy.ts's COPY statements. */
function guardReserved(reserved: ReservedSql): ReservedSql {
  let lost: unknown = null;
  const unsafe = reserved.unsafe.bind(reserved);
  const guarded = Object.create(reserved) as ReservedSql;
  Object.assign(guarded, {
    unsafe(...args: Parameters<ReservedSql["unsafe"]>) {
      if (lost) return Promise.reject(lost);
      const copy = copyRowsIn(args[1]);
      const query = copy ? copyThroughPostgres({ unsafe }, copy) : unsafe(...args);
      query.catch((error: unknown) => {
        if (isConnectionLost(error)) lost = error;
      });
      return query;
    },
    release() {
      // The pool already counts a closed connection as closed; releasing it would list it as open.
      if (!lost) reserved.release();
    },
  });
  return guarded;
}

export function recoveringPostgres(connect: () => Sql, options: { connectionWaitMs?: number } = {}): RecoveringPostgres {
  const waitMs = options.connectionWaitMs ?? 10_000;
  let current = connect();
  let recoveries = 0;
  let ended = false;
  let lastHandedOut = Date.now();
  const recover = (reason: string) => {
    if (ended) return;
    const old = current;
    current = connect();
    recoveries++;
    lastHandedOut = Date.now();
    log.warn("replaced the PostgreSQL connection pool", { reason, recoveries });
    // Ends at once: its stuck statements are rejected (retryable for the writers).
    old.end({ timeout: 0 }).catch(() => {});
  };
  const unregisterSocketFault = registerRecoverable({ matches: isPostgresJsSocketFault, recover: () => recover("a statement was written to a lost socket") });
  const unregisterTypeLookup = registerRecoverable({ matches: isPostgresJsUnhandledConnectionLoss, recover: () => {} });
  const unregister = () => {
    unregisterSocketFault();
    unregisterTypeLookup();
  };

  async function reserve(): Promise<ReservedSql> {
    const pool = current;
    let timer: NodeJS.Timeout | undefined;
    const pending = pool.reserve();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectionWaitTimeoutError(`no database connection became free within ${waitMs} ms`)), waitMs);
    });
    try {
      const reserved = await Promise.race([pending, timeout]);
      lastHandedOut = Date.now();
      return guardReserved(reserved);
    } catch (error) {
      // A connection handed out after the wait gave up goes straight back.
      pending.then((late) => late.release(), () => {});
      // Nothing handed out by this pool for a whole wait: its connections are lost, not busy.
      if (error instanceof ConnectionWaitTimeoutError && pool === current && Date.now() - lastHandedOut >= waitMs) recover("no connection was handed out for a whole wait");
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  const end = async (endOptions: { timeout?: number } = { timeout: 5 }) => {
    ended = true;
    unregister();
    await current.end(endOptions);
  };
  // A function with `reserve`: what kysely-postgres-js checks to accept a postgres.js instance
  // (Kysely's destroy() calls end()).
  const facade = Object.assign(() => Promise.reject(new Error("use reserve()")), { reserve, end });
  return {
    sql: facade as unknown as ReservingSql,
    get recoveries() {
      return recoveries;
    },
    recover,
    end: () => end(),
  };
}
