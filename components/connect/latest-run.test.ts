import { describe, expect, it } from "vitest";
import type { RunPage, RunView } from "@/lib/runs/types";
import { firstRunState, pollInterval, POLL_MS } from "@/components/connect/latest-run";

const page = (runs: number): RunPage => ({ runs: Array.from({ length: runs }, (_, i) => ({ runId: `r${i}` }) as RunView), nextCursor: null });
const base = { hasRun: false, watchedItArrive: false, isError: false, isPending: false };

describe("polling for the first run", () => {
  it("polls while there is no answer or no run, and stops once a run exists", () => {
    expect(pollInterval(undefined)).toBe(POLL_MS);
    expect(pollInterval(page(0))).toBe(POLL_MS);
    expect(pollInterval(page(1))).toBe(false);
  });
});

describe("the first-run status", () => {
  it("waits, loads or reports an error while there is no run", () => {
    expect(firstRunState(base)).toBe("waiting");
    expect(firstRunState({ ...base, isPending: true })).toBe("loading");
    expect(firstRunState({ ...base, isError: true })).toBe("error");
  });

  it("calls a run that appeared while the page waited the first, else the latest", () => {
    expect(firstRunState({ ...base, hasRun: true, watchedItArrive: true })).toBe("arrived");
    expect(firstRunState({ ...base, hasRun: true })).toBe("latest");
    // A run wins over a failed refetch: the link is still right.
    expect(firstRunState({ ...base, hasRun: true, isError: true })).toBe("latest");
  });
});
