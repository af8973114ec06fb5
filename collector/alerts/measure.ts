import { sql, type Kysely, type Selectable } from "kysely";
import type { AlertRulesTable, DB } from "@/lib/db/types";

/** An error rate or p95 over fewer finished runs than this is not judged (the value is null: the rule does not fire). */
export const MIN_FINISHED_RUNS = 5;
const DAY_NS = 86_400_000_000_000n;

/** The rule's scope on runs: its tenant, and its workload and deployment when it names them. */
const runScope = (rule: Selectable<AlertRulesTable>) => sql.join(
  [
    sql`tenant_id = ${rule.tenant_id}`,
    ...(rule.workload_name !== null ? [sql`workload_name = ${rule.workload_name}`] : []),
    ...(rule.deployment_id !== null ? [sql`deployment_id = ${rule.deployment_id}`] : []),
  ],
  sql` and `,
);

/**
 * What the rule's condition measures now: the error rate or p95 duration (ms) of the finished
 * runs that started in its window, the spend of runs started in the last 24 h, or how many
 * deployments' newest version was judged regressed. Null when there is too little to measure.
 */
export async function measureRule(db: Kysely<DB>, rule: Selectable<AlertRulesTable>, nowMs: number): Promise<number | null> {
  const nowNs = BigInt(Math.trunc(nowMs)) * 1_000_000n;
  const fromNs = (rule.condition === "cost_per_day" ? nowNs - DAY_NS : nowNs - BigInt(rule.window_seconds) * 1_000_000_000n).toString();
  if (rule.condition === "version_regressed") {
    const verdictScope = sql.join(
      [
        sql`v.tenant_id = ${rule.tenant_id}`,
        ...(rule.workload_name !== null ? [sql`v.workload_name = ${rule.workload_name}`] : []),
        ...(rule.deployment_id !== null ? [sql`v.deployment_key = ${rule.deployment_id}`] : []),
      ],
      sql` and `,
    );
    // The newest version of a deployment is the one no other verdict there names as its baseline.
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from version_verdicts v
      where ${verdictScope} and v.status = 'regressed'
        and not exists (select 1 from version_verdicts s where s.tenant_id = v.tenant_id and s.workload_name = v.workload_name
          and s.deployment_key = v.deployment_key and s.baseline_logic_id = v.logic_id)`.execute(db);
    return Number(rows[0]!.n);
  }
  const { rows } = await sql<{ finished: string; failed: string; p95_ns: number | string | null; cost: string | null }>`
    select count(*) filter (where status <> 'running')::text as finished, count(*) filter (where status = 'failed')::text as failed,
      percentile_cont(0.95) within group (order by duration_ns) filter (where status <> 'running') as p95_ns,
      sum(cost_usd)::text as cost
    from runs where ${runScope(rule)} and start_time_unix_nano >= ${fromNs}::int8`.execute(db);
  const row = rows[0]!;
  if (rule.condition === "cost_per_day") return Number(row.cost ?? 0);
  const finished = Number(row.finished);
  if (finished < MIN_FINISHED_RUNS) return null;
  if (rule.condition === "error_rate") return Number(row.failed) / finished;
  return row.p95_ns === null ? null : Number(row.p95_ns) / 1e6;
}

/** Whether the measured value breaks the rule. */
export function breaks(rule: Pick<Selectable<AlertRulesTable>, "condition" | "threshold">, value: number | null): boolean {
  if (value === null) return false;
  return rule.condition === "version_regressed" ? value > 0 : value > (rule.threshold ?? Infinity);
}
