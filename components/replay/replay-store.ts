// One replay session: where it stands, whether it plays, how fast. Components subscribe to it
// (useSyncExternalStore), so a step re-renders the controls, the panel and the overlay, not the page.
import { ReplayCursor, type QueueView } from "@/lib/runs/replay/cursor";
import { replayFocus, type ReplayFocus } from "@/lib/runs/replay/focus";
import { buildReplayModel, type ReplayModel } from "@/lib/runs/replay/model";
import { clampStep, stepIntervalMs, travelMs, type ReplaySpeed } from "@/lib/runs/replay/position";
import type { LedgerEvent } from "@/lib/runs/types";
import { Throttle } from "@/components/replay/throttle";

export interface ReplaySnapshot {
  status: "loading" | "empty" | "ready";
  /** The current event (0-based). */
  index: number;
  total: number;
  playing: boolean;
  speed: ReplaySpeed;
}

/**
 * URL writes (each re-renders the page, see use-replay.ts): at most one a second while playing; by
 * hand, once the steps pause for a moment, so a held arrow key writes once at the end.
 */
const URL_WRITE_MS = { playing: 1000, still: 300 };

export class ReplayStore {
  private model: ReplayModel | null = null;
  private cursor: ReplayCursor | null = null;
  private events: readonly LedgerEvent[] | undefined;
  /** The step asked for (the URL's) until the ledger has come. */
  private wanted: number;
  private snap: ReplaySnapshot;
  private cachedFocus: ReplayFocus | null = null;
  private cachedQueues: { index: number; limit: number; views: QueueView[] } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** While playing: the step and the time playback (re)started from; the position follows the clock. */
  private origin = { index: 0, at: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly urlWrites: Throttle;

  /** `writeStep` puts the 1-based step in the URL; it is throttled here. */
  constructor(step: number, writeStep: (step: number) => void) {
    this.wanted = step;
    this.snap = { status: "loading", index: 0, total: 0, playing: false, speed: 1 };
    this.urlWrites = new Throttle(() => writeStep(this.snap.index + 1));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReplaySnapshot => this.snap;

  /** A new ledger (first load, or a live run's refresh): O(n) once, then steps are cheap again. */
  setEvents(events: readonly LedgerEvent[] | undefined): void {
    if (events === this.events) return;
    this.events = events;
    if (!events) return;
    const keep = this.model ? this.snap.index + 1 : this.wanted;
    this.model = buildReplayModel(events);
    this.cursor = new ReplayCursor(this.model);
    this.cachedQueues = null;
    this.cachedFocus = null;
    this.moveTo(clampStep(keep, events.length) - 1, { status: events.length ? "ready" : "empty", total: events.length });
    if (this.snap.playing && events.length === 0) this.pause();
  }

  /** Scrubbing while playing keeps playing, from there. */
  seek = (index: number): void => {
    if (!this.model || this.snap.status !== "ready") return;
    this.moveTo(Math.min(this.snap.total - 1, Math.max(0, Math.round(index))));
    if (this.snap.playing) this.restartClock();
  };

  stepBy = (delta: number): void => {
    this.pause();
    this.seek(this.snap.index + delta);
  };

  toStart = (): void => {
    this.pause();
    this.seek(0);
  };

  toEnd = (): void => {
    this.pause();
    this.seek(this.snap.total - 1);
  };

  play = (): void => {
    if (this.snap.playing || this.snap.status !== "ready") return;
    // Play at the end starts over.
    if (this.snap.index >= this.snap.total - 1) this.moveTo(0);
    this.update({ playing: true });
    this.restartClock();
  };

  pause = (): void => {
    if (!this.snap.playing) return;
    this.clearTimer();
    this.update({ playing: false });
    // Paused: the URL says where, now.
    this.urlWrites.cancel();
    this.urlWrites.request(0);
  };

  toggle = (): void => (this.snap.playing ? this.pause() : this.play());

  setSpeed = (speed: ReplaySpeed): void => {
    this.update({ speed });
    if (this.snap.playing) this.restartClock();
  };

  /** What the DAG draws for the current step (the same object until the step changes). */
  focus = (): ReplayFocus | null => {
    const event = this.event();
    if (!event) return null;
    if (this.cachedFocus?.index !== this.snap.index) this.cachedFocus = replayFocus(event, this.snap.index);
    return this.cachedFocus;
  };

  /** How long the current token takes along its edge. */
  travelMs = (): number => travelMs(this.snap.speed);

  event(): LedgerEvent | null {
    return this.snap.status === "ready" ? (this.model?.events[this.snap.index] ?? null) : null;
  }

  getModel(): ReplayModel | null {
    return this.model;
  }

  /** Every queue at the current step, at most `limit` tokens listed each. */
  queues(limit: number): QueueView[] {
    if (!this.cursor || this.snap.status !== "ready") return [];
    const cached = this.cachedQueues;
    if (cached && cached.index === this.snap.index && cached.limit === limit) return cached.views;
    const views = this.cursor.seek(this.snap.index).queues(limit);
    this.cachedQueues = { index: this.snap.index, limit, views };
    return views;
  }

  /** The URL moved away from the step shown (another parameter's change built on an older URL): put it back. */
  reconcile(urlStep: number | null): void {
    if (this.snap.status === "ready" && urlStep !== this.snap.index + 1) this.writeUrl();
  }

  /** Replay closes: no more ticks, no more URL writes. */
  dispose(): void {
    this.clearTimer();
    this.urlWrites.cancel();
    if (this.snap.playing) this.update({ playing: false });
  }

  private moveTo(index: number, extra: Partial<ReplaySnapshot> = {}): void {
    // The cursor moves when the queues are asked for: a scrub through many steps pays only for the shown ones.
    const moved = index !== this.snap.index || extra.total !== undefined;
    this.update({ ...extra, index });
    if (moved && this.snap.status === "ready") this.writeUrl();
  }

  private writeUrl(): void {
    if (this.snap.playing) this.urlWrites.request(URL_WRITE_MS.playing);
    else this.urlWrites.debounce(URL_WRITE_MS.still);
  }

  private restartClock(): void {
    this.clearTimer();
    this.origin = { index: this.snap.index, at: Date.now() };
    this.schedule();
  }

  /**
   * The step due now, from the clock: when a step takes longer to draw than the speed allows
   * (50× is 62 steps a second), playback skips the steps it could not draw instead of slowing
   * down. Any jump costs at most one checkpoint interval (ReplayCursor.seek).
   */
  private schedule(): void {
    const interval = stepIntervalMs(this.snap.speed);
    const elapsed = Date.now() - this.origin.at;
    const next = this.origin.index + Math.floor(elapsed / interval) + 1;
    this.timer = setTimeout(() => this.tick(), Math.max(4, (next - this.origin.index) * interval - elapsed));
  }

  private tick(): void {
    this.timer = null;
    const due = this.origin.index + Math.floor((Date.now() - this.origin.at) / stepIntervalMs(this.snap.speed));
    if (due >= this.snap.total - 1) {
      this.moveTo(this.snap.total - 1);
      this.pause();
      return;
    }
    this.moveTo(Math.max(this.snap.index + 1, due));
    this.schedule();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private update(change: Partial<ReplaySnapshot>): void {
    this.snap = { ...this.snap, ...change };
    for (const listener of this.listeners) listener();
  }
}
