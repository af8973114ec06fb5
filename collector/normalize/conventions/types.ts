import type { Attributes } from "@/collector/decode/model";

/** The token counts a span can report, whatever each convention calls them. */
export type UsageField = "input" | "output" | "total" | "cacheRead" | "cacheWrite" | "reasoning";

/** A path into a JSON object held in a string attribute. */
export type JsonPath = readonly string[];

/** An attribute whose string value is JSON holding usage (or a model), and where to look in it. */
export interface JsonSource {
  attribute: string;
  /** Longer values are not parsed: usage objects are small, and the input is hostile. */
  maxLength: number;
  usage?: Partial<Record<UsageField, readonly JsonPath[]>>;
  model?: readonly JsonPath[];
}

/**
 * What one convention family calls model, provider, usage, cost and content. Keys are tried in
 * order, families in the order of `CONVENTIONS`; `appliesTo` gates a family whose keys are too
 * generic to read on every span.
 */
export interface Convention {
  name: string;
  appliesTo?: (attributes: Attributes) => boolean;
  usage?: Partial<Record<UsageField, readonly string[]>>;
  json?: readonly JsonSource[];
  responseModel?: readonly string[];
  requestModel?: readonly string[];
  /** Attributes naming the provider; `providerOf` turns a value into a provider name. */
  provider?: readonly string[];
  providerOf?: (value: string) => string | null;
  /** A cost the span reports itself, USD. */
  cost?: readonly string[];
  input?: readonly string[];
  output?: readonly string[];
  /** The span repeats usage its children report (an agent run, an outer call): left out of totals. */
  isAggregate?: (spanName: string, attributes: Attributes) => boolean;
}
