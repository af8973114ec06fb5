import { describe, expect, it } from "vitest";
import { createNodeSpec, deriveCallableSignature, firstParameterName } from "./nodespec";

describe("deriveCallableSignature", () => {
  it("writes the Python SDK's shape with the node name and the first parameter", () => {
    async function draftReply(message: unknown) {
      return message;
    }
    expect(deriveCallableSignature("draft", draftReply)).toBe("draft(message, *, runtime, context)");
  });

  it("reads the first parameter of every function form", () => {
    const cases: Array<[(...args: never[]) => unknown, string | null]> = [
      [(question: string) => question, "question"],
      [async (question: string) => question, "question"],
      [(x: number = 1) => x, "x"],
      [function named(input: unknown, _tools: unknown) { return input; }, "input"],
      [{ method(body: string) { return body; } }.method, "body"],
      [({ text }: { text: string }) => text, null],
      [(...parts: string[]) => parts, null],
      [() => 1, null],
    ];
    for (const [fn, expected] of cases) expect(firstParameterName(fn)).toBe(expected);
  });

  it("falls back to `payload` when there is no plain first parameter", () => {
    expect(deriveCallableSignature("n", ({ a }: { a: number }) => a)).toBe("n(payload, *, runtime, context)");
  });
});

describe("createNodeSpec", () => {
  it("fills the defaults the Python SDK gives an unannotated callable", () => {
    const spec = createNodeSpec({ name: "n", role: "r", orgNamespace: "acme", callableSignature: "n(payload, *, runtime, context)" });
    expect(spec).toMatchObject({ inputSchema: "{}", outputSchema: null, modelName: null, modelVersion: null, specVersion: "0.1.0" });
    expect(spec.id).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(spec)).toBe(true);
  });
});
