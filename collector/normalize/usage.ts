import type { Attributes } from "@/collector/decode/model";
import { firstCount, firstString, parseDecimal } from "@/collector/normalize/attributes";
import { isCallWithinNode } from "@/collector/normalize/node";

export interface Usage {
  input_tokens: string | null;
  output_tokens: string | null;
  total_tokens: string | null;
  cache_read_tokens: string | null;
  cache_write_tokens: string | null;
}

const INPUT_KEYS = ["codon.tokens.input", "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"];
const OUTPUT_KEYS = [
  "codon.tokens.output",
  "gen_ai.usage.output_tokens",
  "gen_ai.usage.completion_tokens",
  "llm.token_count.completion",
];
const TOTAL_KEYS = ["codon.tokens.total", "llm.token_count.total"];
const CACHE_READ_KEYS = ["gen_ai.usage.cache_read.input_tokens", "llm.token_count.prompt_details.cache_read"];
const CACHE_WRITE_KEYS = ["gen_ai.usage.cache_creation.input_tokens", "llm.token_count.prompt_details.cache_write"];

/** numeric(20, 10): at most 10 digits before the point. */
const COST_INTEGER_DIGITS = 10;

/** Token counts under the Codon, OTel GenAI and OpenInference names, as exact decimal strings. */
export function extractUsage(attributes: Attributes): Usage {
  const sources = [attributes];
  const input = firstCount(sources, INPUT_KEYS);
  const output = firstCount(sources, OUTPUT_KEYS);
  return {
    input_tokens: input,
    output_tokens: output,
    total_tokens: firstCount(sources, TOTAL_KEYS) ?? sumCounts(input, output),
    cache_read_tokens: firstCount(sources, CACHE_READ_KEYS) ?? usageJsonCount(attributes, CACHE_READ_JSON_PATHS),
    cache_write_tokens: firstCount(sources, CACHE_WRITE_KEYS) ?? usageJsonCount(attributes, CACHE_WRITE_JSON_PATHS),
  };
}

// Where providers put cache counts in the raw usage object the Codon SDK forwards as
// `codon.tokens.usage_json`: OpenAI's prompt details, Anthropic's cache fields.
const CACHE_READ_JSON_PATHS = [["prompt_tokens_details", "cached_tokens"], ["input_tokens_details", "cached_tokens"], ["cache_read_input_tokens"]];
const CACHE_WRITE_JSON_PATHS = [["cache_creation_input_tokens"]];
/** Raw usage objects are small; a bigger value is not one. */
const MAX_USAGE_JSON = 16_384;

/** The first count found at one of the paths in `codon.tokens.usage_json`, else null. */
export function usageJsonCount(attributes: Attributes, paths: string[][]): string | null {
  const raw = attributes["codon.tokens.usage_json"];
  if (typeof raw !== "string" || raw.length > MAX_USAGE_JSON) return null;
  let usage: unknown;
  try {
    usage = JSON.parse(raw);
  } catch {
    return null;
  }
  for (const path of paths) {
    let value: unknown = usage;
    for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === "number" || typeof value === "string") {
      const count = firstCount([{ v: value }], ["v"]);
      if (count !== null) return count;
    }
  }
  return null;
}

/** input + output when at least one is known (the other counting as 0), else null. */
export function sumCounts(input: string | null, output: string | null): string | null {
  if (input === null && output === null) return null;
  return (BigInt(input ?? "0") + BigInt(output ?? "0")).toString();
}

/** `gen_ai.usage.cost` in USD as a decimal string; null when absent or invalid (pricing fills it later). */
export function extractCost(attributes: Attributes): string | null {
  return parseDecimal(attributes["gen_ai.usage.cost"], COST_INTEGER_DIGITS);
}

const GENAI_AGGREGATE_OPERATIONS = new Set(["invoke_agent", "create_agent", "execute_tool"]);
const OPENINFERENCE_AGGREGATE_KINDS = new Set(["AGENT", "CHAIN"]);

/**
 * False when the span's usage repeats usage reported by other spans, so roll-ups count it once:
 * an LLM call inside a node (`agent.llm` or a custom `track_llm` name: the node span reports the
 * same usage), a GenAI agent/tool
 * operation, an OpenInference AGENT or CHAIN span (they sum their children).
 */
export function countsUsage(spanName: string, attributes: Attributes): boolean {
  const sources = [attributes];
  if (isCallWithinNode(spanName, attributes)) return false;
  const operation = firstString(sources, ["gen_ai.operation.name"]);
  if (operation !== null && GENAI_AGGREGATE_OPERATIONS.has(operation)) return false;
  const kind = firstString(sources, ["openinference.span.kind"]);
  if (kind !== null && OPENINFERENCE_AGGREGATE_KINDS.has(kind.toUpperCase())) return false;
  return true;
}
