/**
 * Seeds `runs × spansPerRun` spans shaped like Codon telemetry straight into the tables with
 * INSERT ... SELECT over generated run numbers (a few large statements, nothing row by row from
 * JS), then derives each run's aggregate with the collector's own `recomputeRuns` statement so
 * span_count, tokens, cost, times and status match the spans by construction.
 */
import { sql, type Kysely } from "kysely";
import { recomputeRuns } from "@/collector/store/run-aggregates";
import { recomputeRunModels } from "@/collector/store/run-models";
import { recomputeRunNodes } from "@/collector/store/run-nodes";
import type { DB } from "@/lib/db/types";
import { DEPLOYMENTS, EDGES, NODES, runId, VERSIONS_PER_WORKLOAD, WORKLOADS, workflowSlots } from "@/bench/queries/workflow";

const TENANT = "default";
const DAY_NS = 86_400_000_000_000n;
/** Runs per statement: ~50k spans, big enough to amortize, small enough for PGlite's memory. */
const CHUNK = 2_500;
const FILLER =
  "The customer reports that the nightly export fails intermittently when the batch exceeds ten thousand rows; " +
  "logs show a timeout from the storage API after retries, and the dashboard still marks the job as successful. ";
const ERRORS = ["upstream timeout after 30s", "RateLimitError: 429 Too Many Requests", 'ValidationError: missing field "answer"', "ToolError: search returned 503"];

export interface SeedOptions {
  runs: number;
  spansPerRun: number;
  /** Days the runs are spread over, ending now (default 14). */
  days?: number;
  log(message: string): void;
}

// Per-run values derived from the run number i (the newest runs have the highest i).
const RUN_CTE = (ids: string[], numbers: string[], runs: number, baseNs: bigint, stepNs: bigint) => sql`
  u as (
    select u.run_id, u.i, (u.i % ${WORKLOADS.length})::int as wl,
      -- Three logic versions rolled out over time; every 13th run still on the previous one.
      greatest(0, least(${VERSIONS_PER_WORKLOAD - 1}, (${VERSIONS_PER_WORKLOAD} * u.i / ${runs})::int) - (u.i % 13 = 0)::int) as ver
    from unnest(${ids}::text[], ${numbers}::int8[]) as u(run_id, i)
  ),
  r as (
    select u.*, (${WORKLOADS}::text[])[wl + 1] as wname,
      '0.' || (ver + 1) || '.' || (wl % 4) as version,
      md5((${WORKLOADS}::text[])[wl + 1] || '@' || ver) || md5(ver || '@' || (${WORKLOADS}::text[])[wl + 1]) as logic,
      (${DEPLOYMENTS}::text[])[(u.i / 7) % 3 + 1] as dep,
      ${baseNs.toString()}::int8 + u.i * ${stepNs.toString()}::int8 + (u.i * 7919) % 1000000 as start_ns,
      4 + u.i % 5 as m,
      u.i % 20 = 7 as failed,
      u.i % 20 <> 7 and u.i >= ${runs - Math.ceil(runs / 50)} as running,
      (${ERRORS}::text[])[(u.i / 20) % 4 + 1] as err,
      wl % 2 = 0 as openai
    from u
  )`;

const SLOT_COLUMNS = sql.raw(
  "slot int, act int, node text, role text, llm bool, parent_slot int, children int, prev_node text, next_node text, off_us int8, dur_us int8, last bool",
);

export async function seed(db: Kysely<DB>, options: SeedOptions): Promise<void> {
  const slots = JSON.stringify(workflowSlots(options.spansPerRun));
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const days = BigInt(options.days ?? 14);
  const baseNs = nowNs - days * DAY_NS;
  const stepNs = (days * DAY_NS) / BigInt(options.runs);
  for (let lo = 0; lo < options.runs; lo += CHUNK) {
    const numbers = Array.from({ length: Math.min(CHUNK, options.runs - lo) }, (_, k) => lo + k);
    const ids = numbers.map(runId);
    const cte = RUN_CTE(ids, numbers.map(String), options.runs, baseNs, stepNs);
    await insertSpans(db, cte, slots);
    await insertAuditEvents(db, cte, slots);
    // idle cutoff 0: status comes from errors and the ledger only (the newest 2% stay running).
    await recomputeRuns(db, TENANT, ids, 0n);
    await recomputeRunNodes(db, TENANT, ids);
    await recomputeRunModels(db, TENANT, ids);
    if ((lo / CHUNK) % 4 === 3 || lo + CHUNK >= options.runs) options.log(`  ${Math.min(lo + CHUNK, options.runs)} runs seeded`);
  }
  await insertVersionsAndSpecs(db);
  await sql`analyze`.execute(db);
}

async function insertSpans(db: Kysely<DB>, cte: ReturnType<typeof RUN_CTE>, slots: string): Promise<void> {
  await sql`
    with ${cte},
    s as (select * from jsonb_to_recordset(${slots}::text::jsonb) as s(${SLOT_COLUMNS}))
    insert into spans (tenant_id, trace_id, span_id, parent_span_id, run_id, name, kind, start_time_unix_nano,
      end_time_unix_nano, duration_ns, status_code, status_message, service_name, scope_name, scope_version,
      workload_id, workload_name, workload_version, workload_logic_id, deployment_id, node_name, node_role,
      nodespec_id, model_vendor, model_name, input_tokens, output_tokens, total_tokens, cost_usd, counts_usage,
      input_text, output_text, attributes, resource_attributes)
    select ${TENANT}, md5(r.run_id || ':' || s.act), left(md5(r.run_id || '/' || s.slot), 16),
      case when s.llm then left(md5(r.run_id || '/' || s.parent_slot), 16) end,
      r.run_id, case when s.llm then 'agent.llm' else 'codon.node.' || s.node end, case when s.llm then 3 else 1 end,
      t.t0, t.t0 + t.d, t.d,
      case when t.is_error then 'error' when s.llm then 'unset' else 'ok' end, case when t.is_error then r.err end,
      r.wname, 'codon_sdk', '0.4.2', r.wname || ':' || r.version, r.wname, r.version, r.logic, r.dep,
      case when not s.llm then s.node end, case when not s.llm then s.role end, t.nodespec,
      case when k.tin is not null then k.vendor end, case when k.tin is not null then k.model end,
      k.tin, k.tout, k.tin + k.tout, k.cost, not s.llm, x.input, x.output,
      case when s.llm then jsonb_build_object(
          'codon.workload.run_id', r.run_id, 'codon.nodespec.id', t.nodespec, 'codon.model.vendor', k.vendor,
          'codon.model.id', k.model, 'gen_ai.request.model', k.model, 'gen_ai.usage.input_tokens', k.tin,
          'gen_ai.usage.output_tokens', k.tout, 'gen_ai.usage.cost', k.cost::text,
          'gen_ai.input.messages', x.input, 'gen_ai.output.messages', x.output)
        else jsonb_build_object(
          'codon.workload.run_id', r.run_id, 'codon.workload.id', r.wname || ':' || r.version,
          'codon.workload.name', r.wname, 'codon.workload.version', r.version, 'codon.workload.logic_id', r.logic,
          'codon.workload.deployment_id', r.dep, 'codon.nodespec.id', t.nodespec, 'codon.nodespec.name', s.node,
          'codon.nodespec.role', s.role, 'codon.nodespec.version', '0.1.0', 'codon.node.input', x.input,
          'codon.node.output', x.output, 'codon.node.latency_ms', t.d / 1000000,
          'codon.node.status_code', case when t.is_error then 'ERROR' else 'OK' end)
          || case when k.tin is not null then jsonb_build_object('codon.tokens.input', k.tin, 'codon.tokens.output', k.tout,
               'codon.tokens.total', k.tin + k.tout, 'codon.model.vendor', k.vendor, 'codon.model.id', k.model) else '{}' end
          || case when t.is_error then jsonb_build_object('codon.node.error_message', r.err) else '{}' end
      end,
      jsonb_build_object('service.name', r.wname, 'service.version', r.version, 'codon.organization.id', 'acme',
        'org.namespace', 'acme', 'deployment.environment', r.dep, 'telemetry.sdk.name', 'opentelemetry',
        'telemetry.sdk.language', 'python', 'telemetry.sdk.version', '1.27.0')
    from r cross join s
    cross join lateral (select r.start_ns + s.off_us * 250 * r.m as t0, s.dur_us * 250 * r.m as d,
      r.failed and s.last as is_error,
      md5(r.wname || '#' || s.node) || md5(s.node || '#' || r.wname) as nodespec) t
    -- A node's usage is the sum of its calls (calls count_usage false), so every call of an activation gets the same figures.
    cross join lateral (select tin, tout,
      (tin * case when r.openai then 0.00000015 else 0.000003 end + tout * case when r.openai then 0.0000006 else 0.000015 end)::numeric(20, 10) as cost,
      case when r.openai then 'openai' else 'anthropic' end as vendor,
      case when r.openai then 'gpt-4o-mini-2024-07-18' else 'claude-3-5-sonnet-20241022' end as model
      from (select case when s.llm then 1 when s.role = 'llm' and s.children > 0 then s.children end as n) c,
      lateral (select c.n * (600 + (r.i * 7919 + s.act * 104729) % 700) as tin, c.n * (60 + (r.i * 31 + s.act * 17) % 240) as tout) v) k
    cross join lateral (select
      case when s.llm then 'system: You are the ' || s.node || ' step of ' || r.wname || '. user: ' else 'Ticket ' || r.i || ' / ' || s.node || ' #' || s.act || ': ' end
        || substr(${FILLER}, 1 + (r.i % 97)::int, 170) as input,
      case when s.llm then 'assistant: ' else s.node || ' result for ticket ' || r.i || ': ' end
        || substr(${FILLER}, 1 + ((r.i + s.slot) % 89)::int, 180) as output) x
    where not (r.running and s.last)`.execute(db);
}

/** token_enqueued / token_dequeued / node_completed (or node_failed) per activation; a running run's last token is not dequeued yet. */
async function insertAuditEvents(db: Kysely<DB>, cte: ReturnType<typeof RUN_CTE>, slots: string): Promise<void> {
  await sql`
    with ${cte},
    s as (select * from jsonb_to_recordset(${slots}::text::jsonb) as s(${SLOT_COLUMNS}) where not s.llm)
    insert into audit_events (tenant_id, run_id, dedupe_key, time_unix_nano, event_type, token_id, parent_token_id,
      source_node, target_node, lineage, metadata, trace_id, span_id)
    select ${TENANT}, r.run_id, md5(r.run_id || ':' || s.act || ':' || e.k),
      case e.k when 0 then t.t0 - 2000000 when 1 then t.t0 - 1000000 else t.t0 + s.dur_us * 250 * r.m end,
      case e.k when 0 then 'token_enqueued' when 1 then 'token_dequeued'
        else case when r.failed and s.last then 'node_failed' else 'node_completed' end end,
      t.token, t.parent,
      case when e.k = 2 then s.node else s.prev_node end,
      case when e.k = 2 then s.next_node else s.node end,
      case when t.parent is null then '[]'::jsonb else jsonb_build_array(t.parent) end,
      jsonb_build_object('step', s.act, 'attempt', 1)
        || case when e.k = 2 and r.failed and s.last then jsonb_build_object('error', r.err) else '{}' end,
      md5(r.run_id || ':' || s.act), left(md5(r.run_id || '/' || s.slot), 16)
    from r cross join s cross join generate_series(0, 2) as e(k)
    cross join lateral (select r.start_ns + s.off_us * 250 * r.m as t0,
      'tok_' || left(md5(r.run_id || ':tok:' || s.act), 16) as token,
      case when s.act > 0 then 'tok_' || left(md5(r.run_id || ':tok:' || (s.act - 1)), 16) end as parent) t
    where not (r.running and s.last and e.k > 0)`.execute(db);
}

/** workload_versions from the runs (as the collector's recomputeVersions does) with the static graph; node_specs per workload. */
async function insertVersionsAndSpecs(db: Kysely<DB>): Promise<void> {
  const nodes = JSON.stringify(NODES.map((n, ord) => ({ ...n, ord })));
  const nodespec = sql.raw("md5(w || '#' || n.name) || md5(n.name || '#' || w)");
  await sql`
    insert into workload_versions (tenant_id, workload_name, logic_id, workload_id, version,
      first_seen_unix_nano, last_seen_unix_nano, run_count, graph)
    select r.tenant_id, r.workload_name, r.workload_logic_id,
      (array_agg(r.workload_id order by r.start_time_unix_nano desc))[1],
      (array_agg(r.workload_version order by r.start_time_unix_nano desc))[1],
      min(r.start_time_unix_nano), max(r.end_time_unix_nano), count(*)::int,
      jsonb_build_object(
        'nodes', (select jsonb_agg(jsonb_build_object('name', n.name, 'role', n.role, 'nodespecId', ${nodespec}) order by n.ord)
                  from (select r.workload_name as w) g, jsonb_to_recordset(${nodes}::text::jsonb) as n(name text, role text, ord int)),
        'edges', ${JSON.stringify(EDGES)}::text::jsonb)
    from runs r where r.tenant_id = ${TENANT}
    group by r.tenant_id, r.workload_name, r.workload_logic_id`.execute(db);
  await sql`
    insert into node_specs (tenant_id, nodespec_id, name, role, spec_version, org_namespace, callable_signature,
      input_schema, output_schema, model_name, model_version)
    select ${TENANT}, ${nodespec}, n.name, n.role, '0.1.0', 'acme',
      n.name || '(message: Dict[str, Any], *, runtime, context)',
      '{"message": "typing.Dict[str, typing.Any]", "context": "typing.Optional[typing.Dict[str, typing.Any]]"}',
      '{"result": "typing.Dict[str, typing.Any]"}',
      case when n.role = 'llm' then 'gpt-4o-mini' end, case when n.role = 'llm' then '2024-07-18' end
    from unnest(${WORKLOADS}::text[]) as w, jsonb_to_recordset(${nodes}::text::jsonb) as n(name text, role text, ord int)`.execute(db);
}

export async function rowCounts(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ spans: string; runs: string; audit: string; versions: string; specs: string; failed: string; running: string }>`
    select (select count(*) from spans) as spans, (select count(*) from runs) as runs,
      (select count(*) from audit_events) as audit, (select count(*) from workload_versions) as versions,
      (select count(*) from node_specs) as specs,
      (select count(*) from runs where status = 'failed') as failed, (select count(*) from runs where status = 'running') as running`.execute(db);
  const c = rows[0]!;
  const n = (v: string) => Number(v).toLocaleString("en-US");
  return `${n(c.spans)} spans, ${n(c.runs)} runs (${n(c.failed)} failed, ${n(c.running)} running), ${n(c.audit)} audit events, ${n(c.versions)} workload versions, ${n(c.specs)} node specs`;
}
