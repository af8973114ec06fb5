import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import { findNode } from "@/lib/runs/node-search";

const nodes = ["n2", "n25", "n250", "n2500", "Writer", "fact_checker"].map((id) => makeDagNode(id));

describe("findNode", () => {
  it("prefers an exact name over longer names that start with it", () => {
    expect(findNode(nodes, "n250")).toBe("n250");
    expect(findNode(nodes, "  N25 ")).toBe("n25");
  });

  it("falls back to the first name starting with the query, then to one containing it", () => {
    expect(findNode(nodes, "wri")).toBe("Writer");
    expect(findNode(nodes, "check")).toBe("fact_checker");
    expect(findNode([makeDagNode("span-1", { name: "GET /a" })], "span-1")).toBe("span-1");
  });

  it("finds nothing for an empty query or no match", () => {
    expect(findNode(nodes, "")).toBeNull();
    expect(findNode(nodes, "planner")).toBeNull();
  });
});
