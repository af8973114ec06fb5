import { sign } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { SigningKey } from "@/collector/ledger/signing-key";
import { checkpointMessage, merkleLeaf, merkleRoot, type CheckpointBody } from "@/sdk/src/ledger-chain/chain";

/** Seals one checkpoint signs at most: its leaves are kept in its row and a proof walks them. */
export const MAX_CHECKPOINT_LEAVES = 10_000;

/**
 * Signs the tenant's seals that no checkpoint covers yet: a Merkle root over their leaves (by run,
 * then seal), signed with the installation's key. Returns the checkpoint's id and size, or null
 * when every seal is signed.
 */
export async function checkpointTenant(db: Kysely<DB>, tenantId: string, key: SigningKey, now: Date = new Date()): Promise<{ id: string; leafCount: number } | null> {
  return db.transaction().execute(async (trx) => {
    const seals = await sql<{ run_id: string; seal: number; head: string }>`
      select run_id, seal, head from ledger_seals
      where tenant_id = ${tenantId} and checkpoint_id is null
      order by run_id, seal limit ${MAX_CHECKPOINT_LEAVES}
      for update`.execute(trx);
    if (seals.rows.length === 0) return null;
    const leaves = seals.rows.map((row) => merkleLeaf(row.run_id, row.seal, row.head));
    const root = merkleRoot(leaves).toString("hex");
    const createdAt = now.toISOString();
    const inserted = await trx
      .insertInto("ledger_checkpoints")
      .values({ tenant_id: tenantId, created_at: createdAt, root, leaf_count: leaves.length, leaves: Buffer.concat(leaves), key_id: key.keyId, signature: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = String(inserted.id);
    const body: CheckpointBody = { format: "codon-ledger-checkpoint/1", tenant: tenantId, id, createdAt, root, leafCount: leaves.length, keyId: key.keyId };
    const signature = sign(null, Buffer.from(checkpointMessage(body)), key.privateKey).toString("base64");
    await trx.updateTable("ledger_checkpoints").set({ signature }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
    await sql`
      update ledger_seals s set checkpoint_id = ${id}::int8, leaf_index = k.leaf_index
      from unnest(${seals.rows.map((row) => row.run_id)}::text[], ${seals.rows.map((row) => row.seal)}::int4[], ${seals.rows.map((_, i) => i)}::int4[]) as k(run_id, seal, leaf_index)
      where s.tenant_id = ${tenantId} and s.run_id = k.run_id and s.seal = k.seal`.execute(trx);
    return { id, leafCount: leaves.length };
  });
}
