import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The shared corpus of real SDK payloads sits beside the repository (`../shared/otlp-corpus`). */
export const CORPUS_DIR = path.resolve(process.env.OTLP_CORPUS_DIR ?? path.join(process.cwd(), "..", "shared", "otlp-corpus"));

const count = z.number().int().nonnegative();

const llmSpan = z.object({
  span_name: z.string(),
  span_id: z.string().regex(/^[0-9a-f]{16}$/),
  role: z.enum(["llm-call", "embedding", "aggregate"]),
  model: z.string().optional(),
  response_model: z.string().optional(),
  input_tokens: count.optional(),
  output_tokens: count.optional(),
  cached_input_tokens: count.optional(),
  cache_creation_input_tokens: count.optional(),
  reasoning_tokens: count.optional(),
  total_tokens: count.optional(),
  cost: z.number().nonnegative().optional(),
});

const expectation = z.object({
  payload: z.string(),
  span_count: count,
  trace_count: count,
  root_spans: z.array(z.string()),
  spans_with_parent_not_in_payload: z.array(z.object({ name: z.string(), parentSpanId: z.string() })),
  error_spans: z.array(z.object({ name: z.string(), message: z.string() })),
  llm_spans: z.array(llmSpan),
});

export type LlmSpanExpectation = z.infer<typeof llmSpan>;
export type Expectation = z.infer<typeof expectation>;

export interface CorpusEntry {
  name: string;
  /** The OTLP/JSON request as the file holds it. */
  payload: unknown;
  expect: Expectation;
}

/** Every `<id>.json` with its `<id>.expect.json`; empty when the folder is absent. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".expect.json"))
    .sort()
    .map((file) => {
      const expect = expectation.parse(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
      const payload: unknown = JSON.parse(readFileSync(path.join(dir, expect.payload), "utf8"));
      return { name: expect.payload, payload, expect };
    });
}
