// The tamper-evident ledger's wire shapes (docs/ledger-format.md). The SDK (sdk/src/ledger-chain/)
// is a package of its own and keeps its own copy of the bundle's type; collector/ledger/verify.ts
// fails to compile if the two drift apart.

/** One audit event as the chain covers it; `time` is nanoseconds since the epoch as a decimal string. */
export interface LedgerChainEvent {
  type: string;
  time: string;
  tokenId: string | null;
  parentTokenId: string | null;
  sourceNode: string | null;
  targetNode: string | null;
  lineage: string[];
  metadata: { [key: string]: unknown };
  traceId: string | null;
  spanId: string | null;
}

/** A signed Merkle root over one period's seals of a tenant. */
export interface LedgerCheckpoint {
  format: "codon-ledger-checkpoint/1";
  tenant: string;
  id: string;
  createdAt: string;
  root: string;
  leafCount: number;
  keyId: string;
  /** Ed25519 over the checkpoint's canonical JSON (without this field), base64. */
  signature: string;
}

/** GET /api/v1/runs/{runId}/ledger/export: a run's ledger with everything needed to check it offline. */
export interface LedgerBundle {
  format: "codon-ledger-bundle/1";
  tenant: string;
  runId: string;
  /** In canonical order (time, then digest). */
  events: LedgerChainEvent[];
  chain: { seal: number; links: string[]; head: string };
  /** Null until a checkpoint signs the seal (as are the proof and the key). */
  checkpoint: LedgerCheckpoint | null;
  inclusionProof: { leafIndex: number; steps: { side: "left" | "right"; hash: string }[] } | null;
  publicKey: { keyId: string; algorithm: "Ed25519"; pem: string } | null;
}

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
  brokenAt: { index: number; sealedLink: string | null; recomputedLink: string | null; event: LedgerChainEvent | null } | null;
}

/** GET /api/v1/audit/public-key: every key that signs or signed checkpoints, newest first. */
export interface AuditPublicKeys {
  keys: { keyId: string; algorithm: string; publicKeyPem: string; createdAt: string; current: boolean }[];
}
