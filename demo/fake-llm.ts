import type { NodeRuntime } from "@/sdk";
import { hashHex } from "@/demo/seeded";
import type { SimClock } from "@/demo/sim-clock";

export interface DemoModel {
  /** The id the provider reports, e.g. `gpt-4o-mini-2024-07-18`. */
  readonly id: string;
  readonly vendor: string;
  /** Simulated speed: first-token delay and time per output token. */
  readonly firstTokenMs: number;
  readonly msPerToken: number;
}

export const MODELS = {
  gpt4oMini: { id: "gpt-4o-mini-2024-07-18", vendor: "openai", firstTokenMs: 380, msPerToken: 9 },
  gpt4o: { id: "gpt-4o-2024-08-06", vendor: "openai", firstTokenMs: 520, msPerToken: 14 },
  claudeHaiku: { id: "claude-3-5-haiku-20241022", vendor: "anthropic", firstTokenMs: 430, msPerToken: 11 },
  claudeSonnet: { id: "claude-sonnet-4-5-20250929", vendor: "anthropic", firstTokenMs: 690, msPerToken: 18 },
  // Self-hosted: no list price, so it shows up under "unpriced models" on the costs page.
  llamaLocal: { id: "llama-3.1-8b-instruct", vendor: "vllm", firstTokenMs: 150, msPerToken: 6 },
} as const satisfies Record<string, DemoModel>;

export interface Completion {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

export interface CompletionRequest {
  model: DemoModel;
  /** System prompt and context: counted as input tokens, like a real call. */
  system: string;
  prompt: string;
  /** Candidate answers; one is picked by the prompt's hash. */
  answers: readonly string[];
  /** Typical answer length in tokens (the actual count varies ±30% by hash). */
  outputTokens: number;
  /** Tokens served from the provider's prompt cache (Anthropic / OpenAI prompt caching). */
  cachedInputTokens?: number;
}

/**
 * A deterministic stand-in for an LLM: the same request always gives the same answer, token
 * counts and latency. Token counts follow the usual ~4 characters per token plus a fixed prompt
 * overhead; the simulated call advances the run's clock and records usage on the current node.
 */
export class FakeLlm {
  constructor(private readonly clock: SimClock) {}

  complete(runtime: NodeRuntime, request: CompletionRequest): Completion {
    const hash = hashHex(`${request.model.id}\n${request.system}\n${request.prompt}`);
    const spread = parseInt(hash.slice(0, 8), 16) / 0xffffffff; // 0..1
    const answer = request.answers[parseInt(hash.slice(8, 12), 16) % request.answers.length] ?? "";
    const inputTokens = 180 + Math.ceil((request.system.length + request.prompt.length) / 4);
    const outputTokens = Math.max(8, Math.round(request.outputTokens * (0.7 + 0.6 * spread)));
    this.clock.advance(request.model.firstTokenMs * (0.8 + 0.5 * spread) + outputTokens * request.model.msPerToken);
    runtime.recordUsage({
      model: request.model.id,
      vendor: request.model.vendor,
      inputTokens,
      outputTokens,
      ...(request.cachedInputTokens ? { cacheReadTokens: Math.min(request.cachedInputTokens, inputTokens) } : {}),
      raw: { model: request.model.id, input_tokens: inputTokens, output_tokens: outputTokens },
    });
    return { text: answer, inputTokens, outputTokens };
  }
}
