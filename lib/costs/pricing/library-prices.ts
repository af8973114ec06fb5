// Default prices from @pydantic/genai-prices: its bundled data only (updatePrices is never
// called, so nothing is fetched at runtime). Chosen over a hand-kept table because it is
// maintained upstream, has cache-read/cache-write prices and dated price changes per model.
import { calcPrice, findProvider } from "@pydantic/genai-prices";
import { BoundedCache } from "@/lib/costs/pricing/bounded-cache";

/** What one LLM call used; input includes cached tokens (the OTel GenAI convention). */
export interface PricedUsage {
  vendor: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** When the call was made: prices change over time. */
  at: Date;
}

export interface LibraryPrice {
  /** USD, rounded to 10 decimal places (the column's scale). */
  costUsd: string;
  providerId: string;
  modelId: string;
}

// gen_ai.provider.name values (and older gen_ai.system ones) that the library knows by another id.
const PROVIDER_ALIASES: Record<string, string> = {
  "gcp.gemini": "google",
  "gcp.vertex_ai": "google",
  "gcp.gen_ai": "google",
  vertex_ai: "google",
  "azure.ai.openai": "azure",
  "azure.ai.inference": "azure",
  "az.ai.openai": "azure",
  "az.ai.inference": "azure",
  "aws.bedrock": "aws",
  "amazon-bedrock": "aws",
  bedrock: "aws",
  "azure-openai": "azure",
  mistral_ai: "mistral",
  x_ai: "x-ai",
  xai: "x-ai",
};

/**
 * Vendor and model names longer than this are never priced and never remembered: no real model
 * id comes near it, and a sender could otherwise make every lookup (and every cache entry) as big
 * as an export. Such a span is stored unpriced and listed among the unpriced models.
 */
export const MAX_PRICED_NAME_LENGTH = 256;

/** Whether a vendor or model name is short enough to be priced at all. */
export const priceableName = (name: string | null): boolean => name === null || name.length <= MAX_PRICED_NAME_LENGTH;

// Every priced span asks; a handful of vendor strings and unknown models repeat. Both memories are
// bounded by entries and bytes: the strings come from untrusted telemetry.
const CACHE_LIMITS = { maxEntries: 10_000, maxBytes: 4 * 1024 * 1024, maxKeyLength: 2 * MAX_PRICED_NAME_LENGTH + 1 };
const providerIds = new BoundedCache<string | undefined>(CACHE_LIMITS, (id) => (id ? id.length * 2 : 0));
/** Unknown (provider, model) pairs: the library's miss is as slow as a hit, and they repeat. */
const unknown = new BoundedCache<true>(CACHE_LIMITS);

/** The library's provider id for a vendor string, or undefined to let the model name decide (or when it is too long to price). */
export function providerIdFor(vendor: string | null): string | undefined {
  if (!vendor || !priceableName(vendor)) return undefined;
  const key = vendor.trim().toLowerCase();
  if (providerIds.has(key)) return providerIds.get(key);
  const id = findProvider({ providerId: PROVIDER_ALIASES[key] ?? key })?.id;
  providerIds.set(key, id);
  return id;
}

/** The pricing memories' sizes, for tests of their bounds. */
export function pricingCacheStats(): { entries: number; bytes: number } {
  return { entries: providerIds.size + unknown.size, bytes: providerIds.bytes + unknown.bytes };
}

/**
 * Anthropic-style usage reports input tokens without the cached ones; the library (like OTel
 * GenAI) expects them included. When the cache counts exceed the input, they cannot be part of
 * it, so they are added.
 */
export function inputIncludingCache(usage: Pick<PricedUsage, "inputTokens" | "cacheReadTokens" | "cacheWriteTokens">): number {
  const cached = usage.cacheReadTokens + usage.cacheWriteTokens;
  return cached > usage.inputTokens ? usage.inputTokens + cached : usage.inputTokens;
}

/**
 * Provider ids to try in turn: the vendor's (or none, to let the model name decide), then for a
 * "openai/gpt-5-mini" id the library's own split of the prefix into provider and model (which it
 * does for provider id "litellm").
 */
function providerAttempts(vendor: string | null, model: string): (string | undefined)[] {
  const first = providerIdFor(vendor);
  return model.includes("/") ? [first, "litellm"] : [first];
}

/** The call's price from the library's data, or null when it has no price for the model. */
export function libraryPrice(usage: PricedUsage): LibraryPrice | null {
  if (!priceableName(usage.vendor) || !priceableName(usage.model)) return null;
  const tokens = {
    input_tokens: inputIncludingCache(usage),
    output_tokens: usage.outputTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
  };
  for (const providerId of providerAttempts(usage.vendor, usage.model)) {
    const key = `${providerId ?? ""}\u001f${usage.model}`;
    if (unknown.has(key)) continue;
    const result = calcPrice(tokens, usage.model, { ...(providerId ? { providerId } : {}), timestamp: usage.at });
    if (result) return { costUsd: result.total_price.toFixed(10), providerId: result.provider.id, modelId: result.model.id };
    unknown.set(key, true);
  }
  return null;
}
