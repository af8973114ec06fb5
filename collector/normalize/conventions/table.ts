import type { Attributes } from "@/collector/decode/model";
import { CONVENTIONS, type Convention, type JsonPath, type JsonSource, type UsageField } from "@/collector/normalize/conventions";

const USAGE_FIELDS: readonly UsageField[] = ["input", "output", "total", "cacheRead", "cacheWrite", "reasoning"];

/** The families that apply to one kind of span, flattened into key lists in order of precedence. */
export interface ConventionTable {
  usage: Record<UsageField, readonly string[]>;
  usageJson: Record<UsageField, readonly { source: JsonSource; paths: readonly JsonPath[] }[]>;
  responseModel: readonly string[];
  requestModel: readonly string[];
  modelJson: readonly { source: JsonSource; paths: readonly JsonPath[] }[];
  provider: readonly { key: string; providerOf: ((value: string) => string | null) | undefined }[];
  cost: readonly string[];
  input: readonly string[];
  output: readonly string[];
  isAggregate: readonly NonNullable<Convention["isAggregate"]>[];
}

function compile(conventions: readonly Convention[]): ConventionTable {
  const keys = (pick: (convention: Convention) => readonly string[] | undefined) => conventions.flatMap((convention) => pick(convention) ?? []);
  const usage = {} as Record<UsageField, readonly string[]>;
  const usageJson = {} as ConventionTable["usageJson"];
  for (const field of USAGE_FIELDS) {
    usage[field] = keys((convention) => convention.usage?.[field]);
    usageJson[field] = conventions.flatMap((convention) =>
      (convention.json ?? []).flatMap((source) => (source.usage?.[field] ? [{ source, paths: source.usage[field] }] : [])),
    );
  }
  return {
    usage,
    usageJson,
    responseModel: keys((convention) => convention.responseModel),
    requestModel: keys((convention) => convention.requestModel),
    modelJson: conventions.flatMap((convention) => (convention.json ?? []).flatMap((source) => (source.model ? [{ source, paths: source.model }] : []))),
    provider: conventions.flatMap((convention) => (convention.provider ?? []).map((key) => ({ key, providerOf: convention.providerOf }))),
    cost: keys((convention) => convention.cost),
    input: keys((convention) => convention.input),
    output: keys((convention) => convention.output),
    isAggregate: conventions.flatMap((convention) => (convention.isAggregate ? [convention.isAggregate] : [])),
  };
}

// Gated families are few, so every combination of them gets its table once (at most 2^gated).
const gated = CONVENTIONS.filter((convention) => convention.appliesTo !== undefined);
const tables = new Map<number, ConventionTable>();

/** The compiled table of the families that apply to a span with these attributes. */
export function tableFor(attributes: Attributes): ConventionTable {
  let mask = 0;
  for (let i = 0; i < gated.length; i++) if (gated[i]!.appliesTo!(attributes)) mask |= 1 << i;
  let table = tables.get(mask);
  if (table === undefined) {
    table = compile(CONVENTIONS.filter((convention) => convention.appliesTo === undefined || (mask & (1 << gated.indexOf(convention))) !== 0));
    tables.set(mask, table);
  }
  return table;
}
