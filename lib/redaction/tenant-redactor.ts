import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { compileRules } from "@/lib/redaction/compile";
import { loadTenantRedaction } from "@/lib/redaction/queries";
import { Redactor } from "@/lib/redaction/redactor";
import { ScanBudget } from "@/lib/redaction/scan";

/** Time custom patterns may take over one request's texts, as over one write at ingest. */
export const REQUEST_BUDGET_MS = 100;

/**
 * The tenant's saved rules, read now, ready for the texts of one API request that stores what a
 * user wrote (score comments); null when it has none. Stored patterns that no longer compile are
 * skipped, as at ingest.
 */
export async function tenantRedactor(db: Kysely<DB>, tenantId: string): Promise<Redactor | null> {
  const saved = await loadTenantRedaction(db, tenantId);
  if (saved === null) return null;
  const { compiled } = compileRules(saved.rules);
  return compiled.length === 0 ? null : new Redactor(compiled, saved.hashKey, new ScanBudget(REQUEST_BUDGET_MS));
}
