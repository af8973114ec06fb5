import net from "node:net";

/**
 * Failed attempts per client, as token buckets: `burst` at once, then one per `refillMs`. Memory
 * is bounded: past `maxClients` the least recently touched client is forgotten (it only gets a
 * fresh budget back). IPv6 clients count per /64, the block one subscriber usually holds, so
 * rotating addresses inside it buys nothing.
 */
export class AttemptLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: { burst: number; refillMs: number; maxClients: number },
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Seconds to wait before the next attempt, or 0 when one may be made now. */
  retryAfterSeconds(client: string): number {
    const tokens = this.tokens(clientKey(client));
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * this.options.refillMs) / 1000);
  }

  /** Counts one failed attempt. */
  fail(client: string): void {
    const key = clientKey(client);
    const tokens = this.tokens(key);
    this.buckets.delete(key);
    if (this.buckets.size >= this.options.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    // Re-inserted last: Map order is the eviction order.
    this.buckets.set(key, { tokens: Math.max(0, tokens - 1), at: this.now() });
  }

  private tokens(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.options.burst;
    const refilled = bucket.tokens + (this.now() - bucket.at) / this.options.refillMs;
    if (refilled >= this.options.burst) {
      this.buckets.delete(key);
      return this.options.burst;
    }
    return refilled;
  }
}

/** An IPv6 address by its /64; anything else as it is. */
export function clientKey(address: string): string {
  if (!net.isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
