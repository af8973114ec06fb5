import { describe, expect, it } from "vitest";
import { logicId, nodespecId, workloadId } from "./ids";
import { createNodeSpec, type NodeSpec } from "./nodespec";
import { CodonWorkload } from "./workload";

// The test vectors of shared/codon-telemetry.md, "Identity algorithms".
const INPUT_SCHEMA = '{"message": "typing.Dict[str, typing.Any]"}';
const signature = (name: string) => `${name}(message: Dict[str, Any], *, runtime, context)`;
const VECTORS = {
  prompt_builder: { role: "format_prompt", id: "aa7504c5205f15571490608ea8ff7f640e0b05563cb7e16600ffec339034917d" },
  call_model: {
    role: "llm",
    modelName: "gpt-4o-mini",
    modelVersion: "2024-07-18",
    id: "8b5c6a127647c11aade77671859277916ad2de74ca8d51509024292a1b8564cc",
  },
  finalize: { role: "postprocess", id: "c657086a302e9db957bc5e32fb50d0eba9f5db49bcd98d9755fe7e3e91d83298" },
} as const;
type VectorNode = keyof typeof VECTORS;
const LOGIC_THREE = "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417";
const LOGIC_TWO = "26f6b80267643367264192a7d6cff25f8fd16096af7519663428c6adfed76ead";
const LOGIC_ONE = "6d0bfb53feeb20352676c7704ab9fda6820e4a302d6bb3ca10b0095ad730d917";

function vectorSpec(name: VectorNode): NodeSpec {
  const { role, ...rest } = VECTORS[name];
  return createNodeSpec({
    name,
    role,
    orgNamespace: "acme",
    callableSignature: signature(name),
    inputSchema: INPUT_SCHEMA,
    modelName: "modelName" in rest ? rest.modelName : undefined,
    modelVersion: "modelVersion" in rest ? rest.modelVersion : undefined,
  });
}

function vectorWorkload(names: VectorNode[], description = ""): CodonWorkload {
  const workload = new CodonWorkload({ name: "QA-Agent", version: "0.1.0", description, orgNamespace: "acme" });
  for (const name of names) {
    const { role, ...rest } = VECTORS[name];
    workload.addNode(() => null, {
      name,
      role,
      callableSignature: signature(name),
      inputSchema: INPUT_SCHEMA,
      modelName: "modelName" in rest ? rest.modelName : undefined,
      modelVersion: "modelVersion" in rest ? rest.modelVersion : undefined,
    });
  }
  return workload;
}

describe("nodespec ids", () => {
  for (const name of Object.keys(VECTORS) as VectorNode[]) {
    it(`reproduces the vector for ${name}`, () => {
      const spec = vectorSpec(name);
      expect(spec.id).toBe(VECTORS[name].id);
      expect(nodespecId(spec)).toBe(VECTORS[name].id);
      expect(spec.specVersion).toBe("0.1.0");
    });
  }

  it("covers output_schema when present and ignores empty model fields", () => {
    const base = vectorSpec("finalize");
    expect(nodespecId({ ...base, outputSchema: "<class 'str'>" })).not.toBe(base.id);
    expect(nodespecId({ ...base, modelName: "", modelVersion: "" })).toBe(base.id);
    expect(nodespecId({ ...base, orgNamespace: "other" })).not.toBe(base.id);
  });
});

describe("logic ids", () => {
  it("reproduces prompt_builder -> call_model -> finalize", () => {
    const workload = vectorWorkload(["prompt_builder", "call_model", "finalize"]);
    workload.addEdge("prompt_builder", "call_model").addEdge("call_model", "finalize");
    expect(workload.logicId).toBe(LOGIC_THREE);
    expect(workload.nodes.map((spec) => spec.id)).toEqual([VECTORS.prompt_builder.id, VECTORS.call_model.id, VECTORS.finalize.id]);
  });

  it("reproduces prompt_builder -> call_model", () => {
    const workload = vectorWorkload(["prompt_builder", "call_model"]);
    workload.addEdge("prompt_builder", "call_model");
    expect(workload.logicId).toBe(LOGIC_TWO);
  });

  it("reproduces prompt_builder alone with a non-ASCII description", () => {
    expect(vectorWorkload(["prompt_builder"], "Résumé agent ✓").logicId).toBe(LOGIC_ONE);
  });

  it("does not depend on the order nodes and edges were given in, nor on repeated edges", () => {
    const nodes = [vectorSpec("finalize"), vectorSpec("call_model"), vectorSpec("prompt_builder")];
    const edges = [
      { source: "call_model", target: "finalize" },
      { source: "prompt_builder", target: "call_model" },
      { source: "call_model", target: "finalize" },
    ];
    expect(logicId({ name: "QA-Agent", version: "0.1.0", nodes, edges })).toBe(LOGIC_THREE);
  });

  it("changes with the version string and with the structure", () => {
    const nodes = [vectorSpec("prompt_builder"), vectorSpec("call_model")];
    const edges = [{ source: "prompt_builder", target: "call_model" }];
    expect(logicId({ name: "QA-Agent", version: "0.1.1", nodes, edges })).not.toBe(LOGIC_TWO);
    expect(logicId({ name: "QA-Agent", version: "0.1.0", nodes, edges: [] })).not.toBe(LOGIC_TWO);
  });

  it("rejects an edge naming a node that is not in the definition", () => {
    expect(() => logicId({ name: "a", version: "1", nodes: [], edges: [{ source: "x", target: "y" }] })).toThrow(/'x'/);
  });
});

describe("workloadId", () => {
  it("slugs the name as the Python SDK's agent class id", () => {
    expect(workloadId(" QA Agent ", "0.1.0")).toBe("qa-agent:0.1.0");
    expect(new CodonWorkload({ name: "Research Writer", version: "2" }).workloadId).toBe("research-writer:2");
  });
});
