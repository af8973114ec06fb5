import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { runSpans } from "@/lib/runs/queries/run-dag";
import { runsInProcess } from "@/lib/db/in-process";

const T0 = 1_763_700_000_000_000_000n;

/** 23 spans over three traces, many sharing a start time, so pages of 4 end inside runs of equal starts. */
function spansOf(runId: string): NewSpan[] {
  return Array.from({ length: 23 }, (_, i) => {
    const start = T0 + BigInt(Math.floor(i / 5)) * 1_000n;
    const named = i % 3 === 0;
    return makeSpan({
      trace_id: `${String(i % 3).repeat(8)}${runId.padEnd(24, "0").slice(0, 24)}`,
      span_id: String(100 + i).padStart(16, "0"),
      parent_span_id: i === 0 ? null : String(100 + (i % 4)).padStart(16, "0"),
      run_id: runId,
      name: named ? "codon.node.plan" : "agent.llm",
      node_name: named ? "plan" : null,
      nodespec_id: "f".repeat(64),
      start_time_unix_nano: String(start),
      end_time_unix_nano: String(start + 500n),
      duration_ns: "500",
      counts_usage: i % 2 === 0,
      input_tokens: String(i),
      output_tokens: "2",
      cost_usd: "0.0000010000",
      cost_source: "reported",
      redacted_count: i % 7 === 0 ? 1 : 0,
    });
  });
}

describe.each(testBackends())("a run's spans as the DAG reads them, on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const key = (row: { trace_id: string; span_id: string }) => `${row.trace_id}/${row.span_id}`;

  beforeAll(async () => {
    handle = await backend.open();
    // Straight into the table (lib/ may not use the collector's writer): the read needs spans only.
    await db().insertInto("spans").values([...spansOf("run-paged"), ...spansOf("run-other")]).execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("reads every span of the run once, in pages that end among equal start times", async () => {
    // In one query (PostgreSQL's default) the rows come in no particular order.
    const whole = (await runSpans(db(), "default", "run-paged", Infinity)).map(key).sort();
    expect(whole).toHaveLength(23);
    for (const pageSize of [1, 4, 5, 22, 23]) {
      const paged = await runSpans(db(), "default", "run-paged", pageSize);
      expect(paged.map(key).sort()).toEqual(whole);
    }
    expect(new Set(whole).size).toBe(23);
  });

  it("gives the event loop a turn between pages, and pages by default only on PGlite", async () => {
    expect(runsInProcess(db())).toBe(backend.name === "pglite");
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns++;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const rows = await runSpans(db(), "default", "run-paged", 4);
    reading = false;
    expect(rows).toHaveLength(23);
    // Six pages: five turns between them at least (PGlite's own promises give none).
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it("sends a named span's spec id and a span's usage only where the DAG reads them", async () => {
    const rows = await runSpans(db(), "default", "run-paged", 4);
    for (const row of rows) {
      expect(row.nodespec_id).toBe(row.node_name === null ? "f".repeat(64) : null);
      expect(row.input_tokens === null).toBe(!row.counts_usage);
      expect(row.cost_usd === null).toBe(!row.counts_usage);
    }
    expect(rows.reduce((sum, row) => sum + row.redacted_count, 0)).toBe(4);
    expect(rows.filter((row) => row.counts_usage).reduce((sum, row) => sum + Number(row.input_tokens), 0)).toBe(132);
  });

  it("reads at most `max` spans, the first by (start, trace, span), in one query or in pages", async () => {
    const order = (a: { start: string; trace_id: string; span_id: string }, b: typeof a) => BigInt(a.start) < BigInt(b.start) ? -1 : BigInt(a.start) > BigInt(b.start) ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    const all = (await runSpans(db(), "default", "run-paged", Infinity)) as (Awaited<ReturnType<typeof runSpans>>[number] & { start: string })[];
    const first = [...all].sort(order).slice(0, 7).map(key);
    expect((await runSpans(db(), "default", "run-paged", Infinity, { max: 7, ordered: true })).map(key)).toEqual(first);
    for (const pageSize of [2, 4, 50]) expect((await runSpans(db(), "default", "run-paged", pageSize, { max: 7 })).map(key)).toEqual(first);
  });
});
