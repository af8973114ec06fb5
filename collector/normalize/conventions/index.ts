import { braintrust } from "@/collector/normalize/conventions/braintrust";
import { codon, codonNodeSpec } from "@/collector/normalize/conventions/codon";
import { genAi } from "@/collector/normalize/conventions/genai";
import { genkit, genkitModel } from "@/collector/normalize/conventions/genkit";
import { langfuse } from "@/collector/normalize/conventions/langfuse";
import { liteLlm } from "@/collector/normalize/conventions/litellm";
import { liveKit } from "@/collector/normalize/conventions/livekit";
import { openInference } from "@/collector/normalize/conventions/openinference";
import { openLit } from "@/collector/normalize/conventions/openlit";
import { openLlmetry } from "@/collector/normalize/conventions/openllmetry";
import { pydanticAi } from "@/collector/normalize/conventions/pydantic-ai";
import type { Convention } from "@/collector/normalize/conventions/types";
import { vercelAi, vercelAiEmbedding } from "@/collector/normalize/conventions/vercel-ai";

export type { Convention, JsonPath, JsonSource, UsageField } from "@/collector/normalize/conventions/types";

/**
 * Every convention family, in order of precedence: for each value, the first family (and within
 * it the first key) that has it wins. Codon first, the standards next, framework-specific names after.
 */
export const CONVENTIONS: readonly Convention[] = [
  codon,
  genAi,
  openInference,
  openLlmetry,
  vercelAiEmbedding,
  vercelAi,
  langfuse,
  openLit,
  liteLlm,
  pydanticAi,
  genkitModel,
  genkit,
  braintrust,
  liveKit,
  codonNodeSpec,
];
