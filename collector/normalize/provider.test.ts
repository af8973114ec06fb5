import { describe, expect, it } from "vitest";
import { providerFromModelId } from "@/collector/normalize/provider";

describe("providerFromModelId", () => {
  it.each([
    ["meta.llama3-1-70b-instruct-v1:0", "aws.bedrock"],
    ["eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "aws.bedrock"],
    ["global.anthropic.claude-sonnet-4-20250514-v1:0", "aws.bedrock"],
    ["amazon.titan-embed-text-v2:0", "aws.bedrock"],
    ["projects/p/locations/us-east5/publishers/anthropic/models/claude-3-5-haiku", "anthropic"],
    ["publishers/google/models/gemini-2.0-flash-001", "google"],
    ["deepseek/deepseek-chat", "deepseek"],
    ["openrouter/auto", "openrouter"],
  ])("%s → %s", (model, provider) => {
    expect(providerFromModelId(model)).toBe(provider);
  });

  it.each(["gpt-4.1-nano", "claude-3-5-sonnet-v2@20241022", "gemini-1.5-pro", "/leading-slash", "o3"])("names no provider for %s", (model) => {
    expect(providerFromModelId(model)).toBeNull();
  });
});
