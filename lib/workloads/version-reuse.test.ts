import { describe, expect, it } from "vitest";
import { versionReuse } from "@/lib/workloads/version-reuse";

describe("versionReuse", () => {
  it("flags later logic ids that reuse a version string, pointing at the first", () => {
    const reuse = versionReuse([
      { logicId: "c", version: "0.2.0", firstSeenNs: "300" },
      { logicId: "b", version: "0.2.0", firstSeenNs: "200" },
      { logicId: "a", version: "0.1.0", firstSeenNs: "100" },
      { logicId: "d", version: null, firstSeenNs: "400" },
      { logicId: "e", version: "0.1.0", firstSeenNs: "18446744073709551" },
    ]);
    expect(Object.fromEntries(reuse)).toEqual({ c: "b", e: "a" });
  });
});
