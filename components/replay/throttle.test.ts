import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Throttle } from "@/components/replay/throttle";

describe("Throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at once, then at most once per interval, trailing", () => {
    const run = vi.fn();
    const throttle = new Throttle(run);
    throttle.request(1000);
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) throttle.request(1000);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("flushes a pending run now and cancels one for good", () => {
    const run = vi.fn();
    const throttle = new Throttle(run);
    throttle.request(500);
    throttle.request(500);
    throttle.flush();
    expect(run).toHaveBeenCalledTimes(2);
    throttle.request(500);
    throttle.cancel();
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("debounces a burst into one run after it", () => {
    const run = vi.fn();
    const throttle = new Throttle(run);
    for (let i = 0; i < 5; i++) {
      throttle.debounce(300);
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
