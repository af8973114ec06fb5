import type { NewRun, NewSpan } from "@/lib/db/types";

/** A stored span with every required column filled; tests override what they check. */
export function makeSpan(overrides: Partial<NewSpan> = {}): NewSpan {
  return {
    tenant_id: "default",
    trace_id: "5b8efff798038103d269b633813fc60c",
    span_id: "eee19b7ec3c1b174",
    parent_span_id: null,
    run_id: "run-1",
    name: "codon.node.planner",
    start_time_unix_nano: "1732190000000000000",
    end_time_unix_nano: "1732190000250000000",
    duration_ns: "250000000",
    ...overrides,
  };
}

/** A run row; start defaults to a fixed instant so ordering tests are deterministic. */
export function makeRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    tenant_id: "default",
    run_id: "run-1",
    start_time_unix_nano: "1732190000000000000",
    end_time_unix_nano: "1732190001000000000",
    duration_ns: "1000000000",
    ...overrides,
  };
}
