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
 * Checks a tenant's chain one stored row at a time, in `seq` order, holding only the last link, so
 * a log of any length is verified in constant memory. The first row must follow the genesis when
 * it is entry 1; after retention removed older rows, its stored `prev_hash` is the anchor. Gaps in
 * `seq`, a link that does not match the row before, or a hash that does not match the row's content
 * are breaks.
 */
export class ChainVerifier {
  private previous: Uint8Array | null = null;
  private expectedSeq = 0;
  private firstSeq: number | null = null;
  private checked = 0;
  private broken: ChainVerification | null = null;

  constructor(private readonly tenantId: string) {}

  /** Checks the next row; false once the chain is broken (later rows need not be read). */
  add(row: StoredLink): boolean {
    if (this.broken) return false;
    const seq = row.entry.seq;
    if (this.firstSeq === null) {
      this.firstSeq = seq;
      this.expectedSeq = seq;
      this.previous = seq === 1 ? genesisHash(this.tenantId) : row.prevHash;
    }
    this.checked++;
    const breakHere = (why: string) => {
      this.broken = { status: "broken", checked: this.checked, brokenAt: seq, message: `Entry ${seq}: ${why}` };
      return false;
    };
    if (seq !== this.expectedSeq) return breakHere(`expected entry ${this.expectedSeq} here (an entry is missing)`);
    if (!Buffer.from(row.prevHash).equals(Buffer.from(this.previous!))) return breakHere("does not link to the entry before it");
    const recomputed = linkHash(this.previous!, this.tenantId, row.entry);
    if (!recomputed.equals(Buffer.from(row.hash))) return breakHere("its content does not match its hash (changed after it was written)");
    this.previous = recomputed;
    this.expectedSeq = seq + 1;
    return true;
  }

  result(): ChainVerification {
    if (this.broken) return this.broken;
    if (this.firstSeq === null) return { status: "empty", checked: 0, brokenAt: null, message: "No entries" };
    const from = this.firstSeq === 1 ? "from the genesis" : `from entry ${this.firstSeq} (older ones removed by retention)`;
    return { status: "intact", checked: this.checked, brokenAt: null, message: `${this.checked} entries link and hash as stored, ${from}` };
  }
}
