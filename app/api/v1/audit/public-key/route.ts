import { handleApi, json } from "@/lib/http/handler";
import { requireReadDb } from "@/lib/runtime/registry";
import type { AuditPublicKeys } from "@/lib/ledger-chain/types";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit/public-key: the Ed25519 keys that sign ledger checkpoints, newest (current) first. Public: a verifier pins these ids. */
export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const rows = await requireReadDb().selectFrom("audit_keys").selectAll().orderBy("created_at", "desc").orderBy("key_id").execute();
    return json({
      keys: rows.map((row, i) => ({ keyId: row.key_id, algorithm: row.algorithm, publicKeyPem: row.public_key, createdAt: new Date(row.created_at).toISOString(), current: i === 0 })),
    } satisfies AuditPublicKeys);
  });
}
