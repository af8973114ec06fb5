import { DecodeError } from "@/collector/decode/model";

/**
 * What one export request may hold, enforced while decoding so hostile input is refused before
 * it is built (an 8M-empty-span protobuf is 16 MB on the wire but gigabytes as objects).
 * Per-item limits follow the OTel SDK's span limits: the excess is dropped and counted, strings
 * are truncated. Per-export limits refuse the export whole (see `ExportLimitError`).
 */
export interface DecodeLimits {
  /** Spans (or log records) in one export; more refuses the export. */
  maxSpansPerExport: number;
  /** Values built in all (spans, events, links, attributes, array and kvlist entries); more refuses the export. */
  maxValuesPerExport: number;
  /** Attributes per span, resource, scope, event, link and log record (SDK: 128). */
  maxAttributes: number;
  /** Events per span (SDK: 128). */
  maxEventsPerSpan: number;
  /** Links per span (SDK: 128). */
  maxLinksPerSpan: number;
  /** Longer attribute keys drop the attribute (counted). */
  maxAttributeKeyLength: number;
  /** Longer strings (values, names, messages) are cut to this many UTF-16 units plus `TRUNCATED_MARKER`. */
  maxAttributeValueLength: number;
  /** AnyValue nesting (arrays in kvlists in arrays...); deeper is hostile and refuses the export. */
  maxAnyValueDepth: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxSpansPerExport: 8192,
  maxValuesPerExport: 262_144,
  maxAttributes: 128,
  maxEventsPerSpan: 128,
  maxLinksPerSpan: 128,
  maxAttributeKeyLength: 256,
  maxAttributeValueLength: 262_144,
  maxAnyValueDepth: 64,
};

/** Appended to a truncated string, so a reader of the stored value sees it was cut. */
export const TRUNCATED_MARKER = "…[truncated]";

/**
 * Refusing a whole export for exceeding a per-export limit: permanent (HTTP 400 /
 * INVALID_ARGUMENT), as retrying the same export cannot succeed; the message says what to lower.
 */
export class ExportLimitError extends DecodeError {
  override name = "ExportLimitError";
}

/** What was dropped or cut while decoding one export (logged; the OTel model's dropped_* counts). */
export interface DecodeStats {
  droppedAttributes: number;
  droppedEvents: number;
  droppedLinks: number;
  truncatedValues: number;
}

/** One export's running counts against its limits. */
export class DecodeBudget {
  readonly stats: DecodeStats = { droppedAttributes: 0, droppedEvents: 0, droppedLinks: 0, truncatedValues: 0 };
  private spans = 0;
  private values = 0;

  constructor(
    readonly limits: DecodeLimits,
    private readonly format: "protobuf" | "JSON",
  ) {}

  /** Called before building a span or log record. */
  span(): void {
    if (++this.spans > this.limits.maxSpansPerExport) {
      throw new ExportLimitError(
        `more than ${this.limits.maxSpansPerExport} spans or log records in one export; send smaller batches (e.g. the SDK's maxExportBatchSize)`,
        this.format,
      );
    }
    this.value();
  }

  /** Called before building any other value; bounds decode memory whatever the shape. */
  value(): void {
    if (++this.values > this.limits.maxValuesPerExport) {
      throw new ExportLimitError(
        `more than ${this.limits.maxValuesPerExport} values (spans, events, links, attributes, array entries) in one export; send smaller batches`,
        this.format,
      );
    }
  }

  depth(depth: number, where: string): void {
    if (depth > this.limits.maxAnyValueDepth) {
      throw new ExportLimitError(`AnyValue nested deeper than ${this.limits.maxAnyValueDepth} levels ${where}`, this.format);
    }
  }

  /** A string within the value length limit, cut and marked when longer. */
  text(s: string): string {
    const max = this.limits.maxAttributeValueLength;
    if (s.length <= max) return s;
    this.stats.truncatedValues++;
    return cut(s, max) + TRUNCATED_MARKER;
  }
}

/** The first `max` UTF-16 units, not splitting a surrogate pair. */
export function cut(s: string, max: number): string {
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function anyDropped(stats: DecodeStats): boolean {
  return stats.droppedAttributes + stats.droppedEvents + stats.droppedLinks + stats.truncatedValues > 0;
}
