import type { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { TestBackend, TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";
import { startCollector, type Collector } from "@/collector";

type CollectorConfig = Parameters<typeof startCollector>[0];

/** A collector on loopback with ports the OS picks. */
export const testCollectorConfig = (overrides: Partial<CollectorConfig> = {}): CollectorConfig => ({
  host: "127.0.0.1",
  otlpGrpcPort: 0,
  otlpHttpPort: 0,
  otlpMaxBodyBytes: 1024 * 1024,
  runIdleSeconds: 30,
  ...overrides,
});

export interface CollectorSuite {
  readonly handle: TestDatabase;
  readonly collector: Collector;
  db(): Kysely<DB>;
}

/**
 * A fresh migrated database on `backend` and a collector on it, started before the enclosing
 * suite's tests (and before its own beforeAll hooks) and closed after them.
 */
export function collectorSuite(
  backend: TestBackend,
  overrides: Partial<CollectorConfig> = {},
  /** Runs on the migrated database before the collector starts (e.g. keys it should see at start). */
  beforeStart?: (db: Kysely<DB>) => Promise<void>,
): CollectorSuite {
  let handle: TestDatabase | undefined;
  let collector: Collector | undefined;
  beforeAll(async () => {
    handle = await backend.open();
    await beforeStart?.(handle.database.kysely);
    collector = await startCollector(testCollectorConfig(overrides), handle.database);
  });
  afterAll(async () => {
    await collector?.close();
    await handle?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the collector suite has not started yet (use it inside tests and hooks)");
    return value;
  };
  return {
    get handle() {
      return started(handle);
    },
    get collector() {
      return started(collector);
    },
    db: () => started(handle).database.kysely,
  };
}

/** What the OTel JS trace and log exporters share. */
interface Exporter<T> {
  export(items: T[], done: (result: { code: number; error?: Error }) => void): void;
}

/** Exports items through a real exporter; rejects when the collector refused them. */
export function send<T>(exporter: Exporter<T>, items: T[]): Promise<void> {
  return new Promise((resolve, reject) =>
    exporter.export(items, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error("export failed")))),
  );
}
