import { handleRead, json, NotFoundError } from "@/lib/http/handler";
import { parseMetricSeriesQuery } from "@/lib/metrics/params";
import { readMetricSeries } from "@/lib/metrics/queries/metric-series";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/series?name=&service=&from=&to=&step=&groupBy=&limit=&cursor=: one metric over a window, per step, grouped. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const query = parseMetricSeriesQuery(url.searchParams);
    const result = await readMetricSeries(readDb, tenantId, query);
    if (result === null) throw new NotFoundError(`No metric named "${query.name}"${query.service !== undefined ? ` in service "${query.service}"` : ""}`);
    return json(result);
  });
}
