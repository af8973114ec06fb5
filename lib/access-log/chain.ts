import { createHash } from "node:crypto";
import type { AccessLogEntry } from "@/lib/access-log/entry";

// The access log's hash chain, per tenant, in `seq` order, shaped as the run ledger's
// (docs/ledger-format.md): hash_0 = SHA-256("codon-access-log/1\n" ‖ tenant), hash_n =
// SHA-256(hash_{n-1} ‖ canonical(entry_n)). The canonical text is a JSON array in a fixed field
// order, details as sorted [key, value] pairs: JSON.stringify is deterministic for that shape.

export const ACCESS_LOG_FORMAT = "codon-access-log/1";

export const genesisHash = (tenantId: string): Buffer => createHash("sha256").update(`${ACCESS_LOG_FORMAT}\n`).update(tenantId, "utf8").digest();

export function canonicalEntry(tenantId: string, entry: AccessLogEntry): string {
  const details = Object.keys(entry.details)
    .sort()
    .map((key) => [key, entry.details[key] ?? null]);
  return JSON.stringify([
    ACCESS_LOG_FORMAT,
    tenantId,
    entry.seq,
    entry.occurredAt,
    entry.actor.kind,
    entry.actor.keyId,
    entry.actor.label,
    entry.action,
    entry.target.kind,
    entry.target.id,
    entry.outcome,
    entry.clientIp,
    entry.userAgent,
    details,
  ]);
}

export const linkHash = (previous: Uint8Array, tenantId: string, entry: AccessLogEntry): Buffer =>
  createHash("sha256").update(previous).update(canonicalEntry(tenantId, entry), "utf8").digest();

export interface StoredLink {
  entry: AccessLogEntry;
  prevHash: Uint8Array;
  hash: Uint8Array;
}

export interface ChainVerification {
  status: "intact" | "broken" | "empty";
  /** Entries checked. */
  checked: number;
  /** The first entry that does not link or hash as stored; null when intact. */
  brokenAt: number | null;
  message: string;
}

/**
 * Recomputes a tenant's chain over its stored rows in `seq` order. The first row must follow the
 * genesis when it is entry 1; after retention removed older rows, its stored `prev_hash` is the
 * anchor. Gaps in `seq`, a link that does not match the row before, or a hash that does not match
 * the row's content are breaks.
 */
export function verifyChain(tenantId: string, rows: readonly StoredLink[]): ChainVerification {
  if (rows.length === 0) return { status: "empty", checked: 0, brokenAt: null, message: "No entries" };
  const first = rows[0]!;
  let previous: Uint8Array = first.entry.seq === 1 ? genesisHash(tenantId) : first.prevHash;
  let expectedSeq = first.entry.seq;
  for (const row of rows) {
    const seq = row.entry.seq;
    const broken = (why: string): ChainVerification => ({ status: "broken", checked: rows.length, brokenAt: seq, message: `Entry ${seq}: ${why}` });
    if (seq !== expectedSeq) return broken(`expected entry ${expectedSeq} here (an entry is missing)`);
    if (!Buffer.from(row.prevHash).equals(Buffer.from(previous))) return broken("does not link to the entry before it");
    const recomputed = linkHash(previous, tenantId, row.entry);
    if (!recomputed.equals(Buffer.from(row.hash))) return broken("its content does not match its hash (changed after it was written)");
    previous = recomputed;
    expectedSeq = seq + 1;
  }
  const from = first.entry.seq === 1 ? "from the genesis" : `from entry ${first.entry.seq} (older ones removed by retention)`;
  return { status: "intact", checked: rows.length, brokenAt: null, message: `${rows.length} entries link and hash as stored, ${from}` };
}
