import { decodeLogs, decodeMetrics, decodeTraces, type DecodeLimits, type Encoding } from "@/collector/decode";
import { runInSlices } from "@/collector/decode/slices";
import { normalizeLogsSteps, normalizeMetricsSteps, normalizeTracesSteps } from "@/collector/normalize";
import type { WriteBatch } from "@/collector/store/write-batch";
import { RecordKind } from "@/collector/spool/frame";
import { decodeRedactedRows } from "@/collector/spool/redacted-rows";

/** The record kind of an export request as received. */
export function traceKind(encoding: Encoding): RecordKind {
  return encoding === "protobuf" ? RecordKind.TracesProtobuf : RecordKind.TracesJson;
}

export function logsKind(encoding: Encoding): RecordKind {
  return encoding === "protobuf" ? RecordKind.LogsProtobuf : RecordKind.LogsJson;
}

export function metricsKind(encoding: Encoding): RecordKind {
  return encoding === "protobuf" ? RecordKind.MetricsProtobuf : RecordKind.MetricsJson;
}

/**
 * The rows of a record read back from disk (after a restart, or once the in-memory copy was
 * dropped while the database lagged): decoded and normalized exactly as when it was acknowledged,
 * under the decode limits in force now, in time slices like any export.
 */
export async function recordRows(kind: RecordKind, tenantId: string, payload: Uint8Array, limits: DecodeLimits): Promise<WriteBatch> {
  switch (kind) {
    case RecordKind.TracesProtobuf:
    case RecordKind.TracesJson: {
      const { request } = await decodeTraces(kind === RecordKind.TracesProtobuf ? "protobuf" : "json", payload, limits);
      const { spans, auditEvents, graphs, nodeSpecs, scores } = await runInSlices(normalizeTracesSteps(request, tenantId));
      return { spans, auditEvents, graphs, nodeSpecs, scores };
    }
    case RecordKind.LogsProtobuf:
    case RecordKind.LogsJson: {
      const { request } = await decodeLogs(kind === RecordKind.LogsProtobuf ? "protobuf" : "json", payload, limits);
      const { auditEvents, logRecords, scores } = await runInSlices(normalizeLogsSteps(request, tenantId));
      return { spans: [], auditEvents, graphs: [], nodeSpecs: [], logRecords, scores };
    }
    case RecordKind.MetricsProtobuf:
    case RecordKind.MetricsJson: {
      const { request } = await decodeMetrics(kind === RecordKind.MetricsProtobuf ? "protobuf" : "json", payload, limits);
      const { metricSeries, metricPoints } = await runInSlices(normalizeMetricsSteps(request, tenantId));
      return { spans: [], auditEvents: [], graphs: [], nodeSpecs: [], metrics: { series: metricSeries, points: metricPoints } };
    }
    case RecordKind.RedactedRows:
      return decodeRedactedRows(payload);
  }
}
