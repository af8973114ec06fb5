import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { schemaFacts } from "@/components/api-reference/schema-facts";

const parameters = (openApiDocument().components as { parameters: Record<string, { schema: Record<string, unknown> }> }).parameters;

describe("schema facts", () => {
  it("tells defaults, patterns and bounds of the served parameters", () => {
    expect(schemaFacts(parameters.spendBucket?.schema)).toEqual([`default: "day"`]);
    expect(schemaFacts(parameters.logicId?.schema)).toEqual(["pattern: ^[0-9a-fA-F]{4,64}$"]);
    expect(schemaFacts(parameters.limit?.schema)).toEqual(["≥ 1"]);
  });

  it("looks into union members and drops repeats", () => {
    const price = { anyOf: [{ type: "number", minimum: 0, maximum: 1_000_000 }, { type: "null" }] };
    expect(schemaFacts(price)).toEqual(["0–1000000"]);
    expect(schemaFacts({ anyOf: [{ type: "string", maxLength: 9 }, { type: "string", maxLength: 9 }] })).toEqual(["length ≤ 9"]);
  });

  it("covers formats, exclusive bounds, items and deprecation", () => {
    expect(schemaFacts({ type: "string", format: "date-time", deprecated: true })).toEqual(["format: date-time", "deprecated"]);
    expect(schemaFacts({ type: "number", exclusiveMinimum: 0 })).toEqual(["> 0"]);
    expect(schemaFacts({ type: "array", minItems: 1, maxItems: 10, default: [] })).toEqual(["default: []", "items 1–10"]);
    expect(schemaFacts(true)).toEqual([]);
  });
});
