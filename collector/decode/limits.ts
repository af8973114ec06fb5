import { DecodeError } from "@/collector/decode/model";
import { DEFAULT_OTLP_LIMITS, type OtlpLimits } from "@/lib/runtime/config";

/**
 * What one export request may hold, enforced while decoding so hostile input is refused before
 * it is built (an 8M-empty-span protobuf is 16 MB on the wire but gigabytes as objects).
 * Per-item limits follow the OTel SDK's span limits: attributes, events and links past the
 * limit are dropped and counted, strings longer than the value length limit are cut to it (in
 * UTF-16 units, as the JS SDK measures) plus `TRUNCATED_MARKER`, and an attribute whose key is
 * longer than the key length limit is dropped. Per-export limits (spans or log records, values
 * built in all, AnyValue nesting) refuse the export whole (see `ExportLimitError`).
 */
export type DecodeLimits = OtlpLimits;

export const DEFAULT_DECODE_LIMITS: DecodeLimits = DEFAULT_OTLP_LIMITS;

/** Appended to a truncated string, so a reader of the stored value sees it was cut. */
export const TRUNCATED_MARKER = "…[truncated]";

/**
 * A whole export refused for exceeding a per-export limit: permanent (HTTP 400 /
 * INVALID_ARGUMENT), as retrying the same export cannot succeed; the message says what to lower.
 * Not partial success: keeping the first N spans would mean decoding (or at least walking) the
 * rest to say how many were refused, which is the work the limit exists to avoid, and would
 * store an arbitrary cut of the sender's batch.
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

/** Where decoding reports the memory it builds (collector/pipeline/ingest-memory.ts); `charge` throws to stop an export that does not fit. */
export interface MemoryMeter {
  charge(bytes: number): void;
}

// Estimated bytes per span and per other value, with the decoded request and its normalized
// rows both alive (measured with forced GC: ~2,150 B for a minimal span, 60–400 B per attribute
// value): above every shape measured, so the estimate bounds rather than guesses.
export const SPAN_BYTES = 2560;
export const VALUE_BYTES = 160;
/** Entries one number array of a data point may have: SDKs send at most 2 × 160 buckets; past this one array alone would stall decoding. */
export const MAX_ARRAY_ENTRIES = 8192;
/** Bucket counts and bounds cost one budget value per this many entries. */
export const ENTRIES_PER_VALUE = 8;
/** Charges go to the meter in steps of this much, not per value. */
const CHARGE_STEP_BYTES = 64 * 1024;

/** One export's running counts against its limits. */
export class DecodeBudget {
  readonly stats: DecodeStats = { droppedAttributes: 0, droppedEvents: 0, droppedLinks: 0, truncatedValues: 0 };
  private spans = 0;
  private values = 0;
  private uncharged = 0;

  constructor(
    readonly limits: DecodeLimits,
    private readonly format: "protobuf" | "JSON",
    private readonly meter: MemoryMeter | null = null,
  ) {}

  /** Reports what is built but not yet charged; called once decoding ends. */
  settle(): void {
    if (this.uncharged > 0) this.meter?.charge(this.uncharged);
    this.uncharged = 0;
  }

  private built(bytes: number): void {
    if (this.meter === null) return;
    this.uncharged += bytes;
    if (this.uncharged >= CHARGE_STEP_BYTES) this.settle();
  }

  /** Called before building a span, log record, metric or metric data point. */
  span(): void {
    if (++this.spans > this.limits.maxSpansPerExport) {
      throw new ExportLimitError(
        `more than ${this.limits.maxSpansPerExport} spans, log records or metric data points (each metric counts too) in one export; send smaller batches (e.g. the SDK's maxExportBatchSize)`,
        this.format,
      );
    }
    this.value();
    this.built(SPAN_BYTES - VALUE_BYTES);
  }

  /** Called before building any other value; bounds decode memory whatever the shape. */
  value(): void {
    if (++this.values > this.limits.maxValuesPerExport) {
      throw new ExportLimitError(
        `more than ${this.limits.maxValuesPerExport} values (spans, events, links, attributes, array entries) in one export; send smaller batches`,
        this.format,
      );
    }
    this.built(VALUE_BYTES);
  }

  /** Called before building entry `index` of a data point's number array (histogram buckets, bounds). */
  arrayEntry(index: number): void {
    if (index >= MAX_ARRAY_ENTRIES) {
      throw new ExportLimitError(`a metric data point holds more than ${MAX_ARRAY_ENTRIES} bucket counts or bounds`, this.format);
    }
    // Per 8 entries, not per entry: 8 numbers take 64 B (128 B with an array's spare capacity),
    // within what a value is budgeted, while charging each would refuse real exports of
    // exponential histograms (up to 2 × 160 buckets per point) long before memory is at risk.
    if (index % ENTRIES_PER_VALUE === 0) this.value();
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
