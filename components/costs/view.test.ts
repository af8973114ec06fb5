import { describe, expect, it } from "vitest";
import { clearFiltersHref, costsHref, hasFilters, paramsBesideWindow, parseCostView, type CostView } from "@/components/costs/view";

const DEFAULT: CostView = { window: "30d", by: "workload", bucket: "day" };

describe("parseCostView", () => {
  it("defaults to the last 30 days by workload per day", () => {
    expect(parseCostView({})).toEqual(DEFAULT);
  });

  it("reads every parameter", () => {
    expect(parseCostView({ window: "7d", by: "model", bucket: "week", workload: "triage", logicId: "ABCDEF12", deployment: "prod" })).toEqual({
      window: "7d",
      by: "model",
      bucket: "week",
      workload: "triage",
      logicId: "abcdef12",
      deployment: "prod",
    });
  });

  it("falls back to defaults for unknown, odd or repeated values instead of failing", () => {
    expect(parseCostView({ window: "1y", by: "hour", bucket: "month" })).toEqual(DEFAULT);
    expect(parseCostView({ by: "constructor", bucket: "toString" })).toEqual(DEFAULT);
    expect(parseCostView({ by: ["version", "model"], bucket: ["week"] })).toEqual({ ...DEFAULT, by: "version", bucket: "week" });
    expect(parseCostView({ workload: "  ", deployment: "" })).toEqual(DEFAULT);
  });

  it("drops filters the API would reject", () => {
    expect(parseCostView({ logicId: "xyz" })).toEqual(DEFAULT);
    expect(parseCostView({ logicId: "abc" })).toEqual(DEFAULT);
    expect(parseCostView({ logicId: "a".repeat(65) })).toEqual(DEFAULT);
    expect(parseCostView({ workload: "w".repeat(201) })).toEqual(DEFAULT);
    expect(parseCostView({ deployment: "a\u0000b" })).toEqual(DEFAULT);
    expect(parseCostView({ workload: " triage " }).workload).toBe("triage");
  });
});

describe("costsHref", () => {
  it("leaves defaults out so the plain URL is canonical", () => {
    expect(costsHref(DEFAULT)).toBe("/costs");
    expect(costsHref(DEFAULT, { by: "version" })).toBe("/costs?by=version");
    expect(costsHref({ ...DEFAULT, by: "model" }, { by: "workload" })).toBe("/costs");
  });

  it("keeps the rest of the view and encodes values", () => {
    const view: CostView = { window: "7d", by: "deployment", bucket: "week", workload: "a b&c", deployment: "eu/1" };
    expect(costsHref(view, { bucket: "day" })).toBe("/costs?window=7d&by=deployment&workload=a+b%26c&deployment=eu%2F1");
  });

  it("removes a filter set to undefined but never a required field", () => {
    const view: CostView = { ...DEFAULT, workload: "w", logicId: "abcd" };
    expect(costsHref(view, { workload: undefined, logicId: undefined })).toBe("/costs");
    expect(costsHref({ ...view, window: "all" }, { window: undefined })).toBe("/costs?window=all&workload=w&logicId=abcd");
  });

  it("clears the filters but keeps window, split and bucket", () => {
    const view: CostView = { window: "all", by: "model", bucket: "week", workload: "w", logicId: "abcd", deployment: "d" };
    expect(clearFiltersHref(view)).toBe("/costs?window=all&by=model&bucket=week");
  });
});

describe("hasFilters and paramsBesideWindow", () => {
  it("counts workload, version and deployment, not the window or split", () => {
    expect(hasFilters({ ...DEFAULT, window: "all", by: "model" })).toBe(false);
    expect(hasFilters({ ...DEFAULT, deployment: "prod" })).toBe(true);
  });

  it("hands the window selector everything but the window", () => {
    expect(paramsBesideWindow({ window: "7d", by: "model", bucket: "day", workload: "w" })).toEqual({ by: "model", workload: "w" });
  });
});
