/** Runs whose stored rows just changed, as the collector reports them after each committed batch. */
export interface RunChange {
  tenantId: string;
  runIds: readonly string[];
}

type Listener = (change: RunChange) => void;

/**
 * In-process fan-out from the collector's writer to live views (SSE). Listeners must be cheap:
 * publish runs on the write path. Writes made by other processes are not seen here, so live
 * views also poll (see the events route).
 */
export class RunChangeHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  publish(change: RunChange): void {
    if (change.runIds.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A broken live view must never fail a write.
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
