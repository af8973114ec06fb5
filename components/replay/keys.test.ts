import { describe, expect, it } from "vitest";
import { replayKeyAction } from "@/components/replay/keys";

describe("replayKeyAction", () => {
  it("maps Space, the arrows, Home and End", () => {
    expect(["  ", " ", "ArrowLeft", "ArrowRight", "Home", "End", "a"].map((key) => replayKeyAction(key, "other"))).toEqual([
      null,
      "toggle",
      "back",
      "forward",
      "start",
      "end",
      null,
    ]);
  });

  it("leaves text fields alone, widgets their arrows and buttons their Space", () => {
    expect(replayKeyAction(" ", "text")).toBeNull();
    expect(replayKeyAction("ArrowLeft", "text")).toBeNull();
    expect(replayKeyAction("ArrowRight", "widget")).toBeNull();
    expect(replayKeyAction(" ", "widget")).toBe("toggle");
    expect(replayKeyAction(" ", "button")).toBeNull();
    expect(replayKeyAction("ArrowRight", "button")).toBe("forward");
  });
});
