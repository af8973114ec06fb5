import { describe, expect, it } from "vitest";
import type { JsonObject } from "@/lib/db/types";
import type { FoldSpan } from "@/collector/store/fold-rows";
import { aggregateOf, emptyRunAggregate, foldSpans, runColumns, storedInputs, type RunAggregate } from "@/collector/store/run-fold";

const span = (startNs: string, identity: Partial<FoldSpan>): FoldSpan => ({
  run_id: "r", trace_id: "t", name: "codon.node.plan", node_name: "plan", nodespec_id: null, node_role: null, status_code: "ok",
  status_message: null, start_time_unix_nano: startNs, end_time_unix_nano: startNs, duration_ns: "0", counts_usage: true,
  input_tokens: null, output_tokens: null, total_tokens: null, cost_usd: null, model_vendor: null, model_name: null,
  service_name: null, workload_id: null, workload_name: null, workload_version: null, workload_logic_id: null, deployment_id: null,
  attempt: null, is_trace_root: false, ...identity,
});

/** What writeRuns stores and readRuns reads back: the columns and the stored inputs, through JSON. */
function roundTrip(aggregate: RunAggregate): { stored: JsonObject; back: RunAggregate | null } {
  const columns = runColumns(aggregate, 0n);
  const stored = JSON.parse(JSON.stringify(storedInputs(aggregate))) as JsonObject;
  return { stored, back: aggregateOf({ ...columns, aggregate_inputs: stored }) };
}

describe("a run's stored fold inputs", () => {
  it("keep one time for the identity seen on one span, and read the values back from the run's columns", () => {
    const aggregate = emptyRunAggregate();
    foldSpans(aggregate, [span("100", { service_name: "svc", workload_name: "agent", workload_logic_id: "l".repeat(64) })]);
    const { stored, back } = roundTrip(aggregate);
    // Fields at their empty value are left out.
    expect(stored.inputs).toEqual({ identityAt: "100" });
    expect(JSON.stringify(stored)).not.toContain("l".repeat(64));
    expect(back?.inputs).toEqual(aggregate.inputs);
  });

  it("keep each field's time when the identity came from spans at different times, and fold later spans by them", () => {
    const aggregate = emptyRunAggregate();
    foldSpans(aggregate, [span("200", { workload_name: "late-name", status_code: "error", status_message: "boom" }), span("100", { workload_version: "1.0" })]);
    aggregate.inputs.retry = { retriedNodes: 0, failingNodes: 1 };
    const { stored, back } = roundTrip(aggregate);
    expect(stored.inputs).toEqual({
      identityAt: { workload_name: "200", workload_version: "100" }, spanErrors: 1, spanError: { value: "boom", atNs: "200" }, retry: { retriedNodes: 0, failingNodes: 1 },
    });
    expect(back?.inputs).toEqual(aggregate.inputs);
    // An earlier span's name wins over the stored one; a later span's version does not.
    foldSpans(back!, [span("150", { workload_name: "early-name", workload_version: "2.0" })]);
    expect(runColumns(back!, 0n)).toMatchObject({ workload_name: "early-name", workload_version: "1.0" });
  });

  it("still read inputs stored in the first format (values beside their times), and nothing of an unknown one", () => {
    const aggregate = emptyRunAggregate();
    foldSpans(aggregate, [span("100", { workload_name: "agent" })]);
    const columns = runColumns(aggregate, 0n);
    const first = JSON.parse(JSON.stringify({ version: 1, inputs: aggregate.inputs })) as JsonObject;
    expect(aggregateOf({ ...columns, aggregate_inputs: first })?.inputs).toEqual(aggregate.inputs);
    expect(aggregateOf({ ...columns, aggregate_inputs: { version: 99, inputs: {} } })).toBeNull();
  });
});
