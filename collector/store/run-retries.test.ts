import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { recomputeRuns } from "@/collector/store/run-aggregates";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";

// Issue 21: a node that failed and then succeeded on a later attempt. Its DAG node shows the
// attempts, the run is completed and flagged retried, whatever order the attempts arrive in,
// and the whole-run statement repricing uses agrees with the fold.

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
// Every run here ended before this: idle, so completed unless it failed.
const IDLE = T0 + 10_000n * MS;
let seq = 0;

function activation(runId: string, node: string, atMs: number, failed: boolean, extra: Partial<NewSpan> = {}): NewSpan {
  seq += 1;
  const start = T0 + BigInt(atMs) * MS;
  return makeSpan({
    trace_id: seq.toString(16).padStart(32, "0"),
    span_id: seq.toString(16).padStart(16, "0"),
    run_id: runId,
    name: `codon.node.${node}`,
    node_name: node,
    nodespec_id: `${node}-spec`,
    status_code: failed ? "error" : "ok",
    status_message: failed ? `attempt at ${atMs} ms: rate limited` : null,
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: (start + 50n * MS).toString(),
    duration_ns: (50n * MS).toString(),
    ...extra,
  });
}

const nodeFailed = (runId: string, node: string, atMs: number): NewAuditEvent => {
  seq += 1;
  return { tenant_id: "default", run_id: runId, dedupe_key: `f${seq}`, time_unix_nano: (T0 + BigInt(atMs) * MS).toString(), event_type: "node_failed", source_node: node, target_node: null, metadata: { error: "rate limited" } };
};

const batch = (parts: Partial<WriteBatch>): WriteBatch => ({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], ...parts });

describe.each(testBackends())("retried nodes on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const run = (runId: string) => db().selectFrom("runs").select(["status", "retried", "error_count", "error_message"]).where("run_id", "=", runId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("shows a node that failed twice and then succeeded as one node of 3 attempts, 2 failed; the run completed and retried", async () => {
    const spans = [activation("r1", "plan", 0, false), activation("r1", "fetch", 100, true), activation("r1", "fetch", 200, true), activation("r1", "fetch", 300, false), activation("r1", "answer", 400, false)];
    // The successful attempt first, the failures after it, each in a batch of its own.
    for (const span of [spans[0]!, spans[3]!, spans[1]!, spans[4]!, spans[2]!]) await writeBatch(db(), batch({ spans: [span], auditEvents: span.status_code === "error" ? [nodeFailed("r1", "fetch", 150)] : [] }), IDLE);
    expect(await run("r1")).toMatchObject({ status: "completed", retried: true, error_count: 2 });
    const dag = await getRunDag(db(), "default", "r1");
    expect(dag?.run).toMatchObject({ status: "completed", retried: true });
    const fetch = dag?.nodes.find((node) => node.name === "fetch");
    expect(fetch).toMatchObject({ status: "completed", activations: 3, attempts: { count: 3, failed: 2 } });
    expect(fetch?.errorMessage).toMatch(/rate limited/);
    expect(dag?.nodes.find((node) => node.name === "plan")).toMatchObject({ status: "completed", attempts: null });
  });

  it("follows the last attempt: a node whose last attempt failed fails the run", async () => {
    for (const span of [activation("r2", "fetch", 0, false), activation("r2", "fetch", 100, true)]) await writeBatch(db(), batch({ spans: [span] }), IDLE);
    expect(await run("r2")).toMatchObject({ status: "failed", retried: false });
    expect((await getRunDag(db(), "default", "r2"))?.nodes[0]).toMatchObject({ status: "failed", attempts: null });
  });

  it("orders attempts by time, their numbers breaking ties: numbers restart with each invocation", async () => {
    // Attempt 2 succeeded at the same instant attempt 1 failed (a coarse clock): attempt 2 is the last.
    await writeBatch(db(), batch({ spans: [activation("r3", "fetch", 100, true, { attempt: 1 }), activation("r3", "fetch", 100, false, { attempt: 2 })] }), IDLE);
    expect(await run("r3")).toMatchObject({ status: "completed", retried: true });
    // A later invocation's first attempt failed after an earlier one's second succeeded: the node failed.
    await writeBatch(db(), batch({ spans: [activation("r3b", "review", 0, true, { attempt: 1 }), activation("r3b", "review", 100, false, { attempt: 2 }), activation("r3b", "review", 500, true, { attempt: 1 })] }), IDLE);
    expect(await run("r3b")).toMatchObject({ status: "failed" });
  });

  it("fails a run whose ledger says a node failed that its spans did not retry, node by node", async () => {
    // fetch: one failed span, one ledger failure, then success; answer: a ledger failure and no failed span.
    await writeBatch(db(), batch({ spans: [activation("r4", "fetch", 0, true), activation("r4", "fetch", 100, false), activation("r4", "answer", 200, false)], auditEvents: [nodeFailed("r4", "fetch", 50), nodeFailed("r4", "answer", 250)] }), IDLE);
    expect(await run("r4")).toMatchObject({ status: "failed", retried: true });
    const dag = await getRunDag(db(), "default", "r4");
    expect(dag?.nodes.map((node) => [node.name, node.status])).toEqual([["fetch", "completed"], ["answer", "failed"]]);
  });

  it("fails a run with an error no node's attempts cover", async () => {
    const stray = activation("r5", "fetch", 400, true, { node_name: null, nodespec_id: null, name: "finalize" });
    await writeBatch(db(), batch({ spans: [activation("r5", "fetch", 0, true), activation("r5", "fetch", 100, false), stray] }), IDLE);
    expect(await run("r5")).toMatchObject({ status: "failed", retried: true });
  });

  it("takes a node's last activation across its spec ids", async () => {
    await writeBatch(db(), batch({ spans: [activation("r6", "fetch", 0, true), activation("r6", "fetch", 100, false, { nodespec_id: "fetch-spec-2" })] }), IDLE);
    expect(await run("r6")).toMatchObject({ status: "completed", retried: true });
    expect((await getRunDag(db(), "default", "r6"))?.nodes[0]).toMatchObject({ status: "completed", attempts: { count: 2, failed: 1 } });
  });

  it("agrees with the whole-run statement repricing uses", async () => {
    const runs = ["r1", "r2", "r3", "r3b", "r4", "r5", "r6"];
    const before = await Promise.all(runs.map(run));
    await recomputeRuns(db(), "default", runs, IDLE);
    expect(await Promise.all(runs.map(run))).toEqual(before);
  });
});
