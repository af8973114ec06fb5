import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { insertSpans } from "@/collector/store/insert-spans";

/** Spans with what a JSON text could get wrong: nanosecond times past 2^53, decimal costs, nulls, an attempt, a trace root. */
const spans: NewSpan[] = [
  makeSpan({ run_id: "5b8efff798038103d269b633813fc60c", span_id: "0000000000000001", start_time_unix_nano: "1732190000123456789", end_time_unix_nano: "1732190000987654321", duration_ns: "864197532" }),
  makeSpan({
    span_id: "0000000000000002",
    parent_span_id: "0000000000000001",
    node_name: "plan",
    nodespec_id: "spec",
    input_tokens: "9007199254740993",
    output_tokens: "7",
    total_tokens: "9007199254741000",
    cost_usd: "0.0000000123",
    counts_usage: false,
    status_code: "error",
    status_message: 'quote " and \\ backslash, ünïcode',
    attempt: 3,
    model_name: "gpt-4o",
    workload_name: "w",
  }),
];

describe.each(testBackends())("insertSpans's returned rows, on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  /** Inserts in a transaction that is rolled back, so both ways insert the same rows. */
  const inserted = async (asJson: boolean) => {
    let rows: Awaited<ReturnType<typeof insertSpans>>["rows"] = [];
    await handle.database.kysely
      .transaction()
      .execute(async (trx) => {
        ({ rows } = await insertSpans(trx, spans, asJson));
        throw new Error("roll back");
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== "roll back") throw error;
      });
    return rows;
  };

  it("are the same as one JSON text as as rows, exact", async () => {
    const asRows = await inserted(false);
    expect(asRows).toHaveLength(2);
    expect(await inserted(true)).toEqual(asRows);
    expect(asRows[1]).toMatchObject({ input_tokens: "9007199254740993", cost_usd: "0.0000000123", attempt: 3, counts_usage: false });
    expect(asRows[0]).toMatchObject({ start_time_unix_nano: "1732190000123456789", is_trace_root: true });
  });
});
