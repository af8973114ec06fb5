import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";
import { keyOf, type SpanKey } from "@/collector/testing/span-source";

/** What an exporter hands its callback; taken from SpanExporter so @opentelemetry/core need not be a dependency. */
export type ExportResult = Parameters<Parameters<SpanExporter["export"]>[1]>[0];
/** ExportResultCode.SUCCESS; anything else is FAILED. */
const SUCCESS = 0;

type Outcome = "pending" | "acked" | "givenUp";

/**
 * What the exporters said about every span sent: acknowledged (SUCCESS) or given up (FAILED,
 * after the exporter's own retries), by span id, with how long acknowledgements took.
 */
export class ExportLedger {
  private readonly outcomes = new Map<SpanKey, Outcome>();
  private readonly ackMs: number[] = [];
  private readonly reasons = new Map<string, number>();

  /** Records `spans` as sent now; call the returned function with the exporter's result. */
  sent(spans: readonly ReadableSpan[]): (result: ExportResult) => void {
    const keys = spans.map(keyOf);
    for (const key of keys) {
      if (this.outcomes.has(key)) throw new Error(`span ${key} sent twice: the span source reused an id`);
      this.outcomes.set(key, "pending");
    }
    const started = performance.now();
    return (result) => {
      const outcome: Outcome = result.code === SUCCESS ? "acked" : "givenUp";
      for (const key of keys) this.outcomes.set(key, outcome);
      if (outcome === "acked") this.ackMs.push(performance.now() - started);
      else {
        // The first line is enough to tell a refused connection from a timeout or a 503.
        const reason = (result.error?.message ?? "no error given").split("\n")[0]!.slice(0, 120);
        this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + keys.length);
      }
    };
  }

  private keys(outcome: Outcome): SpanKey[] {
    return [...this.outcomes].filter(([, value]) => value === outcome).map(([key]) => key);
  }

  get sentCount(): number {
    return this.outcomes.size;
  }

  acked(): SpanKey[] {
    return this.keys("acked");
  }

  givenUp(): SpanKey[] {
    return this.keys("givenUp");
  }

  pending(): number {
    return this.keys("pending").length;
  }

  /** Acknowledgement time of an export, at percentile p (0-100), in ms; NaN before any. */
  ackPercentile(p: number): number {
    const sorted = [...this.ackMs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  }

  /** Why spans were given up, most spans first: `reason: spans`. */
  reasonsGivenUp(): string[] {
    return [...this.reasons].sort((a, b) => b[1] - a[1]).map(([reason, spans]) => `${reason}: ${spans}`);
  }
}
