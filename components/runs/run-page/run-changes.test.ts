import { describe, expect, it } from "vitest";
import type { RunView } from "@/lib/runs/types";
import { parseRunEvent, staleViews } from "@/components/runs/run-page/run-changes";

const run: RunView = {
  runId: "r1",
  traceId: "t1",
  serviceName: "svc",
  workloadName: "w",
  workloadVersion: "1.0",
  logicId: "ab".repeat(32),
  deploymentId: "prod",
  status: "running",
  startTime: "2026-01-01T00:00:00.000Z",
  endTime: "2026-01-01T00:00:01.000Z",
  startTimeUnixNano: "1767225600000000000",
  endTimeUnixNano: "1767225601000000000",
  durationMs: 1000,
  spanCount: 3,
  nodeCount: 2,
  errorCount: 0,
  inputTokens: 100,
  outputTokens: 20,
  totalTokens: 120,
  costUsd: 0.001,
  errorMessage: null,
  retried: false,
};

describe("staleViews", () => {
  it("reloads nothing when the figures are those already shown (the first event after the page loaded)", () => {
    expect(staleViews(run, { ...run })).toEqual({ dag: false, spans: false, ledger: false });
  });

  it("reloads everything when there is nothing to compare", () => {
    expect(staleViews(null, run)).toEqual({ dag: true, spans: true, ledger: true });
    expect(staleViews(run, null)).toEqual({ dag: true, spans: true, ledger: true });
  });

  it("reloads the span views and the ledger when a span arrives that moves the time range", () => {
    const later = { ...run, spanCount: 4, endTimeUnixNano: "1767225602000000000", endTime: "2026-01-01T00:00:02.000Z", durationMs: 2000 };
    expect(staleViews(run, later)).toEqual({ dag: true, spans: true, ledger: true });
  });

  it("leaves the ledger alone when only costs move (repricing)", () => {
    expect(staleViews(run, { ...run, costUsd: 0.002 })).toEqual({ dag: true, spans: true, ledger: false });
  });

  it("leaves the spans alone when only the ledger's figures move (a node seen, the run closed)", () => {
    expect(staleViews(run, { ...run, nodeCount: 3 })).toEqual({ dag: true, spans: false, ledger: true });
    expect(staleViews(run, { ...run, status: "completed" })).toEqual({ dag: true, spans: false, ledger: true });
  });

  it("reloads only the DAG for a figure neither store explains alone", () => {
    expect(staleViews(run, { ...run, workloadVersion: "1.1" })).toEqual({ dag: true, spans: false, ledger: false });
  });
});

describe("parseRunEvent", () => {
  it("reads a run and rejects anything else", () => {
    expect(parseRunEvent(JSON.stringify(run))).toEqual(run);
    for (const data of ["", "nope", "null", "[]", '{"runId": 3}']) expect(parseRunEvent(data)).toBeNull();
  });
});
