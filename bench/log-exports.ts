import { SeverityNumber } from "@opentelemetry/api-logs";
import { ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";

/** Runs of bench/codon-exports.ts are this many spans long: the log lines name the same runs. */
const SPANS_PER_RUN = 10;

/**
 * Pre-encoded ExportLogsServiceRequests, one per trace export of bench/codon-exports.ts: an
 * app's log lines (~120-character messages, three attributes, one in ten a warning) naming the
 * runs of that export, made with the real OpenTelemetry logs SDK and serializer.
 */
export function makeLogExports(exports: number, recordsPerExport: number, spansPerExport = 512, firstSpan = 0): Buffer[] {
  const out: Buffer[] = [];
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "bench-agent", "codon.organization.id": "acme" }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("bench_agent.worker", "0.3.0");
  const base = Date.now() - 3_600_000;
  for (let e = 0; e < exports; e++) {
    exporter.reset();
    const exportFirstSpan = firstSpan + e * spansPerExport;
    for (let i = 0; i < recordsPerExport; i++) {
      const spanIndex = exportFirstSpan + Math.floor((i * spansPerExport) / recordsPerExport);
      const warn = i % 10 === 9;
      logger.emit({
        timestamp: base + spanIndex,
        severityNumber: warn ? SeverityNumber.WARN : SeverityNumber.INFO,
        severityText: warn ? "WARN" : "INFO",
        body: `${warn ? "retrying" : "handled"} step ${spanIndex} of bench-run-${Math.floor(spanIndex / SPANS_PER_RUN)}: ${"request processed within budget ".repeat(3)}`.slice(0, 120),
        attributes: { "codon.workload.run_id": `bench-run-${Math.floor(spanIndex / SPANS_PER_RUN)}`, step: spanIndex, "code.function": "handle_step" },
      });
    }
    const bytes = ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords());
    if (!bytes) throw new Error("serializer produced nothing");
    out.push(Buffer.from(bytes));
  }
  return out;
}
