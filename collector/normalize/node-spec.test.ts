import { describe, expect, it } from "vitest";
import { normalizeTraces } from "@/collector/normalize";
import { extractNodeSpec } from "@/collector/normalize/node-spec";
import { DEFAULT_RESOURCE, makeDecodedSpan, makeTraceRequest, spanIdOf, TENANT } from "@/collector/normalize/testing";

const NODESPEC_ID = "8b5c6a127647c11aade77671859277916ad2de74ca8d51509024292a1b8564cc";
const specAttributes = {
  "codon.nodespec.id": NODESPEC_ID,
  "codon.nodespec.name": "call_model",
  "codon.nodespec.role": "llm",
  "codon.nodespec.version": "0.1.0",
  "codon.nodespec.callable_signature": "call_model(message: Dict[str, Any], *, runtime, context)",
  "codon.nodespec.input_schema": '{"message": "typing.Dict[str, typing.Any]"}',
  "codon.nodespec.output_schema": "{}",
  "codon.nodespec.model_name": "gpt-4o-mini",
  "codon.nodespec.model_version": "2024-07-18",
};

describe("node specs", () => {
  it("reads a NodeSpec from a node span, with the namespace from the resource", () => {
    const span = makeDecodedSpan({ name: "codon.node.call_model", attributes: specAttributes });
    expect(extractNodeSpec(span, DEFAULT_RESOURCE, TENANT)).toEqual({
      tenant_id: TENANT,
      nodespec_id: NODESPEC_ID,
      name: "call_model",
      role: "llm",
      spec_version: "0.1.0",
      org_namespace: "acme",
      callable_signature: "call_model(message: Dict[str, Any], *, runtime, context)",
      input_schema: '{"message": "typing.Dict[str, typing.Any]"}',
      output_schema: "{}",
      model_name: "gpt-4o-mini",
      model_version: "2024-07-18",
    });
  });

  it("prefers the span's org.namespace, falls back to the node name, and declares nothing without a name", () => {
    const prefixed = makeDecodedSpan({ name: "codon.node.finalize", attributes: { "codon.nodespec.id": "f", "org.namespace": "mine" } });
    expect(extractNodeSpec(prefixed, DEFAULT_RESOURCE, TENANT)).toMatchObject({ name: "finalize", org_namespace: "mine", role: null });
    const bare = makeDecodedSpan({ name: "agent.llm", attributes: { "codon.nodespec.id": "f" } });
    expect(extractNodeSpec(bare, {}, TENANT)).toBeNull();
    expect(extractNodeSpec(makeDecodedSpan(), DEFAULT_RESOURCE, TENANT)).toBeNull();
  });

  it("keeps one spec per id per export, preferring a span that names the node", () => {
    const llmCall = makeDecodedSpan({ spanId: spanIdOf(1), name: "agent.llm", attributes: { "codon.nodespec.id": NODESPEC_ID } });
    const first = makeDecodedSpan({ spanId: spanIdOf(2), name: "codon.node.call_model", attributes: specAttributes });
    const second = makeDecodedSpan({
      spanId: spanIdOf(3),
      name: "codon.node.call_model",
      attributes: { ...specAttributes, "codon.nodespec.role": "changed" },
    });
    const other = makeDecodedSpan({ spanId: spanIdOf(4), name: "codon.node.finalize", attributes: { "codon.nodespec.id": "c657" } });
    const { nodeSpecs } = normalizeTraces(makeTraceRequest([llmCall, first, second, other]), TENANT);
    expect(nodeSpecs.map((spec) => [spec.nodespec_id, spec.name, spec.role])).toEqual([
      [NODESPEC_ID, "call_model", "llm"],
      ["c657", "finalize", null],
    ]);
  });
});
