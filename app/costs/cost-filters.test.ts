import { describe, expect, it } from "vitest";
import { costFilters } from "@/app/costs/cost-filters";
import { parseCostView, type CostView } from "@/components/costs/view";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const DEFAULT: CostView = { window: "30d", by: "workload", bucket: "day" };

describe("costFilters", () => {
  it("turns the window into a from time and passes the filters through", () => {
    expect(costFilters({ ...DEFAULT, workload: "w", logicId: "abcd", deployment: "d" }, NOW)).toEqual({
      window: { fromNs: ns("2026-02-08T12:00:00Z") },
      workload: "w",
      logicId: "abcd",
      deployment: "d",
    });
  });

  it("leaves all time open", () => {
    expect(costFilters({ ...DEFAULT, window: "all" }, NOW)).toEqual({ window: {} });
  });

  it("never throws on a view parsed from any URL", () => {
    const view = parseCostView({ window: "x", logicId: "zz", workload: "\u0000", deployment: "d".repeat(500) });
    expect(() => costFilters(view, NOW)).not.toThrow();
  });
});
