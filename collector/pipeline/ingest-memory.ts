import type { MemoryMeter } from "@/collector/decode/limits";
import { QueueFullError } from "@/collector/pipeline/errors";

/** Exports are refused (retryable) once this much is held (INGEST_MEMORY_MB). */
export const DEFAULT_INGEST_MEMORY_BYTES = 128 * 1024 * 1024;

/** One export's share of the budget, from its body until it is stored or spooled; `charge` throws QueueFullError when the budget has no room. */
export interface Reservation extends MemoryMeter {
  readonly bytes: number;
  release(): void;
}

/**
 * Bounds the memory exports in flight may hold, whatever the number of senders: every export
 * reserves its estimated size before and while it is built, and one that does not fit is
 * refused as retryable (429 / UNAVAILABLE), so the sender retries later and nothing is lost.
 * A flood from one tenant cannot shut the others out: past the budget, a tenant under its fair
 * share is still admitted, and an export already admitted may keep growing, both up to a hard
 * ceiling of twice the budget.
 */
export class IngestMemory {
  private held = 0;
  private readonly byTenant = new Map<string, number>();

  constructor(readonly maxBytes: number = DEFAULT_INGEST_MEMORY_BYTES) {}

  get heldBytes(): number {
    return this.held;
  }

  /** Reserves `bytes` (the body) for an export of `tenantId`; throws QueueFullError when it does not fit. */
  open(tenantId: string, bytes: number): Reservation {
    let own = 0;
    let released = false;
    const take = (amount: number) => {
      if (released) return;
      if (!this.fits(tenantId, own, amount)) {
        throw new QueueFullError(`The collector is holding as many exports in memory as it may (${Math.round(this.maxBytes / 1048576)} MB); retry shortly`);
      }
      own += amount;
      this.held += amount;
      this.byTenant.set(tenantId, (this.byTenant.get(tenantId) ?? 0) + amount);
    };
    take(bytes);
    return {
      get bytes() {
        return own;
      },
      charge: take,
      release: () => {
        if (released) return;
        released = true;
        this.held -= own;
        const left = (this.byTenant.get(tenantId) ?? 0) - own;
        if (left <= 0) this.byTenant.delete(tenantId);
        else this.byTenant.set(tenantId, left);
      },
    };
  }

  private fits(tenantId: string, own: number, amount: number): boolean {
    // Alone, an export always proceeds: the per-export limits bound it, and refusing it would stall for ever.
    if (this.held === own) return true;
    if (this.held + amount <= this.maxBytes) return true;
    // An export already admitted keeps going up to the hard ceiling: stopping it halfway would
    // waste what it built, and a large export could be stopped on every retry and never get in.
    if (own > 0) return this.held + amount <= 2 * this.maxBytes;
    // Over the budget: a tenant still under its fair share (the budget split among the tenants
    // holding memory) gets in up to the hard ceiling, a tenant over it is refused.
    const tenantHeld = this.byTenant.get(tenantId) ?? 0;
    const tenants = this.byTenant.size + (this.byTenant.has(tenantId) ? 0 : 1);
    return tenantHeld + amount <= this.maxBytes / tenants && this.held + amount <= 2 * this.maxBytes;
  }
}
