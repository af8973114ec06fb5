import { appendAccessEntry } from "@/lib/access-log/append";
import type { AccessLogPage } from "@/lib/access-log/entry";
import { toCsv, toJsonLines } from "@/lib/access-log/export-format";
import { ACCESS_LOG_EXPORT_MAX, encodeAccessLogCursor, parseAccessLogParams } from "@/lib/access-log/params";
import { listAccessLog } from "@/lib/access-log/queries/access-log";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, json } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/access-log[?action=&actor=&outcome=&from=&to=&limit=&cursor=]: the tenant's access
 * log, newest first. `format=csv|jsonl` downloads up to 10,000 matching entries instead
 * (`x-codon-truncated: true` when more matched), and the download is itself recorded. Needs `admin`.
 */
export function GET(request: Request): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal, url }) => {
      const query = parseAccessLogParams(url.searchParams);
      if (query.format === "json") {
        const { entries, more } = await listAccessLog(db, tenantId, query);
        const last = entries.at(-1);
        return json({ entries, nextCursor: more && last ? encodeAccessLogCursor(last.seq) : null } satisfies AccessLogPage);
      }
      const { entries, more } = await listAccessLog(db, tenantId, { ...query, limit: ACCESS_LOG_EXPORT_MAX });
      const filters = { action: query.action ?? null, actor: query.actor ?? null, outcome: query.outcome ?? null, from: query.from?.toISOString() ?? null, to: query.to?.toISOString() ?? null };
      await appendAccessEntry(db, { tenantId, action: "access_log.export", outcome: "ok", ...accessContextOf(request, principal), details: { format: query.format, entries: entries.length, truncated: more, ...filters } });
      const csv = query.format === "csv";
      return new Response(csv ? toCsv(entries) : toJsonLines(entries), {
        headers: {
          "content-type": csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
          "content-disposition": `attachment; filename="access-log-${tenantId}.${query.format}"`,
          "x-codon-truncated": String(more),
          "cache-control": "no-store",
        },
      });
    },
    // A refused download is recorded as the download it was (a refused page as request.denied).
    { scope: "admin", refusedAs: (url) => (isDownload(url) ? "access_log.export" : "request.denied") },
  );
}

const isDownload = (url: URL) => ["csv", "jsonl"].includes(url.searchParams.get("format") ?? "");
