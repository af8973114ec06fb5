import { concurrencyLimit } from "@/lib/runtime/concurrency-limit";

/** Runs whose stored rows just changed, as the collector reports them after each committed batch. */
export interface RunChange {
  tenantId: string;
  runIds: readonly string[];
}

type Listener = (change: RunChange) => void;

export interface WatchedRun {
  tenantId: string;
  runId: string;
}

interface RunWatch extends WatchedRun {
  listeners: Set<() => void>;
  /** Bumped on each change: a shared load read before it is out of date. */
  version: number;
  loads: Map<string, { version: number; value: Promise<unknown> }>;
}

export interface RunChangeHubOptions {
  /** Loads (of every run) that may run at once; the rest wait their turn. */
  maxConcurrentLoads?: number;
}

const watchKey = (tenantId: string, runId: string) => `${tenantId}\u001f${runId}`;

/**
 * In-process fan-out from the collector's writer to live views (SSE). Listeners must be cheap:
 * publish runs on the write path. A view watches one run (`watch`, one map look-up per published
 * run id however many runs are watched) and reads it through `sharedLoad`, so the streams of one
 * run cost one query per change, not one each. Writes made by other processes are not seen here:
 * the run change poller publishes those (run-change-poller.ts).
 */
export class RunChangeHub {
  private readonly listeners = new Set<Listener>();
  private readonly runs = new Map<string, RunWatch>();
  private watchingHook: ((watching: boolean) => void) | undefined;
  private readonly limited: <T>(load: () => Promise<T>) => Promise<T>;

  constructor(options: RunChangeHubOptions = {}) {
    this.limited = concurrencyLimit(options.maxConcurrentLoads ?? 4);
  }

  /** Tells `hook` when the first run is watched and when the last one is let go (the poller runs in between). */
  onWatching(hook: (watching: boolean) => void): void {
    this.watchingHook = hook;
  }

  /** Every change, of every run. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Changes of one run; returns the unsubscribe. */
  watch(tenantId: string, runId: string, onChange: () => void): () => void {
    const key = watchKey(tenantId, runId);
    let run = this.runs.get(key);
    if (!run) {
      run = { tenantId, runId, listeners: new Set(), version: 0, loads: new Map() };
      this.runs.set(key, run);
      if (this.runs.size === 1) this.watchingHook?.(true);
    }
    const listener = () => onChange();
    run.listeners.add(listener);
    const watched = run;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size > 0 || this.runs.get(key) !== watched) return;
      this.runs.delete(key);
      if (this.runs.size === 0) this.watchingHook?.(false);
    };
  }

  publish(change: RunChange): void {
    if (change.runIds.length === 0) return;
    for (const runId of change.runIds) {
      const run = this.runs.get(watchKey(change.tenantId, runId));
      if (!run) continue;
      run.version++;
      for (const listener of run.listeners) this.call(listener);
    }
    for (const listener of this.listeners) this.call(() => listener(change));
  }

  /**
   * `load` for a watched run, shared: every caller until the run's next change gets the same
   * answer, read once. An unwatched run is read each time. At most `maxConcurrentLoads` run at once.
   */
  sharedLoad<T>(tenantId: string, runId: string, view: string, load: () => Promise<T>): Promise<T> {
    const run = this.runs.get(watchKey(tenantId, runId));
    if (!run) return this.limited(load);
    const cached = run.loads.get(view);
    if (cached && cached.version === run.version) return cached.value as Promise<T>;
    const value = this.limited(load);
    run.loads.set(view, { version: run.version, value });
    // A failed read is not kept: the next caller tries again.
    value.catch(() => {
      if (run.loads.get(view)?.value === value) run.loads.delete(view);
    });
    return value;
  }

  /** The runs live views watch now. */
  watchedRuns(): WatchedRun[] {
    return [...this.runs.values()].map(({ tenantId, runId }) => ({ tenantId, runId }));
  }

  /** Subscribers plus run watchers. */
  get listenerCount(): number {
    let count = this.listeners.size;
    for (const run of this.runs.values()) count += run.listeners.size;
    return count;
  }

  private call(listener: () => void): void {
    try {
      listener();
    } catch {
      // A broken live view must never fail a write.
    }
  }
}
