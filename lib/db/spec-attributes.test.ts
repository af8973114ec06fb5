import { describe, expect, it } from "vitest";
import { COLUMN_ATTRIBUTES } from "@/lib/db/column-attributes";
import { attributesBesideSpec, attributesWithSpec, hasSpecAttributes, SPEC_ATTRIBUTES, SPEC_ATTRIBUTES_FIRST_BIT, type SpecValues } from "@/lib/db/spec-attributes";

const SPEC: SpecValues = {
  spec_version: "0.1.0",
  callable_signature: "call_model(message: Dict[str, Any], *, runtime, context)",
  input_schema: '{"message": "typing.Dict[str, typing.Any]"}',
  output_schema: null,
  model_name: "gpt-4o-mini",
  model_version: "2024-07-18",
};

describe("attributes stored in their node spec", () => {
  it("leaves out the string attributes the spec holds unchanged, keeps the column bits, and puts them back", () => {
    const attributes = {
      "codon.nodespec.version": "0.1.0",
      "codon.nodespec.callable_signature": SPEC.callable_signature!,
      "codon.nodespec.input_schema": SPEC.input_schema!,
      "codon.nodespec.model_name": "gpt-4o", // differs from the spec: kept
      "codon.node.latency_ms": 43,
    };
    const stored = attributesBesideSpec(attributes, 0b101, SPEC);
    expect(stored.attributes).toEqual({ "codon.nodespec.model_name": "gpt-4o", "codon.node.latency_ms": 43 });
    expect(stored.column_attributes).toBe(0b101 | (0b111 << SPEC_ATTRIBUTES_FIRST_BIT));
    expect(hasSpecAttributes(stored.column_attributes)).toBe(true);
    expect(hasSpecAttributes(0b101)).toBe(false);
    expect(attributesWithSpec(stored.attributes, stored.column_attributes, SPEC)).toEqual(attributes);
  });

  it("leaves nothing out for a spec that holds none of them, and keeps non-string values", () => {
    const attributes = { "codon.nodespec.version": 1, "codon.nodespec.output_schema": "" };
    const stored = attributesBesideSpec(attributes, 3, SPEC);
    expect(stored).toEqual({ attributes, column_attributes: 3 });
    expect(stored.attributes).toBe(attributes);
  });

  it("keeps an attribute named __proto__ as an attribute", () => {
    const attributes = JSON.parse('{"__proto__": "kept", "codon.nodespec.version": "0.1.0"}') as Record<string, string>;
    const stored = attributesBesideSpec(attributes, 0, SPEC);
    expect(Object.keys(stored.attributes)).toEqual(["__proto__"]);
    expect(Object.keys(attributesWithSpec(stored.attributes, stored.column_attributes, SPEC)).sort()).toEqual(["__proto__", "codon.nodespec.version"]);
  });

  it("uses bits no column attribute uses, within the int4 column", () => {
    expect(COLUMN_ATTRIBUTES.length).toBeLessThanOrEqual(SPEC_ATTRIBUTES_FIRST_BIT);
    expect(SPEC_ATTRIBUTES_FIRST_BIT + SPEC_ATTRIBUTES.length).toBeLessThanOrEqual(31);
  });
});
