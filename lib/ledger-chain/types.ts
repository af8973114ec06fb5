import type { ChainEvent } from "@/sdk/src/ledger-chain/chain";

export type { LedgerBundle } from "@/sdk/src/ledger-chain/bundle";

/** GET /api/v1/runs/{runId}/ledger/verify. */
export interface LedgerVerification {
  runId: string;
  /** verified: the chain recomputes and a signed checkpoint covers it; pending: not sealed or not yet signed; broken: something differs; none: the run has no audit events. */
  status: "verified" | "pending" | "broken" | "none";
  /** One line: what was checked, or what differs. */
  message: string;
  /** 0 before the first seal; more than 1 after late events were sealed again. */
  seal: number;
  eventCount: number;
  head: string | null;
  sealedAt: string | null;
  checkpoint: { id: string; createdAt: string; keyId: string; root: string } | null;
  /** The first event whose link differs: its index in canonical order, both links, and the event that stands there now (null: none). */
  brokenAt: { index: number; sealedLink: string | null; recomputedLink: string | null; event: ChainEvent | null } | null;
}

/** GET /api/v1/audit/public-key: every key that signs or signed checkpoints, newest first. */
export interface AuditPublicKeys {
  keys: { keyId: string; algorithm: string; publicKeyPem: string; createdAt: string; current: boolean }[];
}
