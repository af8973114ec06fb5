import { afterEach, describe, expect, it } from "vitest";
import { timed } from "@/components/runs/as-it-ran/timed";

const NAME = "timed-test:step";

describe("timed", () => {
  afterEach(() => performance.clearMeasures(NAME));

  it("returns what the function returns and records a measure under the name", () => {
    expect(timed(NAME, () => 42)).toBe(42);
    expect(performance.getEntriesByName(NAME, "measure")).toHaveLength(1);
  });

  it("keeps at most a thousand measures of one name however often it runs", () => {
    for (let i = 0; i < 2500; i++) timed(NAME, () => i);
    const kept = performance.getEntriesByName(NAME, "measure").length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1000);
  });
});
