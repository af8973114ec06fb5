"use client";
import { memo, useEffect, useRef, useSyncExternalStore } from "react";
import { REPLAY_SPEEDS, type ReplaySpeed } from "@/lib/runs/replay/position";
import { Icon, type IconName } from "@/components/replay/icons";
import type { ReplayStore } from "@/components/replay/replay-store";

const BUTTON =
  "inline-flex h-8 min-w-8 items-center justify-center rounded-md border border-slate-300 bg-white px-2 text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed disabled:opacity-40";

function ControlButton({ icon, label, onClick, disabled, testId, pressed }: { icon: IconName; label: string; onClick: () => void; disabled: boolean; testId: string; pressed?: boolean }) {
  return (
    <button type="button" aria-label={label} title={label} aria-pressed={pressed} data-testid={testId} disabled={disabled} onClick={onClick} className={BUTTON}>
      <Icon name={icon} />
    </button>
  );
}

/** Scrubber, play/pause, steps, jumps and speed; keys: Space, ← →, Home, End (components/replay/keys.ts). */
export const ReplayControls = memo(function ReplayControls({ store, onExit, autoFocus = false }: { store: ReplayStore; onExit: () => void; autoFocus?: boolean }) {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  // Opened from its button (which is gone now): focus stays in the replay, so Space and the arrows work at once.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) root.current?.focus();
  }, [autoFocus]);
  const ready = snap.status === "ready";
  const step = snap.index + 1;
  const atStart = !ready || snap.index === 0;
  const atEnd = !ready || snap.index >= snap.total - 1;
  const event = store.event();
  const describe = event ? `Step ${step} of ${snap.total}: ${event.eventType}${event.targetNode || event.sourceNode ? `, ${event.sourceNode ?? "—"} → ${event.targetNode ?? "—"}` : ""}` : "No steps";

  return (
    <div
      ref={root}
      tabIndex={-1}
      role="group"
      aria-label="Replay controls"
      data-testid="replay-controls"
      data-playing={String(snap.playing)}
      data-step={ready ? step : undefined}
      className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-violet-50/60 px-3 py-2 outline-none"
    >
      <div className="flex items-center gap-1">
        <ControlButton icon="start" label="Jump to start" testId="replay-start" disabled={atStart} onClick={store.toStart} />
        <ControlButton icon="back" label="Step back" testId="replay-back" disabled={atStart} onClick={() => store.stepBy(-1)} />
        <ControlButton
          icon={snap.playing ? "pause" : "play"}
          label={snap.playing ? "Pause" : "Play"}
          testId="replay-play"
          disabled={!ready}
          pressed={snap.playing}
          onClick={store.toggle}
        />
        <ControlButton icon="forward" label="Step forward" testId="replay-forward" disabled={atEnd} onClick={() => store.stepBy(1)} />
        <ControlButton icon="end" label="Jump to end" testId="replay-end" disabled={atEnd} onClick={store.toEnd} />
      </div>
      <input
        type="range"
        data-replay-scrubber=""
        data-testid="replay-scrubber"
        aria-label="Replay position"
        aria-valuetext={describe}
        min={1}
        max={Math.max(1, snap.total)}
        step={1}
        value={ready ? step : 1}
        disabled={!ready}
        onChange={(e) => store.seek(Number(e.target.value) - 1)}
        className="h-2 min-w-40 flex-1 cursor-pointer accent-violet-600 disabled:cursor-not-allowed"
      />
      {/* Heard when a step is taken by hand; silent while playing. */}
      <span className="sr-only" aria-live="polite">
        {ready && !snap.playing ? describe : ""}
      </span>
      <span data-testid="replay-position" className="min-w-28 text-right text-xs text-slate-600 tabular-nums">
        {ready ? `Step ${step.toLocaleString("en-US")} of ${snap.total.toLocaleString("en-US")}` : snap.status === "loading" ? "Loading…" : "No steps"}
      </span>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        Speed
        <select
          data-testid="replay-speed"
          aria-label="Playback speed"
          value={snap.speed}
          onChange={(e) => store.setSpeed(Number(e.target.value) as ReplaySpeed)}
          className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs"
        >
          {REPLAY_SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="replay-exit" onClick={onExit} className={`${BUTTON} px-3 text-sm`}>
        Exit replay
      </button>
    </div>
  );
});
