import { describe, expect, it } from "vitest";
import { MIN_WINDOW_NS, clampView, panView, selectView, toPercent, zoomView } from "@/lib/runs/timeline/zoom";

describe("zoom and pan", () => {
  const bounds = { startNs: 1_000_000n, endNs: 2_000_000_000n };

  it("positions times as percentages of the window", () => {
    expect(toPercent(bounds.startNs, bounds)).toBe(0);
    expect(toPercent(bounds.endNs, bounds)).toBe(100);
    const view = { startNs: 1_000_000n, endNs: 1_001_000n };
    expect(toPercent(1_000_500n, view)).toBe(50);
    expect(toPercent(999_000n, view)).toBe(-100);
    expect(toPercent(5n, { startNs: 5n, endNs: 5n })).toBe(0);
  });

  it("zooms in around the anchor, keeping the anchored time in place", () => {
    const anchorNs = bounds.startNs + (bounds.endNs - bounds.startNs) / 4n;
    const view = zoomView(bounds, bounds, 4, 0.25);
    expect(view.endNs - view.startNs).toBe((bounds.endNs - bounds.startNs) / 4n);
    expect(view.startNs + (view.endNs - view.startNs) / 4n).toBe(anchorNs);
    expect(toPercent(anchorNs, view)).toBeCloseTo(25, 6);
  });

  it("never zooms beyond the bounds or below the minimum window", () => {
    expect(zoomView(bounds, bounds, 0.5, 0.5)).toEqual(bounds);
    const nearEnd = zoomView({ startNs: 1_900_000_000n, endNs: 2_000_000_000n }, bounds, 0.5, 1);
    expect(nearEnd.endNs).toBe(bounds.endNs);
    expect(nearEnd.endNs - nearEnd.startNs).toBe(200_000_000n);
    let view = bounds;
    for (let i = 0; i < 100; i++) view = zoomView(view, bounds, 10, 0.3);
    expect(view.endNs - view.startNs).toBe(MIN_WINDOW_NS);
    expect(view.startNs).toBeGreaterThanOrEqual(bounds.startNs);
    expect(view.endNs).toBeLessThanOrEqual(bounds.endNs);
    const tiny = { startNs: 10n, endNs: 20n };
    expect(zoomView(tiny, tiny, 4, 0.5)).toEqual(tiny);
  });

  it("pans within the bounds, keeping the width", () => {
    const view = { startNs: 100_000_000n, endNs: 300_000_000n };
    expect(panView(view, bounds, 0.5)).toEqual({ startNs: 200_000_000n, endNs: 400_000_000n });
    expect(panView(view, bounds, -10)).toEqual({ startNs: bounds.startNs, endNs: bounds.startNs + 200_000_000n });
    expect(panView(view, bounds, 100).endNs).toBe(bounds.endNs);
  });

  it("selects a window from two fractions in either order", () => {
    const view = { startNs: 0n, endNs: 1_000_000n };
    const b = { startNs: 0n, endNs: 10_000_000n };
    expect(selectView(view, b, 0.8, 0.2)).toEqual({ startNs: 200_000n, endNs: 800_000n });
    expect(selectView(view, b, 0.5, 0.5)).toEqual({ startNs: 499_500n, endNs: 500_500n });
    expect(clampView({ startNs: -5n, endNs: 100n }, b)).toEqual({ startNs: 0n, endNs: MIN_WINDOW_NS });
  });
});
