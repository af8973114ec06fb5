import { markScanned, redactBatch } from "@/collector/redaction/redact-batch";
import type { RulesCache } from "@/collector/redaction/tenant-rules";
import type { WriteBatch } from "@/collector/store/write-batch";
import { createLogger } from "@/lib/runtime/log";

const log = createLogger("redaction");

/** How long a receive waits for a tenant's first read of its rules before spooling the export as received. */
export const RULES_WAIT_MS = 1000;
/** At most one warning per this long that exports were spooled before their rules could be read. */
const WARN_EVERY_MS = 60_000;

/**
 * Redacts an export of one tenant as it is received, when the tenant's rules are known: the
 * result (rows marked scanned) is what the spool keeps. Null when the tenant has no rules, or
 * they could not be read in time (the database is down and they were never read): then the export
 * is spooled as received and redacted on its way into the database, as before.
 */
export type AcceptRedaction = (batch: WriteBatch, tenantId: string) => Promise<WriteBatch | null>;

export function acceptRedaction(rules: RulesCache, waitMs = RULES_WAIT_MS): AcceptRedaction {
  let warnedAt = -Infinity;
  return async (batch, tenantId) => {
    const tenant = await rules.known(tenantId, waitMs);
    if (tenant === undefined) {
      if (Date.now() - warnedAt >= WARN_EVERY_MS) {
        warnedAt = Date.now();
        log.warn("redaction rules could not be read; exports are spooled as received and redacted when stored", { tenant: tenantId });
      }
      return null;
    }
    if (tenant === null) return null;
    const redacted = await redactBatch(batch, (id) => (id === tenantId ? Promise.resolve(tenant) : rules.get(id)));
    markScanned(redacted);
    return redacted;
  };
}
