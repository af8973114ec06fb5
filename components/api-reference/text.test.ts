import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { inlineSegments, paragraphs, pathSegments } from "@/components/api-reference/text";

describe("description text", () => {
  it("splits the served description into its paragraphs", () => {
    const description = (openApiDocument().info as { description: string }).description;
    const parts = paragraphs(description);
    expect(parts).toHaveLength(6);
    expect(parts[1]).toMatch(/^Authentication:/);
    expect(parts[2]).toMatch(/^Scopes:/);
    expect(paragraphs("a\n  \nb\n\n\n")).toEqual(["a", "b"]);
  });

  it("marks code spans and leaves a lone backtick as text", () => {
    expect(inlineSegments("pass `nextCursor` as `cursor`.")).toEqual([
      { text: "pass ", code: false },
      { text: "nextCursor", code: true },
      { text: " as ", code: false },
      { text: "cursor", code: true },
      { text: ".", code: false },
    ]);
    expect(inlineSegments("a ` b")).toEqual([{ text: "a ` b", code: false }]);
  });
});

describe("path templates", () => {
  it("marks path parameters", () => {
    expect(pathSegments("/api/v1/runs/{runId}/nodes/{nodeId}")).toEqual([
      { text: "/api/v1/runs/", param: false },
      { text: "runId", param: true },
      { text: "/nodes/", param: false },
      { text: "nodeId", param: true },
    ]);
    expect(pathSegments("/api/health")).toEqual([{ text: "/api/health", param: false }]);
  });
});
