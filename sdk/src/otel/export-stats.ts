/** What an OTLP exporter hands back per batch; structural, so this needs no @opentelemetry/core import. */
interface ExportResultLike {
  code: number;
  error?: Error;
}

interface ExporterLike<T> {
  export(items: T[], resultCallback: (result: ExportResultLike) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

export interface SignalStats {
  /** Items the collector accepted. */
  sent: number;
  /** Items the exporter gave up on (after its own retries). */
  failed: number;
  lastError: string | null;
}

/**
 * Batch processors swallow export failures; this wrapper counts them, so a script can say what it
 * sent and a user can see why nothing arrived.
 */
export class CountingExporter<T> implements ExporterLike<T> {
  readonly stats: SignalStats = { sent: 0, failed: 0, lastError: null };

  constructor(private readonly inner: ExporterLike<T>) {}

  export(items: T[], resultCallback: (result: ExportResultLike) => void): void {
    this.inner.export(items, (result) => {
      if (result.code === 0) {
        this.stats.sent += items.length;
      } else {
        this.stats.failed += items.length;
        this.stats.lastError = result.error?.message ?? "export failed";
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
