import { describe, expect, it } from "vitest";
import { stepTab, tabIds } from "@/components/ui/tab-list";

describe("stepTab", () => {
  it("moves with the arrow keys, wrapping at both ends", () => {
    expect(stepTab("ArrowRight", 0, 3)).toBe(1);
    expect(stepTab("ArrowRight", 2, 3)).toBe(0);
    expect(stepTab("ArrowLeft", 0, 3)).toBe(2);
  });

  it("jumps to the first and last tab with Home and End", () => {
    expect(stepTab("Home", 2, 4)).toBe(0);
    expect(stepTab("End", 0, 4)).toBe(3);
  });

  it("ignores other keys and an empty list", () => {
    expect(stepTab("Enter", 1, 3)).toBeNull();
    expect(stepTab("ArrowDown", 1, 3)).toBeNull();
    expect(stepTab("ArrowRight", 0, 0)).toBeNull();
  });
});

describe("tabIds", () => {
  it("pairs a tab with its panel", () => {
    expect(tabIds("guide", "otel-js")).toEqual({ tab: "guide-tab-otel-js", panel: "guide-panel-otel-js" });
  });
});
