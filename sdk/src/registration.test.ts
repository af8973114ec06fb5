import { describe, expect, it } from "vitest";
import {
  DuplicateNodeError,
  InvalidDefinitionError,
  UnknownNodeError,
  WorkloadRegistrationError,
  WorkloadRuntimeError,
} from "./errors";
import { CodonWorkload } from "./workload";
import { makeWorkload } from "./testing";

const noop = () => null;

describe("registration errors", () => {
  it("rejects a second node with the same name, naming it", () => {
    const { workload } = makeWorkload();
    workload.addNode(noop, { name: "planner", role: "llm" });
    const attempt = () => workload.addNode(noop, { name: "planner", role: "other" });
    expect(attempt).toThrow(DuplicateNodeError);
    expect(attempt).toThrow("Node 'planner' is already registered");
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkloadRegistrationError);
      expect(error).not.toBeInstanceOf(WorkloadRuntimeError);
      expect((error as DuplicateNodeError).nodeName).toBe("planner");
      expect((error as Error).name).toBe("DuplicateNodeError");
    }
    expect(workload.nodes.map((spec) => spec.role)).toEqual(["llm"]);
  });

  it("rejects an edge whose source or target is unknown, saying which end", () => {
    const { workload } = makeWorkload();
    workload.addNode(noop, { name: "a", role: "r" });
    expect(() => workload.addEdge("ghost", "a")).toThrow("Edge 'ghost' -> 'a': source node 'ghost' is not registered");
    expect(() => workload.addEdge("a", "ghost")).toThrow("Edge 'a' -> 'ghost': target node 'ghost' is not registered");
    try {
      workload.addEdge("a", "ghost");
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownNodeError);
      expect((error as UnknownNodeError).nodeName).toBe("ghost");
      expect((error as UnknownNodeError).edge).toEqual({ source: "a", target: "ghost" });
    }
    expect(workload.edges).toEqual([]);
  });

  it("rejects empty names, the reserved entry name, and non-functions", () => {
    const { workload } = makeWorkload();
    expect(() => workload.addNode(noop, { name: "", role: "r" })).toThrow(InvalidDefinitionError);
    expect(() => workload.addNode(noop, { name: "n", role: " " })).toThrow("Node 'n': role must be a non-empty string");
    expect(() => workload.addNode(noop, { name: "__entry__", role: "r" })).toThrow("reserved");
    expect(() => workload.addNode("nope" as unknown as () => null, { name: "n", role: "r" })).toThrow("expected a function");
    expect(() => new CodonWorkload({ name: "a", version: "" })).toThrow("Workload 'a': version must be a non-empty string");
  });
});

describe("graph definition", () => {
  it("allows cycles and self-loops, and ignores a repeated edge", () => {
    const { workload } = makeWorkload();
    workload.addNode(noop, { name: "draft", role: "llm" });
    workload.addNode(noop, { name: "review", role: "llm" });
    workload.addEdge("draft", "review").addEdge("review", "draft").addEdge("review", "review");
    const before = workload.logicId;
    workload.addEdge("draft", "review");
    expect(workload.logicId).toBe(before);
    expect(workload.edges).toEqual([
      { source: "draft", target: "review" },
      { source: "review", target: "draft" },
      { source: "review", target: "review" },
    ]);
  });

  it("updates the logic id as nodes and edges are added", () => {
    const { workload } = makeWorkload();
    workload.addNode(noop, { name: "a", role: "r" });
    const one = workload.logicId;
    workload.addNode(noop, { name: "b", role: "r" });
    const two = workload.logicId;
    workload.addEdge("a", "b");
    expect(new Set([one, two, workload.logicId]).size).toBe(3);
  });

  it("derives the signature from the function and hashes the workload's namespace", () => {
    const { workload } = makeWorkload({ orgNamespace: "team-x" });
    const spec = workload.addNode((question: string) => question.length, { name: "count", role: "tool", modelName: "m" });
    expect(spec).toMatchObject({ callableSignature: "count(question, *, runtime, context)", orgNamespace: "team-x", modelName: "m" });
    expect(workload.nodeSpec("count")).toBe(spec);
    expect(workload.nodeSpec("missing")).toBeUndefined();
  });

  it("runs with the graph as it was at execute(); later additions apply to later runs", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      () => {
        if (!workload.nodeSpec("late")) workload.addNode(noop, { name: "late", role: "r" });
        return "done";
      },
      { name: "first", role: "r" },
    );
    const before = workload.logicId;
    const report = await workload.execute("go");
    expect(report.logicId).toBe(before);
    expect(workload.logicId).not.toBe(before);
    expect(report.activations.map((a) => a.node)).toEqual(["first"]);
    // Both nodes now have no incoming edge, so both are entry nodes.
    const second = await workload.execute("again");
    expect(second.activations.map((a) => a.node)).toEqual(["first", "late"]);
    expect(second.logicId).toBe(workload.logicId);
  });
});
