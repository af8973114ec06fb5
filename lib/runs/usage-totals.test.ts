import { describe, expect, it } from "vitest";
import { indexUsage, type UsageSpan } from "@/lib/runs/usage-totals";

const span = (key: string, parentKey: string | null, costUsd: number, counts = true): UsageSpan => ({
  key,
  parentKey,
  counts,
  inputTokens: costUsd * 1000,
  outputTokens: costUsd * 100,
  costUsd,
});

// An agent span repeating its children's sum (not counted), two LLM calls, a tool whose own call
// is nested one level deeper, and an unrelated root.
const spans = [
  span("t/agent", null, 0.5, false),
  span("t/llm1", "t/agent", 0.2),
  span("t/tool", "t/agent", 0),
  span("t/llm2", "t/tool", 0.3),
  span("t/other", null, 0.7),
];

describe("indexUsage", () => {
  const index = indexUsage(spans);

  it("sums counted usage beneath a span once, leaving out the repeating aggregate", () => {
    expect(index.total(["t/agent"])).toEqual({ inputTokens: 500, outputTokens: 50, costUsd: 0.5 });
    expect(index.total(["t/tool"]).costUsd).toBe(0.3);
    expect(index.total(["t/llm1"]).costUsd).toBe(0.2);
  });

  it("counts a span reached twice (two start spans, or an extra key beneath one) once", () => {
    expect(index.total(["t/agent", "t/tool"], ["t/llm2"]).costUsd).toBe(0.5);
    expect(index.total(["t/tool"], ["t/other"]).costUsd).toBeCloseTo(1.0, 12);
  });

  it("stops on parent links that loop", () => {
    const looped = indexUsage([span("t/a", "t/b", 0.1), span("t/b", "t/a", 0.2)]);
    expect(looped.total(["t/a"]).costUsd).toBeCloseTo(0.3, 12);
  });
});
