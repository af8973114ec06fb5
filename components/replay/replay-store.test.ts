import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stepIntervalMs } from "@/lib/runs/replay/position";
import { dequeue, enqueue, makeLedgerEvent } from "@/lib/runs/replay/testing";
import { ReplayStore } from "@/components/replay/replay-store";

const loop = Array.from({ length: 40 }, (_, i) =>
  i % 2 === 0 ? enqueue(i, `t${i}`, i % 4 === 0 ? "draft" : "review", i % 4 === 0 ? "review" : "draft") : dequeue(i, `t${i - 1}`, "x", (i - 1) % 4 === 0 ? "review" : "draft"),
);

describe("ReplayStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for the ledger, then opens at the asked step, clamped", () => {
    const store = new ReplayStore(500, vi.fn());
    expect(store.getSnapshot()).toMatchObject({ status: "loading" });
    expect(store.focus()).toBeNull();
    store.setEvents(loop);
    expect(store.getSnapshot()).toMatchObject({ status: "ready", index: 39, total: 40 });
    const empty = new ReplayStore(3, vi.fn());
    empty.setEvents([]);
    expect(empty.getSnapshot()).toMatchObject({ status: "empty", total: 0 });
    empty.play();
    expect(empty.getSnapshot().playing).toBe(false);
  });

  it("plays a step per interval, writes the URL at most once a second, and stops at the end", () => {
    const write = vi.fn();
    const store = new ReplayStore(1, write);
    store.setEvents(loop);
    write.mockClear();
    store.setSpeed(10);
    store.play();
    vi.advanceTimersByTime(stepIntervalMs(10) * 20);
    expect(store.getSnapshot()).toMatchObject({ index: 20, playing: true });
    // 1.6 s of playing: the first step at once, then one a second.
    expect(write.mock.calls.length).toBeLessThanOrEqual(3);
    store.pause();
    expect(write).toHaveBeenLastCalledWith(21);
    store.play();
    vi.advanceTimersByTime(stepIntervalMs(10) * 100);
    expect(store.getSnapshot()).toMatchObject({ index: 39, playing: false });
    // Play at the end starts over.
    store.play();
    expect(store.getSnapshot()).toMatchObject({ index: 0, playing: true });
    store.dispose();
    expect(store.getSnapshot().playing).toBe(false);
  });

  it("keeps to the clock when drawing falls behind: late ticks skip steps instead of slowing down", () => {
    const store = new ReplayStore(1, vi.fn());
    store.setEvents(loop);
    store.setSpeed(50);
    store.play();
    // The page was busy for ten steps' time: the next tick lands where the clock says.
    vi.setSystemTime(Date.now() + stepIntervalMs(50) * 10);
    vi.advanceTimersByTime(stepIntervalMs(50));
    expect(store.getSnapshot().index).toBe(11);
    // Scrubbed while playing: it plays on from there, not from where the clock had it.
    store.seek(30);
    vi.advanceTimersByTime(stepIntervalMs(50));
    expect(store.getSnapshot()).toMatchObject({ index: 31, playing: true });
    store.pause();
  });

  it("steps, jumps and keeps its place when the ledger grows", () => {
    const store = new ReplayStore(10, vi.fn());
    store.setEvents(loop.slice(0, 20));
    store.stepBy(1);
    expect(store.getSnapshot().index).toBe(10);
    store.toEnd();
    expect(store.getSnapshot().index).toBe(19);
    store.toStart();
    store.stepBy(-1);
    expect(store.getSnapshot().index).toBe(0);
    store.seek(7);
    store.setEvents([...loop.slice(0, 20), makeLedgerEvent(20)]);
    expect(store.getSnapshot()).toMatchObject({ index: 7, total: 21 });
  });

  it("hands the graph one focus object per step and the panel the queues at it", () => {
    const store = new ReplayStore(1, vi.fn());
    store.setEvents(loop);
    store.seek(4);
    const focus = store.focus();
    expect(focus).toMatchObject({ node: "review", edge: { key: "draft->review" }, phase: "enqueue" });
    expect(store.focus()).toBe(focus);
    expect(store.queues(8).find((q) => q.node === "review")).toMatchObject({ size: 1, entries: [{ tokenId: "t4" }] });
    expect(store.queues(8)).toBe(store.queues(8));
  });
});
