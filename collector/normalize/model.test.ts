import { describe, expect, it } from "vitest";
import { boundedModelName, extractModel } from "@/collector/normalize/model";
import { MAX_PRICED_NAME_LENGTH } from "@/lib/costs/pricing/library-prices";

describe("extractModel", () => {
  it("prefers the model that answered, else the one requested", () => {
    expect(extractModel({ "gen_ai.request.model": "gpt-4o", "gen_ai.response.model": "gpt-4o-2024-11-20" })).toMatchObject({
      model_name: "gpt-4o-2024-11-20",
      request_model: "gpt-4o",
    });
    expect(extractModel({ "gen_ai.request.model": "gpt-4o" }).model_name).toBe("gpt-4o");
    expect(extractModel({ "codon.nodespec.model_name": "pinned", "gen_ai.request.model": "called" }).model_name).toBe("called");
    expect(extractModel({ "codon.nodespec.model_name": "pinned" }).model_name).toBe("pinned");
  });

  it("takes the provider from an attribute, else from the model id", () => {
    expect(extractModel({ "gen_ai.system": "openrouter", "gen_ai.request.model": "anthropic/claude-3.5-haiku" }).model_vendor).toBe("openrouter");
    expect(extractModel({ "gen_ai.request.model": "anthropic/claude-3.5-haiku" }).model_vendor).toBe("anthropic");
    expect(extractModel({ "gen_ai.request.model": "cohere.command-r-plus-v1:0" }).model_vendor).toBe("aws.bedrock");
    expect(extractModel({ "gen_ai.request.model": "gpt-4o" }).model_vendor).toBeNull();
  });

  it("cuts over-long names", () => {
    const long = "m".repeat(MAX_PRICED_NAME_LENGTH + 5);
    expect(extractModel({ "gen_ai.request.model": long }).model_name).toBe(boundedModelName(long));
    expect(boundedModelName(long)!.length).toBe(MAX_PRICED_NAME_LENGTH + 1);
  });
});
