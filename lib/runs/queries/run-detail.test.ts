import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { parseRunListParams } from "@/lib/runs/list-params";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { listRuns, previousRunId, runFilterOptions } from "@/lib/runs/queries/run-list";
import { getRunNode, listRunLedger, listRunSpans } from "@/lib/runs/queries/run-spans";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const LOGIC = "c".repeat(64);
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();

function nodeSpan(runId: string, node: string, i: number, extra: Partial<NewSpan> = {}): NewSpan {
  return makeSpan({
    trace_id: `${String(i).padStart(8, "0")}${"0".repeat(24)}`,
    span_id: String(i + 1).padStart(16, "0"),
    run_id: runId,
    name: `codon.node.${node}`,
    node_name: node,
    node_role: node === "call_model" ? "llm" : "step",
    nodespec_id: `${node}-spec`,
    workload_name: "qa",
    workload_version: "0.1.0",
    workload_logic_id: LOGIC,
    deployment_id: "local",
    start_time_unix_nano: at(i * 100),
    end_time_unix_nano: at(i * 100 + 50),
    duration_ns: (50n * MS).toString(),
    ...extra,
  });
}

function event(runId: string, type: string, i: number, source: string, target: string | null, token: string): NewAuditEvent {
  return {
    tenant_id: "default",
    run_id: runId,
    dedupe_key: `${type}-${i}`,
    time_unix_nano: at(i * 10),
    event_type: type,
    token_id: token,
    source_node: source,
    target_node: target,
    lineage: target ? [target] : [],
    metadata: { step: i },
  };
}

describe.each(testBackends())("run detail queries on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    const kysely = db();
    await kysely.insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    // 30 runs over two workloads, three deployments; every fifth failed.
    await kysely
      .insertInto("runs")
      .values(
        Array.from({ length: 30 }, (_, i) =>
          makeRun({
            run_id: `run-${String(i).padStart(2, "0")}`,
            workload_name: i % 2 ? "writer" : "qa",
            workload_version: i < 15 ? "0.1.0" : "0.2.0",
            workload_logic_id: i < 15 ? LOGIC : "d".repeat(64),
            deployment_id: ["local", "prod", "staging"][i % 3],
            status: i % 5 === 0 ? "failed" : "completed",
            // Two runs share each start time: the cursor must break the tie by run id.
            start_time_unix_nano: at(Math.floor(i / 2) * 1000),
            end_time_unix_nano: at(Math.floor(i / 2) * 1000 + 500),
            duration_ns: (500n * MS).toString(),
          }),
        ),
      )
      .execute();
    await kysely.insertInto("runs").values(makeRun({ tenant_id: "other", run_id: "theirs", workload_name: "qa" })).execute();

    // run-00 in detail: three nodes, call_model's LLM call inside it, a failure, a ledger.
    await kysely
      .insertInto("spans")
      .values([
        nodeSpan("run-00", "prompt_builder", 0, { input_text: '{"q": 1}', output_text: '{"p": 1}' }),
        nodeSpan("run-00", "call_model", 1, { input_tokens: "120", output_tokens: "30", total_tokens: "150", cost_usd: "0.0012" }),
        nodeSpan("run-00", "", 2, {
          node_name: null,
          name: "agent.llm",
          nodespec_id: "call_model-spec",
          parent_span_id: null,
          start_time_unix_nano: at(110),
          end_time_unix_nano: at(140),
          input_tokens: "120",
          output_tokens: "30",
          counts_usage: false,
        }),
        nodeSpan("run-00", "finalize", 3, { status_code: "error", status_message: "finalize exploded" }),
        nodeSpan("run-00", "call_model", 4, { input_tokens: "10", output_tokens: "5", cost_usd: "0.0001" }),
      ])
      .execute();
    await kysely
      .insertInto("audit_events")
      .values([
        event("run-00", "token_enqueued", 0, "__entry__", "prompt_builder", "t1"),
        event("run-00", "token_enqueued", 1, "prompt_builder", "call_model", "t2"),
        event("run-00", "token_enqueued", 2, "call_model", "finalize", "t3"),
        event("run-00", "token_enqueued", 3, "finalize", "call_model", "t4"),
        event("run-00", "node_failed", 4, "finalize", null, "t3"),
      ])
      .execute();
    await kysely
      .insertInto("workload_versions")
      .values({
        tenant_id: "default",
        workload_name: "qa",
        logic_id: LOGIC,
        version: "0.1.0",
        first_seen_unix_nano: at(0),
        last_seen_unix_nano: at(1),
        graph: {
          nodes: [
            { name: "prompt_builder", role: "step", nodespecId: "prompt_builder-spec" },
            { name: "fact_checker", role: "check", nodespecId: "fact_checker-spec" },
          ],
          edges: [{ source: "call_model", target: "fact_checker" }],
        },
      })
      .execute();
    await kysely
      .insertInto("node_specs")
      .values({ tenant_id: "default", nodespec_id: "call_model-spec", name: "call_model", role: "llm", callable_signature: "call_model(message)", model_name: "gpt-4o-mini" })
      .execute();

    // run-01: a generic trace, each span a node.
    await kysely
      .insertInto("spans")
      .values([
        makeSpan({ run_id: "run-01", trace_id: "t".repeat(32), span_id: "a".repeat(16), name: "invoke_agent", start_time_unix_nano: at(0), end_time_unix_nano: at(100), duration_ns: (100n * MS).toString() }),
        makeSpan({ run_id: "run-01", trace_id: "t".repeat(32), span_id: "b".repeat(16), parent_span_id: "a".repeat(16), name: "chat", start_time_unix_nano: at(10), end_time_unix_nano: at(60), duration_ns: (50n * MS).toString(), status_code: "error" }),
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const list = (query: string) => listRuns(db(), "default", parseRunListParams(new URLSearchParams(query)));

  it("pages through every run exactly once, newest first, ties broken by run id", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.runs.map((run) => run.runId));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: 30 }, (_, i) => `run-${String(29 - i).padStart(2, "0")}`);
    expect(seen).toEqual(expected);
  });

  it("filters by workload, version, logic id prefix, deployment, status, time and run id", async () => {
    const ids = async (query: string) => (await list(`${query}&limit=100`)).runs.map((run) => run.runId).sort();
    expect(await ids("workload=writer")).toHaveLength(15);
    expect(await ids("workload=qa&version=0.2.0")).toEqual(["run-16", "run-18", "run-20", "run-22", "run-24", "run-26", "run-28"]);
    expect(await ids("logicId=dddd")).toHaveLength(15);
    expect(await ids(`logicId=${LOGIC}&deployment=prod`)).toEqual(["run-01", "run-04", "run-07", "run-10", "run-13"]);
    expect(await ids("status=failed")).toEqual(["run-00", "run-05", "run-10", "run-15", "run-20", "run-25"]);
    expect(await ids(`from=${Number(T0 / MS) + 13_000}&to=${Number(T0 / MS) + 14_000}`)).toEqual(["run-26", "run-27", "run-28", "run-29"]);
    expect(await ids("q=run-0")).toHaveLength(10);
    expect(await ids("q=theirs")).toEqual([]);
  });

  it("returns the API's run fields with exact figures", async () => {
    const run = (await list("q=run-00")).runs[0]!;
    expect(run).toMatchObject({ runId: "run-00", workloadName: "qa", workloadVersion: "0.1.0", logicId: LOGIC, deploymentId: "local", status: "failed", durationMs: 500, startTime: "2024-11-21T11:53:20.000Z" });
  });

  it("finds the previous run of the same workload and the filter options", async () => {
    expect(await previousRunId(db(), "default", "qa", at(2000), "run-04")).toBe("run-02");
    expect(await previousRunId(db(), "default", "qa", at(0), "run-00")).toBeNull();
    const options = await runFilterOptions(db(), "default");
    expect(options.deployments).toEqual(["local", "prod", "staging"]);
    expect(options.workloads).toEqual(["qa"]);
  });

  it("builds a workflow run's DAG: ledger edges, static nodes that did not fire, folded usage, failures", async () => {
    const dag = (await getRunDag(db(), "default", "run-00"))!;
    expect(dag.run.runId).toBe("run-00");
    const byId = Object.fromEntries(dag.nodes.map((node) => [node.id, node]));
    expect(Object.keys(byId).sort()).toEqual(["call_model", "fact_checker", "finalize", "prompt_builder"]);
    expect(byId.call_model).toMatchObject({ activations: 2, inputTokens: 130, outputTokens: 35, status: "completed", role: "llm", durationMs: 100 });
    expect(byId.call_model!.costUsd).toBeCloseTo(0.0013, 10);
    expect(byId.finalize).toMatchObject({ status: "failed", errorMessage: "finalize exploded" });
    expect(byId.fact_checker).toMatchObject({ status: "not_run", activations: 0 });
    expect(dag.edges).toEqual(
      expect.arrayContaining([
        { source: "prompt_builder", target: "call_model", kind: "ledger", count: 1 },
        { source: "finalize", target: "call_model", kind: "ledger", count: 1 },
        { source: "call_model", target: "fact_checker", kind: "definition", count: 0 },
      ]),
    );
    expect(dag.edges).toHaveLength(4);
  });

  it("builds a generic trace's DAG from span parents", async () => {
    const dag = (await getRunDag(db(), "default", "run-01"))!;
    expect(dag.nodes.map((node) => [node.name, node.status])).toEqual([
      ["invoke_agent", "completed"],
      ["chat", "failed"],
    ]);
    expect(dag.edges).toEqual([{ source: "a".repeat(16), target: "b".repeat(16), kind: "parent", count: 1 }]);
  });

  it("does not show another tenant's run", async () => {
    expect(await getRunDag(db(), "default", "theirs")).toBeNull();
    expect(await getRunDag(db(), "default", "missing")).toBeNull();
  });

  it("pages a run's spans in start order, summary or full, optionally for one node", async () => {
    const first = await listRunSpans(db(), "default", "run-00", { full: false, limit: 2, cursor: null });
    expect(first.spans.map((span) => span.name)).toEqual(["codon.node.prompt_builder", "codon.node.call_model"]);
    expect(first.spans[0]).not.toHaveProperty("attributes");
    const second = await listRunSpans(db(), "default", "run-00", { full: true, limit: 10, cursor: first.nextCursor });
    expect(second.spans.map((span) => span.name)).toEqual(["agent.llm", "codon.node.finalize", "codon.node.call_model"]);
    expect(second.nextCursor).toBeNull();
    expect(second.spans[1]).toMatchObject({ status: "error", statusMessage: "finalize exploded", attributes: {} });
    const node = await listRunSpans(db(), "default", "run-00", { full: false, limit: 10, cursor: null, nodeName: "call_model" });
    expect(node.spans).toHaveLength(2);
  });

  it("lists the ledger in order with cursors", async () => {
    const first = await listRunLedger(db(), "default", "run-00", { limit: 3, cursor: null });
    expect(first.events.map((e) => e.tokenId)).toEqual(["t1", "t2", "t3"]);
    expect(first.events[1]).toMatchObject({ eventType: "token_enqueued", sourceNode: "prompt_builder", targetNode: "call_model", lineage: ["call_model"], metadata: { step: 1 } });
    const rest = await listRunLedger(db(), "default", "run-00", { limit: 3, cursor: first.nextCursor });
    expect(rest.events.map((e) => e.eventType)).toEqual(["token_enqueued", "node_failed"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("gives the inspector a node's spec and each activation with its inner calls' usage", async () => {
    const detail = (await getRunNode(db(), "default", "run-00", "call_model"))!;
    expect(detail.spec).toMatchObject({ name: "call_model", callableSignature: "call_model(message)", modelName: "gpt-4o-mini" });
    expect(detail.activations.map((a) => [a.inputTokens, a.outputTokens])).toEqual([
      [120, 30],
      [10, 5],
    ]);
    expect((await getRunNode(db(), "default", "run-00", "prompt_builder"))!.activations[0]).toMatchObject({ input: '{"q": 1}', output: '{"p": 1}' });
    expect(await getRunNode(db(), "default", "run-00", "nope")).toBeNull();
    const span = (await getRunNode(db(), "default", "run-01", "b".repeat(16)))!;
    expect(span.activations.map((a) => a.name)).toEqual(["chat"]);
    expect(detail.callUsageCut).toBe(false);
  });

  it("adds up at most the given number of calls, the first by start, and says so", async () => {
    // One long activation holds every call of the run: reading them all would grow with the run.
    await db().insertInto("runs").values(makeRun({ run_id: "run-calls", workload_name: "qa", start_time_unix_nano: at(0), end_time_unix_nano: at(10_000) })).execute();
    const calls = Array.from({ length: 5 }, (_, i) =>
      nodeSpan("run-calls", "", 200 + i, {
        node_name: null,
        name: "agent.llm",
        nodespec_id: "long-spec",
        start_time_unix_nano: at(1_000 + i * 100),
        end_time_unix_nano: at(1_050 + i * 100),
        input_tokens: String(10 ** i),
        output_tokens: "1",
      }),
    );
    await db()
      .insertInto("spans")
      .values([nodeSpan("run-calls", "long", 100, { nodespec_id: "long-spec", start_time_unix_nano: at(0), end_time_unix_nano: at(10_000) }), ...calls])
      .execute();
    const whole = (await getRunNode(db(), "default", "run-calls", "long"))!;
    expect(whole.activations.map((a) => [a.inputTokens, a.outputTokens])).toEqual([[11111, 5]]);
    expect(whole.callUsageCut).toBe(false);
    // The rows of the calls' read (only it selects counts_usage without span ids): one past the limit, not all.
    const callRows: number[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async ({ result }) => {
        const first = result.rows[0] as Record<string, unknown> | undefined;
        if (first && "counts_usage" in first && !("span_id" in first)) callRows.push(result.rows.length);
        return result;
      },
    };
    const cut = (await getRunNode(db().withPlugin(counting), "default", "run-calls", "long", 3))!;
    expect(cut.activations.map((a) => [a.inputTokens, a.outputTokens])).toEqual([[111, 3]]);
    expect(cut.callUsageCut).toBe(true);
    expect(callRows).toEqual([4]);
    expect((await getRunNode(db(), "default", "run-calls", "long", 5))!.callUsageCut).toBe(false);
  });
});
