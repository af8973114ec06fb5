import { sql, type Kysely, type SqlBool } from "kysely";
import type { DB } from "@/lib/db/types";
import type { LogCursor, LogQuery } from "@/lib/logs/params";
import { LOG_COLUMNS, logFilters, logPage, type LogRow } from "@/lib/logs/queries/log-rows";
import type { LogLine, LogMarks } from "@/lib/logs/types";

/** The run's lines by run id or trace (as listRunLogs), on `l`. */
const ofRun = (tenantId: string, runId: string) =>
  sql<SqlBool>`(l.run_key = ${runId} or l.run_key in (select s.trace_id from spans s where s.tenant_id = ${tenantId} and s.run_id = ${runId} and s.trace_id <> ${runId}))`;

/**
 * Whether the tenant has stored any log record (one primary-key probe). Reading a run's lines
 * reads the trace ids of all its spans; the run page asks for them on every load (timeline
 * marks, the node inspector), so a tenant that sends no logs skips that read.
 */
async function tenantHasLogs(db: Kysely<DB>, tenantId: string): Promise<boolean> {
  const { rows } = await sql`select 1 from log_records where tenant_id = ${tenantId} limit 1`.execute(db);
  return rows.length > 0;
}

/** Marks the timeline draws beside the timeline's spans: at most this many. */
export const MAX_LOG_MARKS = 20_000;

/** Time and level of each of the run's lines that was logged in a span, oldest first, narrow enough to fetch whole. */
export async function runLogMarks(db: Kysely<DB>, tenantId: string, runId: string, limit = MAX_LOG_MARKS): Promise<LogMarks> {
  if (!(await tenantHasLogs(db, tenantId))) return { marks: [], truncated: false };
  const { rows } = await sql<{ trace_id: string; span_id: string; time_unix_nano: string; severity_number: number }>`
    select l.trace_id, l.span_id, l.time_unix_nano, l.severity_number
    from log_records l
    where l.tenant_id = ${tenantId} and ${ofRun(tenantId, runId)} and l.span_id is not null
    order by l.time_unix_nano, l.record_key
    limit ${limit + 1}`.execute(db);
  return {
    marks: rows.slice(0, limit).map((row) => ({ traceId: row.trace_id, spanId: row.span_id, timeUnixNano: String(row.time_unix_nano), severityNumber: row.severity_number })),
    truncated: rows.length > limit,
  };
}

/**
 * A run's log records, oldest first: those that name the run (codon.workload.run_id), and those
 * of any trace the run's spans are in, whichever arrived first (a record logged inside a span
 * usually reaches us before the span ends). Served by log_records_run_idx; the run's trace ids
 * come from spans_run_idx, so a run of many traces costs one index probe per trace.
 */
export async function listRunLogs(db: Kysely<DB>, tenantId: string, runId: string, query: LogQuery): Promise<{ logs: LogLine[]; nextCursor: LogCursor | null }> {
  if (!(await tenantHasLogs(db, tenantId))) return { logs: [], nextCursor: null };
  const filters = [
    ofRun(tenantId, runId),
    ...logFilters(query),
    ...(query.span ? [sql<SqlBool>`l.trace_id = ${query.span.traceId} and l.span_id = ${query.span.spanId}`] : []),
    ...(query.node
      ? [sql<SqlBool>`(l.trace_id, l.span_id) in (select s.trace_id, s.span_id from spans s
          where s.tenant_id = ${tenantId} and s.run_id = ${runId} and (s.node_name = ${query.node} or s.span_id = ${query.node}))`]
      : []),
    ...(query.cursor ? [sql<SqlBool>`(l.time_unix_nano, l.record_key) > (${query.cursor.timeNs}::int8, ${query.cursor.id})`] : []),
  ];
  const { rows } = await sql<LogRow>`
    select ${LOG_COLUMNS}
    from log_records l
    where l.tenant_id = ${tenantId} and ${sql.join(filters, sql` and `)}
    order by l.time_unix_nano, l.record_key
    limit ${query.limit + 1}`.execute(db);
  return logPage(rows, query.limit);
}
