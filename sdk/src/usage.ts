/** LLM usage of one model call, attached to the current activation with `runtime.recordUsage`. */
export interface LlmUsage {
  /** Model id as the provider reports it, e.g. `gpt-4o-mini-2024-07-18` (`codon.model.id`). */
  readonly model: string;
  /** Provider, e.g. `openai` (`codon.model.vendor`). */
  readonly vendor: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  /** The provider's raw usage object (`codon.tokens.usage_json`). */
  readonly raw?: unknown;
}

/** An activation's calls added up: one span carries one set of token counts. */
export interface UsageSummary {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** input + output, as the Codon SDK computes `codon.tokens.total`. */
  readonly totalTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  /** Model and vendor of the last call (a node usually calls one model). */
  readonly model: string;
  readonly vendor: string;
}

export function summarizeUsage(usage: readonly LlmUsage[]): UsageSummary | null {
  const last = usage.at(-1);
  if (!last) return null;
  const sum = (pick: (item: LlmUsage) => number | undefined) => usage.reduce((total, item) => total + (pick(item) ?? 0), 0);
  const inputTokens = sum((item) => item.inputTokens);
  const outputTokens = sum((item) => item.outputTokens);
  return {
    calls: usage.length,
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    cacheReadTokens: sum((item) => item.cacheReadTokens),
    cacheWriteTokens: sum((item) => item.cacheWriteTokens),
    model: last.model,
    vendor: last.vendor,
  };
}

const COUNTS = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"] as const;

/** Why `usage` cannot be recorded, or null when it can. */
export function usageProblem(usage: LlmUsage): string | null {
  if (typeof usage.model !== "string" || usage.model === "") return "model must be a non-empty string";
  if (typeof usage.vendor !== "string" || usage.vendor === "") return "vendor must be a non-empty string";
  for (const key of COUNTS) {
    const value = usage[key];
    if (value === undefined && (key === "cacheReadTokens" || key === "cacheWriteTokens")) continue;
    if (!Number.isSafeInteger(value) || (value ?? -1) < 0) return `${key} must be a non-negative integer, got ${String(value)}`;
  }
  return null;
}
