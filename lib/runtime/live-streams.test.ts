import { describe, expect, it } from "vitest";
import { LiveStreams, type Admission, type StreamLease, type StreamRequest } from "@/lib/runtime/live-streams";

const allowed = async () => null;

function request(client: string, tenantId = "t1", check: StreamRequest["check"] = allowed, signal = new AbortController().signal): StreamRequest {
  return { client, tenantId, check, signal };
}

function leaseOf(admission: Admission): StreamLease {
  if ("refused" in admission) throw new Error(`refused: ${admission.refused}`);
  return admission.lease;
}

describe("LiveStreams", () => {
  it("admits up to the cap per client, per tenant and in all, and frees a slot on release", () => {
    const streams = new LiveStreams();
    streams.configure({ maxPerClient: 2, maxPerTenant: 3, maxTotal: 4 });
    const a1 = leaseOf(streams.admit(request("key:a")));
    leaseOf(streams.admit(request("key:a")));
    const refused = streams.admit(request("key:a"));
    expect(refused).toEqual({ refused: expect.stringMatching(/already has 2 live streams open.*SSE_MAX_STREAMS_PER_CLIENT=2/), retryAfterSeconds: 5 });

    leaseOf(streams.admit(request("key:b")));
    expect(streams.admit(request("key:c"))).toMatchObject({ refused: expect.stringMatching(/Tenant "t1" already has 3 .*SSE_MAX_STREAMS_PER_TENANT=3/) });
    leaseOf(streams.admit(request("key:c", "t2")));
    expect(streams.admit(request("key:d", "t3"))).toMatchObject({ refused: expect.stringMatching(/server already has 4 .*SSE_MAX_STREAMS=4/) });
    expect(streams.openCount).toBe(4);

    a1.release();
    a1.release();
    expect(streams.openCount).toBe(3);
    leaseOf(streams.admit(request("key:a")));
    expect(streams.openCount).toBe(4);
  });

  it("the client going away aborts its lease", () => {
    const streams = new LiveStreams();
    const client = new AbortController();
    const lease = leaseOf(streams.admit(request("key:a", "t1", allowed, client.signal)));
    expect(lease.signal.aborted).toBe(false);
    client.abort();
    expect(lease.signal.aborted).toBe(true);
  });

  it("a revoked key ends that tenant's streams whose check now fails, with the check's reason, and frees nothing by itself", async () => {
    const streams = new LiveStreams();
    streams.configure({ recheckMs: 60_000 });
    let revoked = false;
    const end = { code: "unauthenticated" };
    const revocable = leaseOf(streams.admit(request("key:a", "t1", async () => (revoked ? end : null))));
    const other = leaseOf(streams.admit(request("key:b", "t1")));
    const elsewhere = leaseOf(streams.admit(request("key:c", "t2", async () => end)));

    await streams.keyRevoked("t1");
    expect(revocable.signal.aborted).toBe(false);
    revoked = true;
    await streams.keyRevoked("t1");
    expect(revocable.signal.aborted).toBe(true);
    expect(revocable.signal.reason).toBe(end);
    expect(other.signal.aborted).toBe(false);
    expect(elsewhere.signal.aborted).toBe(false);
    // The stream frees its slot when it ends (release), not the abort.
    expect(streams.openCount).toBe(3);
  });

  it("checks every client again on a timer while streams are open; a check that cannot tell keeps them", async () => {
    const streams = new LiveStreams();
    streams.configure({ recheckMs: 20 });
    let answer: "ok" | "down" | "revoked" = "down";
    let checks = 0;
    const lease = leaseOf(
      streams.admit(
        request("key:a", "t1", async () => {
          checks++;
          if (answer === "down") throw new Error("database unavailable");
          return answer === "revoked" ? "gone" : null;
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(lease.signal.aborted).toBe(false);
    answer = "revoked";
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lease.signal.reason).toBe("gone");
    lease.release();
    const after = checks;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checks).toBe(after);
  });
});
