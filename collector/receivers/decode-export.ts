import { createLogger } from "@/lib/runtime/log";
import { decodeLogs, decodeMetrics, decodeTraces, type DecodeLimits, type DecodeStats, type Encoding } from "@/collector/decode";
import type { ExportResult, ExportService } from "@/collector/pipeline/export";
import type { Signal } from "@/collector/receivers/otlp-response";

const log = createLogger("decode");

/** Reserved per byte of an OTLP/JSON body before decoding: the body and its parsed objects. */
const JSON_HELD_PER_BYTE = 3;

function reportLimited(signal: Signal, tenantId: string, stats: DecodeStats): void {
  if (stats.droppedAttributes + stats.droppedEvents + stats.droppedLinks + stats.truncatedValues === 0) return;
  // The OTel model's dropped_*_count has no column here: the operator hears it from the log.
  log.warn("export exceeded item limits; excess dropped or truncated", { signal, tenant: tenantId, ...stats });
}

/** Both receivers: decode a (read, inflated) body under the limits, then the one export path. */
export async function decodeAndExport(
  signal: Signal,
  encoding: Encoding,
  body: Uint8Array,
  tenantId: string,
  exporter: ExportService,
  limits: DecodeLimits,
): Promise<ExportResult> {
  return exporter.receive(async () => {
    // Held from before decoding until the export is answered (stored, or spooled): decoding
    // charges what it builds, and an export that does not fit is refused as retryable.
    // OTLP/JSON is parsed a span at a time (JSON.parse) before the model is built from it: the
    // parsed objects, ~2x the text, are held beside the body until the span is decoded.
    const reservation = exporter.memory.open(tenantId, encoding === "json" ? body.length * JSON_HELD_PER_BYTE : body.length);
    try {
      if (signal === "traces") {
        const { request, stats } = await decodeTraces(encoding, body, limits, reservation);
        reportLimited(signal, tenantId, stats);
        return await exporter.exportTraces(request, tenantId, { encoding, body }, reservation);
      }
      if (signal === "metrics") {
        const { request, stats } = await decodeMetrics(encoding, body, limits, reservation);
        reportLimited(signal, tenantId, stats);
        return await exporter.exportMetrics(request, tenantId, { encoding, body }, reservation);
      }
      const { request, stats } = await decodeLogs(encoding, body, limits, reservation);
      reportLimited(signal, tenantId, stats);
      return await exporter.exportLogs(request, tenantId, { encoding, body }, reservation);
    } finally {
      reservation.release();
    }
  });
}
