import { describe, expect, it } from "vitest";
import { AttemptLimiter, clientKey } from "@/lib/http/rate-limit";

describe("AttemptLimiter", () => {
  it("allows a burst of failures, then one per refill period", () => {
    let now = 0;
    const limiter = new AttemptLimiter({ burst: 3, refillMs: 1000, maxClients: 10 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds("10.0.0.1")).toBe(0);
      limiter.fail("10.0.0.1");
    }
    expect(limiter.retryAfterSeconds("10.0.0.1")).toBe(1);
    expect(limiter.retryAfterSeconds("10.0.0.2")).toBe(0);
    now = 1000;
    expect(limiter.retryAfterSeconds("10.0.0.1")).toBe(0);
    limiter.fail("10.0.0.1");
    expect(limiter.retryAfterSeconds("10.0.0.1")).toBe(1);
    // Fully refilled clients are forgotten.
    now = 10_000;
    expect(limiter.retryAfterSeconds("10.0.0.1")).toBe(0);
    expect(limiter.size).toBe(0);
  });

  it("keeps at most maxClients, forgetting the least recently failed", () => {
    const limiter = new AttemptLimiter({ burst: 1, refillMs: 60_000, maxClients: 3 }, () => 0);
    for (const client of ["a", "b", "c", "d"]) limiter.fail(client);
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfterSeconds("a")).toBe(0);
    expect(limiter.retryAfterSeconds("d")).toBe(60);
  });

  it("counts an IPv6 client by its /64", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("10.0.0.1")).toBe("10.0.0.1");
    const limiter = new AttemptLimiter({ burst: 1, refillMs: 60_000, maxClients: 10 }, () => 0);
    limiter.fail("2001:db8:1:2::1");
    expect(limiter.retryAfterSeconds("2001:db8:1:2::ffff")).toBe(60);
    expect(limiter.retryAfterSeconds("2001:db8:1:3::1")).toBe(0);
  });
});
