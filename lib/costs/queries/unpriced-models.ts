import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { UnpricedModel } from "@/lib/costs/types";
import { nsToIso } from "@/lib/runs/run-view";

/** Models listed at most, most tokens first: model names come from senders, and a hostile one can send a new name on every span. */
export const MAX_UNPRICED_MODELS = 1_000;

/** Models that used tokens but have no price (served by spans_unpriced_idx); most tokens first, at most `limit`. */
export async function listUnpricedModels(db: Kysely<DB>, tenantId: string, limit = MAX_UNPRICED_MODELS): Promise<UnpricedModel[]> {
  const { rows } = await sql<{
    vendor: string | null;
    model: string;
    input_tokens: string;
    output_tokens: string;
    span_count: string;
    run_count: string;
    last_seen: string;
  }>`
    select s.model_vendor as vendor, s.model_name as model,
      coalesce(sum(s.input_tokens) filter (where s.counts_usage), 0) as input_tokens,
      coalesce(sum(s.output_tokens) filter (where s.counts_usage), 0) as output_tokens,
      count(*) as span_count, count(distinct s.run_id) as run_count, max(s.start_time_unix_nano) as last_seen
    from spans s
    where s.tenant_id = ${tenantId} and s.cost_usd is null and s.model_name is not null
      and (coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0) + coalesce(s.cache_read_tokens, 0) + coalesce(s.cache_write_tokens, 0)) > 0
    group by s.model_vendor, s.model_name
    order by sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0)) desc, s.model_name
    limit ${limit}`.execute(db);
  return rows.map((row) => ({
    vendor: row.vendor,
    model: row.model,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    spanCount: Number(row.span_count),
    runCount: Number(row.run_count),
    lastSeen: nsToIso(row.last_seen),
  }));
}
