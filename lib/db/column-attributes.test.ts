import { describe, expect, it } from "vitest";
import { attributesBesideColumns, attributesWithColumns, COLUMN_ATTRIBUTES } from "@/lib/db/column-attributes";

const LOGIC_ID = "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417";

describe("attributes stored beside their columns", () => {
  it("leaves out a string attribute its column holds unchanged, and puts it back", () => {
    const attributes = { "codon.workload.logic_id": LOGIC_ID, "codon.workload.run_id": "run-1", "codon.node.latency_ms": 43 };
    const columns = { workload_logic_id: LOGIC_ID, run_id: "run-1" };
    const stored = attributesBesideColumns(attributes, columns);
    expect(stored.attributes).toEqual({ "codon.node.latency_ms": 43 });
    expect(stored.column_attributes).toBe((1 << 0) | (1 << 4));
    expect(attributesWithColumns(stored.attributes, stored.column_attributes, columns)).toEqual(attributes);
  });

  it("keeps an attribute whose column differs, is missing, or whose value is not that string", () => {
    const attributes = {
      "gen_ai.request.model": `gpt-4o-${"x".repeat(300)}`, // the column holds a cut name
      "codon.workload.name": "QA-Agent", // no column value given
      "codon.workload.run_id": 42, // a number, even though the column reads "42"
      "codon.nodespec.role": "", // an empty string where the column is null
    };
    const columns = { request_model: "gpt-4o-xxx…", run_id: "42", node_role: null };
    const stored = attributesBesideColumns(attributes, columns);
    expect(stored).toEqual({ attributes, column_attributes: 0 });
    // Nothing copied when nothing is left out.
    expect(stored.attributes).toBe(attributes);
  });

  it("keeps an attribute named __proto__ as an attribute", () => {
    const attributes = JSON.parse('{"__proto__": "kept", "codon.workload.id": "qa:1"}') as Record<string, string>;
    const stored = attributesBesideColumns(attributes, { workload_id: "qa:1" });
    expect(Object.keys(stored.attributes)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(stored.attributes)).toBe(Object.prototype);
    expect(Object.keys(attributesWithColumns(stored.attributes, stored.column_attributes, { workload_id: "qa:1" })).sort()).toEqual(["__proto__", "codon.workload.id"]);
  });

  it("two attributes of one column each leave out only when equal to it", () => {
    const attributes = { "codon.model.id": "gpt-4o", "gen_ai.response.model": "gpt-4o-2024-08-06" };
    const stored = attributesBesideColumns(attributes, { model_name: "gpt-4o-2024-08-06" });
    expect(stored.attributes).toEqual({ "codon.model.id": "gpt-4o" });
    expect(attributesWithColumns(stored.attributes, stored.column_attributes, { model_name: "gpt-4o-2024-08-06" })).toEqual(attributes);
  });

  it("fits every position in a 31-bit integer column, each key once", () => {
    expect(COLUMN_ATTRIBUTES.length).toBeLessThanOrEqual(31);
    expect(new Set(COLUMN_ATTRIBUTES.map((entry) => entry.key)).size).toBe(COLUMN_ATTRIBUTES.length);
  });
});
