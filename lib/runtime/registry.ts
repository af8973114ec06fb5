import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { KeyAuthenticator } from "@/lib/auth/authenticator";
import type { LedgerEntry } from "@/lib/runs/ledger-upload";
import type { IngestBacklog } from "@/lib/runtime/ingest-backlog";
import { RunChangeHub } from "@/lib/runtime/run-changes";
import { createLogger } from "@/lib/runtime/log";
import { LiveStreams } from "@/lib/runtime/live-streams";
import { createRunChangePoller } from "@/lib/runtime/run-change-poller";

/** Errors the ingest path throws carry the HTTP answer they call for. */
export interface IngestFailure {
  httpStatus: number;
  retryAfterSeconds: number | null;
  message: string;
}

export function isIngestFailure(error: unknown): error is IngestFailure {
  return error instanceof Error && typeof (error as Partial<IngestFailure>).httpStatus === "number";
}

/** What the collector offers the API's write endpoints: the same export path as OTLP. */
export interface IngestService {
  /** After a key is created or revoked here: forget cached key answers so it applies at once. */
  invalidateKeys(): void;
  ingestLedger(tenantId: string, runId: string, entries: LedgerEntry[]): Promise<{ stored: number; rejected: number; errorMessage: string }>;
}

/**
 * What the one server process shares between its parts. Next bundles route handlers into
 * their own module graph, so the registry lives on globalThis rather than in module state:
 * the database instance the server opened is the one every page and handler uses.
 */
export interface ServerRuntime {
  /** The primary: every write, and every read that must see a write (keys, sessions, settings, prices). */
  db: Kysely<DB> | null;
  /** A replica for reads that may lag a little (DATABASE_READ_URL); null: those read the primary too. */
  readDb: Kysely<DB> | null;
  backend: "postgres" | "pglite" | null;
  migrated: boolean;
  receivers: { grpc: number | null; http: number | null };
  ingest: IngestService | null;
  /** Keys and sessions, the collector's cache shared: who a request acts as. */
  auth: KeyAuthenticator | null;
  /** SHA-256 of the one-time setup token printed at start while no key exists (it creates the first key). */
  setupTokenHash: string | null;
  /** Runs the collector just changed, for live views. */
  changes: RunChangeHub;
  /** Open live (SSE) streams: their caps, and ending them when their key is revoked (`keyRevoked`). */
  liveStreams: LiveStreams;
  /** The background repricing worker: woken when a price changes, so the job starts at once. */
  repricer: { wake(): void } | null;
  /** The collector's spool: acknowledged exports not yet stored (lib/runtime/ingest-backlog.ts). */
  ingestBacklog: IngestBacklog | null;
  shuttingDown: boolean;
}

const KEY = Symbol.for("codon-observatory.runtime");
type WithRuntime = typeof globalThis & { [KEY]?: ServerRuntime };

export function serverRuntime(): ServerRuntime {
  const holder = globalThis as WithRuntime;
  holder[KEY] ??= withRunChangePoller({
    db: null,
    readDb: null,
    backend: null,
    migrated: false,
    receivers: { grpc: null, http: null },
    ingest: null,
    auth: null,
    setupTokenHash: null,
    changes: new RunChangeHub(),
    liveStreams: new LiveStreams(),
    repricer: null,
    ingestBacklog: null,
    shuttingDown: false,
  });
  return holder[KEY];
}

/** While live views watch runs, polls once for all of them for the changes other processes make. */
function withRunChangePoller(runtime: ServerRuntime): ServerRuntime {
  const log = createLogger("live");
  const poller = createRunChangePoller({
    hub: runtime.changes,
    db: () => (runtime.migrated ? runtime.db : null),
    onError: (error) => log.warn("polling watched runs failed; will retry", { error: error.message }),
  });
  runtime.changes.onWatching((watching) => (watching ? poller.start() : poller.stop()));
  return runtime;
}

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Keys and sessions; throws while the server is starting. */
export function requireAuth(): KeyAuthenticator {
  const { auth } = serverRuntime();
  if (!auth) throw new DatabaseUnavailableError("The server is starting; retry shortly");
  return auth;
}

/** The collector's ingest service; throws while the server is starting. */
export function requireIngest(): IngestService {
  const { ingest } = serverRuntime();
  if (!ingest) throw new DatabaseUnavailableError("The server is starting; retry shortly");
  return ingest;
}

/** The server's database; throws when the process was not started through `npm start`. */
export function requireDb(): Kysely<DB> {
  const { db, migrated } = serverRuntime();
  if (!db || !migrated) {
    throw new DatabaseUnavailableError(
      "The database is not ready: start the dashboard with `npm start` (or `npm run dev`), which opens and migrates it.",
    );
  }
  return db;
}

/**
 * For read-only queries that may run a moment behind the primary (run lists and details, compares,
 * costs): the replica when DATABASE_READ_URL is set, else the primary. Anything that wrote, or
 * that must see what a request just wrote, uses requireDb.
 */
export function requireReadDb(): Kysely<DB> {
  const primary = requireDb();
  return serverRuntime().readDb ?? primary;
}
