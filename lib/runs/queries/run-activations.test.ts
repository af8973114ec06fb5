import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { getRunActivations, getRunAsRan } from "@/lib/runs/queries/run-activations";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();
const RUN = "as-ran-loop";

function nodeSpan(tenant: string, node: string, spanId: string, startMs: number, extra: Partial<NewSpan> = {}): NewSpan {
  return makeSpan({
    tenant_id: tenant,
    trace_id: "a".repeat(32),
    span_id: spanId,
    run_id: RUN,
    name: `codon.node.${node}`,
    node_name: node,
    start_time_unix_nano: at(startMs),
    end_time_unix_nano: at(startMs + 10),
    duration_ns: (10n * MS).toString(),
    ...extra,
  });
}

function tokenEvent(type: "token_enqueued" | "token_dequeued", ms: number, token: string, parent: string | null, source: string, target: string): NewAuditEvent {
  return {
    tenant_id: "default",
    run_id: RUN,
    dedupe_key: `${type}-${token}-${target}`,
    time_unix_nano: at(ms),
    event_type: type,
    token_id: token,
    parent_token_id: parent,
    source_node: source,
    target_node: target,
    lineage: [],
    metadata: {},
  };
}

describe.each(testBackends())("getRunActivations on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    const kysely = db();
    await kysely.insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await kysely.insertInto("runs").values([makeRun({ run_id: RUN }), makeRun({ tenant_id: "other", run_id: RUN })]).execute();
    // draft → review → draft → review: the review loop going round twice, with usage on the reviews.
    await kysely
      .insertInto("spans")
      .values([
        nodeSpan("default", "draft", "d1".padStart(16, "0"), 10),
        nodeSpan("default", "review", "r1".padStart(16, "0"), 30, { input_tokens: "100", output_tokens: "20", cost_usd: "0.002" }),
        nodeSpan("default", "draft", "d2".padStart(16, "0"), 50, { status_code: "error" }),
        nodeSpan("default", "review", "r2".padStart(16, "0"), 70),
        // Another tenant's span of the same run id stays out.
        nodeSpan("other", "intruder", "x1".padStart(16, "0"), 40),
      ])
      .execute();
    await kysely
      .insertInto("audit_events")
      .values([
        tokenEvent("token_enqueued", 0, "e", null, "__entry__", "draft"),
        tokenEvent("token_dequeued", 9, "e", null, "__entry__", "draft"),
        tokenEvent("token_enqueued", 15, "a", "e", "draft", "review"),
        tokenEvent("token_dequeued", 29, "a", null, "draft", "review"),
        tokenEvent("token_enqueued", 35, "b", "a", "review", "draft"),
        tokenEvent("token_dequeued", 49, "b", null, "review", "draft"),
        tokenEvent("token_enqueued", 55, "c", "b", "draft", "review"),
        tokenEvent("token_dequeued", 69, "c", null, "draft", "review"),
        { ...tokenEvent("token_enqueued", 80, "c", null, "review", "review"), event_type: "node_completed", dedupe_key: "node_completed-c" },
      ])
      .execute();
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it("unrolls the loop in order, joined by the ledger's tokens", async () => {
    const graph = await getRunActivations(db(), "default", RUN, 10_000);
    expect(graph.activations.map((a) => `${a.nodeName}#${a.seq}:${a.status}`)).toEqual(["draft#1:completed", "review#1:completed", "draft#2:failed", "review#2:completed"]);
    expect(graph.edges.map((e) => `${e.source.slice(-2)}->${e.target.slice(-2)} ${e.kind} ${e.tokenId}`)).toEqual(["d1->r1 ledger a", "r1->d2 ledger b", "d2->r2 ledger c"]);
    expect(graph.activations[1]).toMatchObject({ inputTokens: 100, outputTokens: 20, costUsd: 0.002, durationMs: 10, startNs: at(30) });
    expect(graph.omittedActivations).toBe(0);
  });

  it("reads the same graph in pages of any size as in one query, pages ending among equal times", async () => {
    const run = "as-ran-paged";
    const kysely = db();
    await kysely.insertInto("runs").values(makeRun({ run_id: run })).execute();
    // Twelve steps, three at each start time, each fed by a token from the one before (two events at each time).
    const spans = Array.from({ length: 12 }, (_, i) => ({ ...nodeSpan("default", `n${i % 3}`, `q${i}`.padStart(16, "0"), 100 + Math.floor(i / 3) * 10), run_id: run }));
    const events = spans.slice(1).flatMap((span, i) => [
      { ...tokenEvent("token_enqueued", 100 + Math.floor(i / 2) * 10, `t${i}`, null, `n${i % 3}`, span.node_name!), run_id: run },
      { ...tokenEvent("token_dequeued", 100 + Math.floor(i / 2) * 10, `t${i}`, null, `n${i % 3}`, span.node_name!), run_id: run },
    ]);
    await kysely.insertInto("spans").values(spans).execute();
    await kysely.insertInto("audit_events").values(events).execute();
    const whole = await getRunActivations(kysely, "default", run, 10_000, Infinity);
    expect(whole.activations).toHaveLength(12);
    expect(whole.edges.length).toBeGreaterThan(0);
    for (const pageSize of [1, 2, 4, 5, 12, 50]) expect(await getRunActivations(kysely, "default", run, 10_000, pageSize)).toEqual(whole);
  });

  it("cuts at the limit and counts the rest", async () => {
    const graph = await getRunActivations(db(), "default", RUN, 3);
    expect(graph.activations).toHaveLength(3);
    expect(graph.omittedActivations).toBe(1);
    expect(graph.edges).toHaveLength(2);
  });

  it("answers null for an unknown run, and keeps a large run's graph until the run changes", async () => {
    expect(await getRunAsRan(db(), "default", "no-such-run", 10_000)).toBeNull();
    // Claimed large (the stamp reads the run's row), so its graph is kept.
    await db().updateTable("runs").set({ span_count: 5_000 }).where("tenant_id", "=", "default").where("run_id", "=", RUN).execute();
    const first = await getRunAsRan(db(), "default", RUN, 10_000);
    expect(first?.activations).toHaveLength(4);
    expect(await getRunAsRan(db(), "default", RUN, 10_000)).toBe(first);
    await db().insertInto("spans").values(nodeSpan("default", "publish", "p1".padStart(16, "0"), 90)).execute();
    await db().updateTable("runs").set({ span_count: 5_001, updated_at: sql`now() + interval '1 second'` }).where("tenant_id", "=", "default").where("run_id", "=", RUN).execute();
    const second = await getRunAsRan(db(), "default", RUN, 10_000);
    expect(second).not.toBe(first);
    expect(second?.activations.map((a) => a.nodeName).at(-1)).toBe("publish");
  });

  it("is empty for a run of another tenant's id with nothing of its own", async () => {
    const graph = await getRunActivations(db(), "other", "no-such-run", 10_000);
    expect(graph).toEqual({ activations: [], edges: [], segments: [], omittedActivations: 0 });
  });
});
