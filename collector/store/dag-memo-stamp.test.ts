import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { getRunNode } from "@/lib/runs/queries/run-spans";
import { dagBuildsSettled, MEMO_MIN_SPANS } from "@/lib/runs/queries/run-dag-memo";
import { eventually } from "@/collector/testing/eventually";

const T0 = 1_763_700_000_000_000_000n;
const LOGIC_ID = "a".repeat(64);
const NODES = ["plan", "search", "write"];

/** Span i of a run: node spans cycling through NODES, each with a little usage. */
function nodeSpan(runId: string, i: number): NewSpan {
  const start = T0 + BigInt(i) * 1_000_000n;
  return makeSpan({
    trace_id: `${runId.padEnd(8, "0").slice(0, 8)}${String(i).padStart(24, "0")}`,
    span_id: String(i + 1).padStart(16, "0"),
    run_id: runId,
    name: `codon.node.${NODES[i % NODES.length]}`,
    node_name: NODES[i % NODES.length]!,
    workload_name: "memo-agent",
    workload_logic_id: LOGIC_ID,
    start_time_unix_nano: String(start),
    end_time_unix_nano: String(start + 500_000n),
    duration_ns: "500000",
    input_tokens: "10",
    output_tokens: "2",
    cost_usd: "0.0000010000",
    cost_source: "reported",
  });
}
const batch = (parts: Partial<WriteBatch>): WriteBatch => ({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], ...parts });
const activations = (dag: Awaited<ReturnType<typeof getRunDag>>) => Object.fromEntries(dag!.nodes.map((node) => [node.name, node.activations]));
/** Reads the DAG until its graph has caught up with the run (a read after a change gets the kept graph while a new one is built). */
const currentDag = (db: Parameters<typeof getRunDag>[0], runId: string) => eventually(() => getRunDag(db, "default", runId), (dag) => dag?.graphAsOf === null);

// Here, not beside lib/runs/queries/run-dag-memo.ts: what it checks is that every write ingest makes
// to a run or its version moves the stamp a kept DAG is read under.
describe.each(testBackends())("a large run's DAG, kept while the run does not change, on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const spans = Array.from({ length: MEMO_MIN_SPANS }, (_, i) => nodeSpan("run-big", i));

  beforeAll(async () => {
    handle = await backend.open();
    for (let i = 0; i < spans.length; i += 1000) await writeBatch(db(), batch({ spans: spans.slice(i, i + 1000) }), 0n);
  }, 120_000);
  afterAll(async () => {
    if (handle) await dagBuildsSettled(db());
    await handle?.dispose();
  });

  it("reads the same DAG again, and a caller changing its copy changes nothing kept", async () => {
    const first = (await getRunDag(db(), "default", "run-big"))!;
    expect(first.graphAsOf).toBeNull();
    expect(first.run.spanCount).toBe(MEMO_MIN_SPANS);
    expect(first.nodes.map((node) => node.name).sort()).toEqual([...NODES].sort());
    first.nodes.length = 0;
    const again = (await getRunDag(db(), "default", "run-big"))!;
    expect(again.nodes).toHaveLength(NODES.length);
    expect(activations(again)).toEqual({ plan: 1667, search: 1667, write: 1666 });
  });

  it("once the run gains spans, serves the kept graph under the current header, marked, while it builds it again", async () => {
    const before = (await getRunDag(db(), "default", "run-big"))!;
    const writtenAfter = Date.now();
    await writeBatch(db(), batch({ spans: [nodeSpan("run-big", MEMO_MIN_SPANS), makeSpan({ ...nodeSpan("run-big", MEMO_MIN_SPANS + 1), node_name: "review", name: "codon.node.review" })] }), 0n);
    const behind = (await getRunDag(db(), "default", "run-big"))!;
    expect(behind.run.spanCount).toBe(MEMO_MIN_SPANS + 2);
    expect(behind.graphAsOf).not.toBeNull();
    expect(Date.parse(behind.graphAsOf!)).toBeLessThanOrEqual(writtenAfter);
    expect(behind.nodes).toEqual(before.nodes);
    // The node inspector asking for the new node gets it at once, from a graph built for it.
    expect((await getRunNode(db(), "default", "run-big", "review"))?.node.activations).toBe(1);
    const dag = (await currentDag(db(), "run-big"))!;
    expect(dag.graphAsOf).toBeNull();
    expect(dag.run.spanCount).toBe(MEMO_MIN_SPANS + 2);
    expect(activations(dag)).toEqual({ plan: 1667, search: 1667, write: 1667, review: 1 });
  });

  it("gives a caller that asks for the current graph one built after the change, without waiting for the next read", async () => {
    await currentDag(db(), "run-big");
    await writeBatch(db(), batch({ spans: [makeSpan({ ...nodeSpan("run-big", MEMO_MIN_SPANS + 2), node_name: "publish", name: "codon.node.publish" })] }), 0n);
    const current = (await getRunDag(db(), "default", "run-big", { current: true }))!;
    expect(current.graphAsOf).toBeNull();
    expect(activations(current)).toMatchObject({ publish: 1 });
  });

  it("serves the kept DAG without reading the run's spans again", async () => {
    const kept = (await getRunDag(db(), "default", "run-big"))!;
    expect(kept.nodes.find((node) => node.name === "plan")!.total!.inputTokens).toBe(16_670);
    // Behind ingest's back, so nothing moves the stamp: a DAG built now would have no usage.
    await sql`update spans set input_tokens = 0 where run_id = 'run-big'`.execute(db());
    const served = (await getRunDag(db(), "default", "run-big"))!;
    expect(served.nodes.map((node) => node.total)).toEqual(kept.nodes.map((node) => node.total));
    await sql`update spans set input_tokens = 10 where run_id = 'run-big'`.execute(db());
  });

  it("builds it again once its version's graph changes, though the run did not", async () => {
    await currentDag(db(), "run-big");
    const graph = { nodes: [{ name: "approve", role: null, nodespecId: null }], edges: [{ source: "write", target: "approve" }] };
    await writeBatch(db(), batch({ graphs: [{ tenantId: "default", workloadName: "memo-agent", logicId: LOGIC_ID, workloadId: null, version: null, graph, seenUnixNano: T0 }] }), 0n);
    expect((await getRunDag(db(), "default", "run-big"))!.graphAsOf).not.toBeNull();
    const dag = (await currentDag(db(), "run-big"))!;
    expect(dag.nodes.map((node) => node.name)).toContain("approve");
    expect(dag.edges.some((edge) => edge.source === "write" && edge.target === "approve")).toBe(true);
  });
});
