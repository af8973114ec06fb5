import { describe, expect, it } from "vitest";
import { formatDuration, formatOffset, formatWindow, rulerTicks } from "@/lib/runs/timeline/ruler";

const T0 = 1_763_000_000_000_000_000n;

describe("ruler", () => {
  it("formats offsets for ticks", () => {
    expect(formatOffset(0n)).toBe("0 ms");
    expect(formatOffset(250_000_000n)).toBe("250 ms");
    expect(formatOffset(1_500_000_000n)).toBe("1.5 s");
    expect(formatOffset(123_000_000_000n)).toBe("2m 03s");
    expect(formatOffset(3_723_000_000_000n)).toBe("1h 02m 03s");
    expect(formatOffset(750n)).toBe("750 ns");
    expect(formatOffset(12_500n)).toBe("12.5 µs");
    expect(formatOffset(999_999_900n)).toBe("1 s");
    expect(formatOffset(-250_000_000n)).toBe("-250 ms");
    expect(formatOffset(1_000_250_000n, 250_000n)).toBe("1.00025 s");
    expect(formatOffset(123_500_000_000n, 500_000_000n)).toBe("2m 03.5s");
  });

  it("formats durations to about three significant digits", () => {
    expect(formatDuration(1_234_567n)).toBe("1.23 ms");
    expect(formatDuration(12_345_678_900n)).toBe("12.3 s");
    expect(formatDuration(820_400n)).toBe("820 µs");
    expect(formatDuration(0n)).toBe("0 ms");
  });

  it("describes the current window against the run", () => {
    const bounds = { startNs: T0, endNs: T0 + 3_400_000_000n };
    expect(formatWindow(bounds, bounds)).toBe("0 ms – 3.4 s of 3.4 s");
    expect(formatWindow({ startNs: T0, endNs: T0 + 1_234_567_890n }, bounds)).toBe("0 ms – 1.23 s of 3.4 s");
    expect(formatWindow({ startNs: T0 + 1_200_000_000n, endNs: T0 + 1_200_100_000n }, bounds)).toBe("1.2 s – 1.2001 s of 3.4 s");
  });

  it("puts ticks on round steps across the window", () => {
    const ticks = rulerTicks({ startNs: T0, endNs: T0 + 1_000_000_000n }, 4);
    expect(ticks.map((t) => t.label)).toEqual(["0 ms", "250 ms", "500 ms", "750 ms", "1 s"]);
    expect(ticks.map((t) => t.percent)).toEqual([0, 25, 50, 75, 100]);
  });

  it("labels ticks from the origin when zoomed in", () => {
    const view = { startNs: T0 + 1_100_000_000n, endNs: T0 + 1_200_000_000n };
    const ticks = rulerTicks(view, 4, T0);
    expect(ticks.map((t) => t.label)).toEqual(["1.1 s", "1.125 s", "1.15 s", "1.175 s", "1.2 s"]);
    const minutes = rulerTicks({ startNs: 0n, endNs: 240_000_000_000n }, 4);
    expect(minutes.map((t) => t.label)).toEqual(["0 ms", "1m 00s", "2m 00s", "3m 00s", "4m 00s"]);
  });
});
