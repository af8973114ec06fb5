/**
 * Waiting exports, one FIFO per tenant, taken in turns: a tenant that floods the collector
 * queues behind itself, not in front of everyone else. Admission gives each tenant with work
 * waiting an equal share of the rows the batcher may hold.
 */
export interface Queued {
  tenantId: string;
  rows: number;
}

export class TenantQueues<T extends Queued> {
  private readonly queues = new Map<string, T[]>();
  private readonly rowsByTenant = new Map<string, number>();
  /** Tenants with work waiting, in serving order: the next to serve first. */
  private turns: string[] = [];
  private total = 0;

  get rows(): number {
    return this.total;
  }

  get size(): number {
    return this.turns.length;
  }

  rowsOf(tenantId: string): number {
    return this.rowsByTenant.get(tenantId) ?? 0;
  }

  /**
   * Whether `rows` more for this tenant fit. Below the cap anything fits. At the cap a tenant is
   * refused only when it already holds its share (cap / tenants waiting, itself included), and a
   * tenant with nothing waiting is always let in, so one export is never refused forever for
   * being large, and the cap is overrun by at most one export per tenant.
   */
  admits(tenantId: string, rows: number, cap: number): boolean {
    if (this.total + rows <= cap) return true;
    const own = this.rowsOf(tenantId);
    if (own === 0) return true;
    const tenants = this.queues.has(tenantId) ? this.turns.length : this.turns.length + 1;
    return own + rows <= cap / tenants;
  }

  push(entry: T): void {
    let queue = this.queues.get(entry.tenantId);
    if (!queue) {
      queue = [];
      this.queues.set(entry.tenantId, queue);
      this.turns.push(entry.tenantId);
    }
    queue.push(entry);
    this.rowsByTenant.set(entry.tenantId, this.rowsOf(entry.tenantId) + entry.rows);
    this.total += entry.rows;
  }

  /**
   * Exports for one write of at most `maxRows` (at least one export), one per tenant per turn,
   * round robin; the tenant after the last one served starts the next take.
   */
  take(maxRows: number): T[] {
    const taken: T[] = [];
    let rows = 0;
    while (this.turns.length > 0) {
      const tenantId = this.turns[0]!;
      const queue = this.queues.get(tenantId)!;
      const head = queue[0]!;
      if (taken.length > 0 && rows + head.rows > maxRows) break;
      queue.shift();
      taken.push(head);
      rows += head.rows;
      this.total -= head.rows;
      const left = this.rowsOf(tenantId) - head.rows;
      this.turns.shift();
      if (queue.length > 0) {
        this.rowsByTenant.set(tenantId, left);
        this.turns.push(tenantId);
      } else {
        this.queues.delete(tenantId);
        this.rowsByTenant.delete(tenantId);
      }
    }
    return taken;
  }
}
