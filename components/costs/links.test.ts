import { describe, expect, it } from "vitest";
import type { SpendSeries } from "@/lib/costs/types";
import { addPriceHref, runHref, seriesHref, versionHref } from "@/components/costs/links";

const series = (over: Partial<SpendSeries>): SpendSeries => ({ key: "k", label: "k", workload: null, logicId: null, totalUsd: 1, ...over });

describe("seriesHref", () => {
  it("links workloads to their page and versions to the highlighted version", () => {
    expect(seriesHref(series({ workload: "triage bot" }), "workload")).toBe("/workloads/triage%20bot");
    expect(seriesHref(series({ workload: "w", logicId: "abc123" }), "version")).toBe("/workloads/w?logicId=abc123");
  });

  it("does not link models, deployments, (none) or Other", () => {
    expect(seriesHref(series({ workload: "w" }), "deployment")).toBeNull();
    expect(seriesHref(series({ workload: "w" }), "model")).toBeNull();
    expect(seriesHref(series({ label: "(no workload)" }), "workload")).toBeNull();
    expect(seriesHref(series({ key: "other", label: "Other" }), "version")).toBeNull();
  });
});

describe("addPriceHref", () => {
  it("carries the model and provider, encoded", () => {
    expect(addPriceHref("gpt-4o", "openai")).toBe("/settings/prices?model=gpt-4o&provider=openai");
    expect(addPriceHref("meta/llama 3&x", "a b")).toBe("/settings/prices?model=meta%2Fllama%203%26x&provider=a%20b");
  });

  it("leaves the provider out when the spans name none", () => {
    expect(addPriceHref("local-model", null)).toBe("/settings/prices?model=local-model");
    expect(addPriceHref("local-model", "")).toBe("/settings/prices?model=local-model");
  });
});

describe("run and version links", () => {
  it("encode ids", () => {
    expect(runHref("a/b c")).toBe("/runs/a%2Fb%20c");
    expect(versionHref("w/x", "ab")).toBe("/workloads/w%2Fx?logicId=ab");
  });
});
