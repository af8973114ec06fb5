import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { inlineObject, schemaType, typeText, type TypePart } from "@/components/api-reference/schema-type";
import type { Schema } from "@/components/api-reference/types";

const components = (openApiDocument().components ?? {}) as { schemas: Record<string, Record<string, unknown>> };
const schema = (name: string) => {
  const found = components.schemas[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
};
const property = (name: string, prop: string) => (schema(name).properties as Record<string, Schema>)[prop];
const show = (s: Schema | undefined) => typeText(schemaType(s));
const links = (parts: TypePart[]) => parts.filter((p) => p.href).map((p) => [p.text, p.href]);

describe("schema types from the served document", () => {
  it("links a $ref to its schema's anchor", () => {
    const parts = schemaType(property("RunView", "status"));
    expect(typeText(parts)).toBe("RunStatus");
    expect(links(parts)).toEqual([["RunStatus", "#schema-RunStatus"]]);
  });

  it("writes arrays of refs as X[] with the link on X", () => {
    const parts = schemaType(property("RunPage", "runs"));
    expect(typeText(parts)).toBe("RunView[]");
    expect(links(parts)).toEqual([["RunView", "#schema-RunView"]]);
  });

  it("writes type arrays and anyOf with null as unions", () => {
    expect(show(property("RunView", "traceId"))).toBe("string | null");
    expect(show(property("NodeDetail", "spec"))).toBe("NodeSpecView | null");
    // Constraints differ per member but the types are the same: one `number`.
    expect(show(property("PriceOverrideInput", "cacheReadUsdPerMtok"))).toBe("number | null");
  });

  it("quotes enum values and keeps null bare", () => {
    expect(show(schema("RunStatus"))).toBe(`"running" | "completed" | "failed"`);
    expect(show(property("HealthReport", "backend"))).toBe(`"postgres" | "pglite" | null`);
  });

  it("writes maps as Record<string, X>", () => {
    expect(show(property("SpendPoint", "values"))).toBe("Record<string, number>");
    expect(show(property("SpanDetail", "attributes"))).toBe("Record<string, unknown>");
  });

  it("shows inline objects as object, an array body as object[]", () => {
    expect(show(property("HealthReport", "receivers"))).toBe("object");
    expect(show(schema("LedgerUpload"))).toBe("object[]");
    expect(show(property("SpanDetail", "events"))).toBe("unknown[]");
  });
});

describe("schema types of hand-made schemas", () => {
  it("parenthesizes a union before []", () => {
    expect(show({ type: "array", items: { anyOf: [{ type: "string" }, { $ref: "#/components/schemas/A" }] } })).toBe("(string | A)[]");
    expect(show({ type: ["array", "null"], items: { type: "integer" } })).toBe("integer[] | null");
  });

  it("renders maps of refs, nested arrays and intersections", () => {
    const parts = schemaType({ type: "object", additionalProperties: { type: "array", items: { $ref: "#/components/schemas/Point" } } });
    expect(typeText(parts)).toBe("Record<string, Point[]>");
    expect(links(parts)).toEqual([["Point", "#schema-Point"]]);
    expect(show({ type: "array", items: { type: "array", items: { type: "number" } } })).toBe("number[][]");
    expect(show({ allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] })).toBe("A & B");
    expect(show({ allOf: [{ $ref: "#/components/schemas/A" }], description: "wrapped" })).toBe("A");
  });

  it("handles const, oneOf, booleans, empty and unknown refs", () => {
    expect(show({ const: "run" })).toBe(`"run"`);
    expect(show({ enum: [1, 2, true] })).toBe("1 | 2 | true");
    expect(show({ oneOf: [{ type: "string" }, { type: "integer" }] })).toBe("string | integer");
    expect(show(true)).toBe("unknown");
    expect(show(false)).toBe("never");
    expect(show({})).toBe("unknown");
    expect(show(undefined)).toBe("unknown");
    expect(show({ type: "object" })).toBe("object");
    expect(show({ properties: { a: { type: "string" } } })).toBe("object");
    const external = schemaType({ $ref: "#/components/parameters/limit" });
    expect(typeText(external)).toBe("limit");
    expect(links(external)).toEqual([]);
  });
});

describe("inline objects for nested tables", () => {
  it("finds the object behind an array, a union or a map", () => {
    expect(inlineObject(property("HealthReport", "receivers"))).toBe(property("HealthReport", "receivers"));
    expect(Object.keys((inlineObject(schema("LedgerUpload"))?.properties ?? {}) as object)).toContain("event_type");
    const item = { type: "object", properties: { x: { type: "number" } } };
    expect(inlineObject({ anyOf: [item, { type: "null" }] })).toBe(item);
    expect(inlineObject({ type: "object", additionalProperties: item })).toBe(item);
  });

  it("leaves refs and plain values alone", () => {
    expect(inlineObject(property("RunView", "status"))).toBeUndefined();
    expect(inlineObject(property("SpendPoint", "values"))).toBeUndefined();
    expect(inlineObject({ type: "string" })).toBeUndefined();
  });
});
