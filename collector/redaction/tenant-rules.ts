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
    // A failed read is not remembered: the retry reads again.
    value.catch(() => this.entries.delete(tenantId));
    this.entries.delete(tenantId);
    this.entries.set(tenantId, { at: now, value });
    if (this.entries.size > this.maxTenants) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

function compileTenant(tenantId: string, stored: TenantRedaction | null): CompiledTenant | null {
  if (stored !== null && stored.skipped > 0) log.warn("stored redaction rules left out: unknown here or not compilable", { tenant: tenantId, count: stored.skipped });
  if (stored === null || stored.rules.length === 0) return null;
  const { compiled, invalid } = compileRules(stored.rules);
  if (invalid.length > 0) log.warn("redaction rules left out: they do not compile here", { tenant: tenantId, first: invalid[0], count: invalid.length });
  return compiled.length === 0 ? null : { rules: compiled, hashKey: stored.hashKey };
}
