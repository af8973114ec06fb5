import type { Attributes } from "@/collector/decode/model";
import { tableFor, type ConventionTable } from "@/collector/normalize/conventions/table";
import { JsonAttributes, readCost, readCount } from "@/collector/normalize/conventions/read";

export interface Usage {
  input_tokens: string | null;
  output_tokens: string | null;
  total_tokens: string | null;
  cache_read_tokens: string | null;
  cache_write_tokens: string | null;
  /** Reported apart from, and included in, the output: shown, not priced again. */
  reasoning_tokens: string | null;
}

/** numeric(20, 10): at most 10 digits before the point. */
const COST_INTEGER_DIGITS = 10;

/** Token counts under any convention's names (see conventions/), as exact decimal strings. */
export function extractUsage(attributes: Attributes, table: ConventionTable = tableFor(attributes)): Usage {
  const json = new JsonAttributes(attributes);
  const count = (field: Parameters<typeof readCount>[2]) => readCount(table, attributes, field, json);
  const input = count("input");
  const output = count("output");
  return {
    input_tokens: input,
    output_tokens: output,
    total_tokens: count("total") ?? sumCounts(input, output),
    cache_read_tokens: count("cacheRead"),
    cache_write_tokens: count("cacheWrite"),
    reasoning_tokens: count("reasoning"),
  };
}

/** input + output when at least one is known (the other counting as 0), else null. */
export function sumCounts(input: string | null, output: string | null): string | null {
  if (input === null && output === null) return null;
  return (BigInt(input ?? "0") + BigInt(output ?? "0")).toString();
}

/** A cost the span reports itself in USD as a decimal string; null when absent or invalid (pricing fills it later). */
export function extractCost(attributes: Attributes, table: ConventionTable = tableFor(attributes)): string | null {
  return readCost(table, attributes, COST_INTEGER_DIGITS);
}

/**
 * False when the span's usage repeats usage reported by other spans, so roll-ups count it once:
 * an LLM call inside a Codon node, an agent or tool operation, an OpenInference AGENT or CHAIN, a
 * Vercel AI SDK outer call, a Pydantic AI agent run (each family's `isAggregate`).
 */
export function countsUsage(spanName: string, attributes: Attributes, table: ConventionTable = tableFor(attributes)): boolean {
  return !table.isAggregate.some((isAggregate) => isAggregate(spanName, attributes));
}
