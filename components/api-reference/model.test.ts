import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { buildReference, resolveRef } from "@/components/api-reference/model";

const served = openApiDocument();
const reference = buildReference(served);
const operations = reference.groups.flatMap((g) => g.operations);
const operation = (id: string) => operations.find((op) => op.id === id)!;

describe("the reference of the served document", () => {
  it("has every operation once, grouped by tag in the document's tag order", () => {
    const ids = Object.values(served.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operations.map((op) => op.id).sort()).toEqual([...ids].sort());
    const tags = (served.tags as { name: string }[]).map((t) => t.name);
    expect(reference.groups.map((g) => g.name)).toEqual(tags.filter((t) => reference.groups.some((g) => g.name === t)));
    expect(reference.groups.every((g) => g.description)).toBe(true);
    expect(operation("getRun").anchor).toBe("op-getRun");
  });

  it("resolves $ref parameters", () => {
    const params = operation("listRuns").parameters;
    expect(params.find((p) => p.name === "logicId")).toMatchObject({ in: "query", required: false, schema: { pattern: "^[0-9a-fA-F]{4,64}$" } });
    expect(operation("getRun").parameters).toEqual([expect.objectContaining({ name: "runId", in: "path", required: true })]);
  });

  it("keeps request bodies, responses and the SSE event schema", () => {
    expect(operation("createPrice").requestBody?.content[0]).toEqual({ mediaType: "application/json", schema: { $ref: "#/components/schemas/PriceOverrideInput" } });
    const sse = operation("streamRunEvents").responses.find((r) => r.status === "200");
    expect(sse?.content[0]).toMatchObject({ mediaType: "text/event-stream", eventData: { $ref: "#/components/schemas/RunView" } });
    expect(operation("getOpenApi").responses).toEqual([{ status: "200", description: "OK", content: [] }]);
  });

  it("tells public operations and how to authenticate", () => {
    expect(operation("getHealth").sendsKey).toBe(false);
    expect(operation("listRuns").sendsKey).toBe(true);
    expect(reference.security.map((s) => s.usage)).toEqual(["Authorization: Bearer <key>", "x-codon-api-key: <key>", "Cookie: codon_session=<key>"]);
    expect(reference.authOptional).toBe(true);
    expect(reference.schemas.map((s) => s.name)).toContain("PriceOverrideInput");
  });
});

describe("hand-made documents", () => {
  it("survives an empty document", () => {
    expect(buildReference({})).toEqual({ title: "API reference", version: undefined, description: undefined, groups: [], schemas: [], security: [], authOptional: false });
  });

  it("merges path-level parameters, groups untagged operations and names id-less ones", () => {
    const doc = {
      paths: {
        "/a/{id}": {
          parameters: [{ name: "id", in: "path", schema: { type: "string" } }, { $ref: "#/components/parameters/q" }],
          get: { parameters: [{ name: "q", in: "query", required: true, description: "override" }], responses: { "204": { $ref: "#/components/responses/Empty" } } },
        },
      },
      components: { parameters: { q: { name: "q", in: "query" } }, responses: { Empty: { description: "Nothing" } } },
    };
    const [group] = buildReference(doc).groups;
    expect(group?.name).toBe("Other");
    const op = group!.operations[0]!;
    expect(op.id).toBe("get-/a/{id}");
    expect(op.anchor).toBe("op-get--a--id-");
    expect(op.parameters.map((p) => [p.name, p.required, p.description])).toEqual([["id", true, undefined], ["q", true, "override"]]);
    expect(op.responses).toEqual([{ status: "204", description: "Nothing", content: [] }]);
    expect(op.sendsKey).toBe(false);
  });

  it("leaves a dangling $ref as it is", () => {
    expect(resolveRef({}, { $ref: "#/components/parameters/none" })).toEqual({ $ref: "#/components/parameters/none" });
  });
});
