import type { Attributes } from "@/collector/decode/model";
import type { NewSpan } from "@/lib/db/types";
import { normalizeSpan } from "@/collector/normalize/span";
import { makeDecodedSpan, TENANT } from "@/collector/normalize/testing";

/** What normalization makes of one span with these attributes: the row's model, usage, cost, counting and content. */
export function mapped(attributes: Attributes, name = "span"): Pick<
  NewSpan,
  "model_name" | "model_vendor" | "input_tokens" | "output_tokens" | "total_tokens" | "cache_read_tokens" | "cache_write_tokens" | "reasoning_tokens" | "cost_usd" | "counts_usage" | "input_text" | "output_text"
> {
  const row = normalizeSpan(makeDecodedSpan({ name, attributes }), { tenantId: TENANT, resource: {}, scope: { name: "", version: "", attributes: {} } });
  return {
    model_name: row.model_name,
    model_vendor: row.model_vendor,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    total_tokens: row.total_tokens,
    cache_read_tokens: row.cache_read_tokens,
    cache_write_tokens: row.cache_write_tokens,
    reasoning_tokens: row.reasoning_tokens,
    cost_usd: row.cost_usd,
    counts_usage: row.counts_usage,
    input_text: row.input_text,
    output_text: row.output_text,
  };
}
