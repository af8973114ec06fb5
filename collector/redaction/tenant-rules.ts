import { compileRules, type CompiledRule } from "@/lib/redaction/compile";
import type { TenantRedaction } from "@/lib/redaction/queries";
import { createLogger } from "@/lib/runtime/log";

const log = createLogger("redaction");

/** A tenant's rules ready to run; null for a tenant with none (nothing is scanned). */
export interface CompiledTenant {
  rules: CompiledRule[];
  hashKey: Uint8Array;
}

export interface RulesCacheOptions {
  /** How long a tenant's rules are used before they are read again: a change in Settings applies within this. */
  ttlMs?: number;
  /** Tenants remembered; past it the longest-remembered is forgotten. */
  maxTenants?: number;
}

interface Entry {
  at: number;
  value: Promise<CompiledTenant | null>;
  /** The last rules read for the tenant, kept through reloads and failed reads (for `known`). */
  last?: { rules: CompiledTenant | null };
}

/** Each tenant's compiled rules, read from the database at most once per TTL. Bounded in size and time. */
export class RulesCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxTenants: number;

  constructor(
    private readonly load: (tenantId: string) => Promise<TenantRedaction | null>,
    options: RulesCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxTenants = options.maxTenants ?? 1_000;
  }

  /** Rejects when the rules cannot be read: the write fails and is retried, rather than storing unredacted values. */
  get(tenantId: string): Promise<CompiledTenant | null> {
    const now = Date.now();
    const entry = this.entries.get(tenantId);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    const value = this.load(tenantId).then((stored) => compileTenant(tenantId, stored));
    const next: Entry = { at: now, value, last: entry?.last };
    value.then(
      (rules) => {
        next.last = { rules };
      },
      () => {
        // A failed read is not remembered (the next call reads again); the last rules read are.
        if (this.entries.get(tenantId) === next) next.at = -Infinity;
      },
    );
    this.entries.delete(tenantId);
    this.entries.set(tenantId, next);
    if (this.entries.size > this.maxTenants) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /**
   * The tenant's rules without waiting on a slow database: the last ones read (a stale entry is
   * read again in the background), else a first read given up to `waitMs`; undefined when they
   * are not known by then. For the receive path, which answers exports while the database stalls.
   */
  async known(tenantId: string, waitMs: number): Promise<CompiledTenant | null | undefined> {
    const loading = this.get(tenantId);
    const last = this.entries.get(tenantId)?.last;
    if (last) {
      loading.catch(() => undefined);
      return last.rules;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, waitMs, undefined);
      timer.unref();
    });
    try {
      return await Promise.race([loading.catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function compileTenant(tenantId: string, stored: TenantRedaction | null): CompiledTenant | null {
  if (stored !== null && stored.skipped > 0) log.warn("stored redaction rules left out: unknown here or not compilable", { tenant: tenantId, count: stored.skipped });
  if (stored === null || stored.rules.length === 0) return null;
  const { compiled, invalid } = compileRules(stored.rules);
  if (invalid.length > 0) log.warn("redaction rules left out: they do not compile here", { tenant: tenantId, first: invalid[0], count: invalid.length });
  return compiled.length === 0 ? null : { rules: compiled, hashKey: stored.hashKey };
}
