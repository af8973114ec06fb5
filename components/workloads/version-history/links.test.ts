import { describe, expect, it } from "vitest";
import { compareHref, previousLogicIds, runsHref, workloadHref } from "@/components/workloads/version-history/links";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);

describe("links", () => {
  it("encode odd workload names once", () => {
    expect(workloadHref("team/agent #1")).toBe("/workloads/team%2Fagent%20%231");
    expect(compareHref("team/agent", A, B)).toBe(`/workloads/team%2Fagent/compare?a=${A}&b=${B}`);
  });

  it("filter the runs list by workload and logic id, and by window when there is one", () => {
    expect(runsHref("x&y", A)).toBe(`/?workload=x%26y&logicId=${A}`);
    expect(runsHref("x", A, "7d")).toBe(`/?workload=x&logicId=${A}&from=7d`);
  });
});

describe("previousLogicIds", () => {
  it("pairs each version with the next one down a newest-first list", () => {
    const previous = previousLogicIds([{ logicId: C }, { logicId: B }, { logicId: A }]);
    expect(previous.get(C)).toBe(B);
    expect(previous.get(B)).toBe(A);
    expect(previous.has(A)).toBe(false);
  });

  it("is empty for one version or none", () => {
    expect(previousLogicIds([{ logicId: A }]).size).toBe(0);
    expect(previousLogicIds([]).size).toBe(0);
  });
});
