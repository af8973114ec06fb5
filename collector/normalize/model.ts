import type { Attributes } from "@/collector/decode/model";
import { readProvider, readRequestModel, readString } from "@/collector/normalize/conventions/read";
import { tableFor, type ConventionTable } from "@/collector/normalize/conventions/table";
import { providerFromModelId } from "@/collector/normalize/provider";
import { MAX_PRICED_NAME_LENGTH } from "@/lib/costs/pricing/library-prices";

export interface SpanModel {
  /** The model that answered when the span says so (what is priced), else the one requested. */
  model_name: string | null;
  model_vendor: string | null;
  /** The model the call asked for, shown beside the one that answered. */
  request_model: string | null;
}

/** Model and provider of a span, from whichever convention names them. */
export function extractModel(attributes: Attributes, table: ConventionTable = tableFor(attributes)): SpanModel {
  const requested = readRequestModel(table, attributes);
  const model = readString(table, attributes, "responseModel") ?? requested;
  const vendor = readProvider(table, attributes) ?? (model === null ? null : providerFromModelId(model));
  return { model_name: boundedModelName(model), model_vendor: boundedModelName(vendor), request_model: boundedModelName(requested) };
}

/**
 * Model and vendor columns are indexed (a B-tree row holds a few KB at most): a longer name is
 * cut to MAX_PRICED_NAME_LENGTH characters and marked with "…", which also keeps it unpriced (it
 * is still one character over the limit). The attribute itself keeps the whole value.
 */
export function boundedModelName(name: string | null): string | null {
  if (name === null || name.length <= MAX_PRICED_NAME_LENGTH) return name;
  // Never split a surrogate pair: half of one is not valid text for the database.
  const last = name.charCodeAt(MAX_PRICED_NAME_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_PRICED_NAME_LENGTH - 1 : MAX_PRICED_NAME_LENGTH;
  return `${name.slice(0, end)}…`;
}
