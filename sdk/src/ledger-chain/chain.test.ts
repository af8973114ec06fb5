import { describe, expect, it } from "vitest";
import { canonicalEvent, chainHead, chainLinks, genesisHash, inclusionProof, merkleLeaf, merkleRoot, orderEvents, rootFromProof, type ChainEvent } from "./chain";

const event = (overrides: Partial<ChainEvent> = {}): ChainEvent => ({
  type: "token_enqueued", time: "1765000000000000000", tokenId: "t1", parentTokenId: null, sourceNode: "__entry__", targetNode: "writer",
  lineage: [], metadata: {}, traceId: null, spanId: null, ...overrides,
});

describe("the ledger chain format", () => {
  it("writes an event's canonical JSON with sorted keys, no spaces and non-ASCII escaped", () => {
    expect(canonicalEvent(event({ metadata: { zeta: 1, alpha: "é" }, lineage: ["t0"] }))).toBe(
      '{"lineage":["t0"],"metadata":{"alpha":"\\u00e9","zeta":1},"parent_token_id":null,"source_node":"__entry__","span_id":null,"target_node":"writer","time_unix_nano":"1765000000000000000","token_id":"t1","trace_id":null,"type":"token_enqueued"}',
    );
  });

  it("orders by time then digest, so any arrival order gives the same links", () => {
    const events = [event({ tokenId: "b" }), event({ tokenId: "a" }), event({ time: "1764999999999999999", tokenId: "c" }), event({ tokenId: "d", time: "1765000000000000001" })];
    const one = chainLinks("run-1", orderEvents(events)).map((link) => link.toString("hex"));
    const other = chainLinks("run-1", orderEvents([...events].reverse())).map((link) => link.toString("hex"));
    expect(one).toEqual(other);
    expect(orderEvents(events)[0]!.tokenId).toBe("c");
    expect(orderEvents(events)[3]!.tokenId).toBe("d");
    // Bound to the run: the same events under another run id chain differently.
    expect(chainLinks("run-2", orderEvents(events))[0]!.toString("hex")).not.toBe(one[0]);
    expect(chainHead("run-1", [])).toEqual(genesisHash("run-1"));
  });

  it("proves every leaf of trees of 1 to 17 leaves up to their root, and no leaf with another's proof", () => {
    for (let n = 1; n <= 17; n++) {
      const leaves = Array.from({ length: n }, (_, i) => merkleLeaf(`run-${i}`, 1, "ab".repeat(32)));
      const root = merkleRoot(leaves).toString("hex");
      for (let i = 0; i < n; i++) expect(rootFromProof(leaves[i]!, inclusionProof(leaves, i)).toString("hex"), `${i} of ${n}`).toBe(root);
      if (n > 1) expect(rootFromProof(leaves[0]!, inclusionProof(leaves, n - 1)).toString("hex")).not.toBe(root);
    }
  });
});
