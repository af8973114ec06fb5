import { sql, type Kysely, type SqlBool } from "kysely";
import type { DB } from "@/lib/db/types";
import type { LogCursor, ServiceLogQuery } from "@/lib/logs/params";
import { LOG_COLUMNS, logFilters, logPage, type LogRow } from "@/lib/logs/queries/log-rows";
import type { LogLine } from "@/lib/logs/types";

/**
 * A tenant's log records, newest first, by service, time window, level and text: the Logs page,
 * for records that belong to no run (or to look across runs). Walks the primary key (tenant, time,
 * key) backwards from `to` (or the cursor), so a page costs what it reads, not the table.
 */
export async function listServiceLogs(db: Kysely<DB>, tenantId: string, query: ServiceLogQuery): Promise<{ logs: LogLine[]; nextCursor: LogCursor | null }> {
  const filters = [
    ...logFilters(query),
    ...(query.service !== null ? [sql<SqlBool>`l.service_name = ${query.service}`] : []),
    ...(query.withoutRun ? [sql<SqlBool>`l.run_key is null`] : []),
    ...(query.fromNs !== undefined ? [sql<SqlBool>`l.time_unix_nano >= ${query.fromNs.toString()}::int8`] : []),
    ...(query.toNs !== undefined ? [sql<SqlBool>`l.time_unix_nano <= ${query.toNs.toString()}::int8`] : []),
    ...(query.cursor ? [sql<SqlBool>`(l.time_unix_nano, l.record_key) < (${query.cursor.timeNs}::int8, ${query.cursor.id})`] : []),
  ];
  const { rows } = await sql<LogRow>`
    select ${LOG_COLUMNS}
    from log_records l
    where l.tenant_id = ${tenantId}${filters.length ? sql` and ${sql.join(filters, sql` and `)}` : sql``}
    order by l.time_unix_nano desc, l.record_key desc
    limit ${query.limit + 1}`.execute(db);
  return logPage(rows, query.limit);
}
