import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "../canonical-json";

// The tamper-evident ledger, format `codon-ledger/1` (docs/ledger-format.md): every function here
// is the reference for what an auditor recomputes. Node's crypto only, so the verifier runs anywhere.

export const LEDGER_FORMAT = "codon-ledger/1";

/** One audit event as the chain covers it. Times are nanoseconds since the epoch, as decimal strings. */
export interface ChainEvent {
  type: string;
  time: string;
  tokenId: string | null;
  parentTokenId: string | null;
  sourceNode: string | null;
  targetNode: string | null;
  lineage: string[];
  metadata: { [key: string]: JsonValue };
  traceId: string | null;
  spanId: string | null;
}

const sha256 = (...parts: (string | Uint8Array)[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The event's canonical JSON: keys sorted, no spaces, non-ASCII escaped (Python's json.dumps(sort_keys=True, separators=(",", ":"))). */
export function canonicalEvent(event: ChainEvent): string {
  return canonicalJson({
    lineage: event.lineage,
    metadata: event.metadata,
    parent_token_id: event.parentTokenId,
    source_node: event.sourceNode,
    span_id: event.spanId,
    target_node: event.targetNode,
    time_unix_nano: event.time,
    token_id: event.tokenId,
    trace_id: event.traceId,
    type: event.type,
  });
}

/** SHA-256 of the canonical JSON, hex: the tiebreak between events of one nanosecond. */
export const eventDigest = (event: ChainEvent): string => sha256(canonicalEvent(event)).toString("hex");

/** Canonical order: by time, then by digest. The same set of events has one order, however it arrived. */
export function orderEvents(events: readonly ChainEvent[]): ChainEvent[] {
  const keyed = events.map((event) => ({ event, time: BigInt(event.time), digest: eventDigest(event) }));
  keyed.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  return keyed.map((entry) => entry.event);
}

/** The hash before the first event: binds the chain to its run. */
export const genesisHash = (runId: string): Buffer => sha256(`${LEDGER_FORMAT}\n`, runId);

/** Each event's link, in canonical order: hash_i = SHA-256(hash_{i-1} ‖ canonical_json(event_i)), hash_0 = the genesis. */
export function chainLinks(runId: string, ordered: readonly ChainEvent[]): Buffer[] {
  const links: Buffer[] = [];
  let previous = genesisHash(runId);
  for (const event of ordered) {
    previous = sha256(previous, canonicalEvent(event));
    links.push(previous);
  }
  return links;
}

/** The chain's head: the last link, or the genesis of a run without events. */
export const chainHead = (runId: string, links: readonly Buffer[]): Buffer => links.at(-1) ?? genesisHash(runId);

// A checkpoint is a Merkle tree (RFC 6962 shape) over the heads of the runs sealed in one period.

/** A leaf: SHA-256(0x00 ‖ canonical_json({run_id, seal, head})). */
export const merkleLeaf = (runId: string, seal: number, head: string): Buffer => sha256(Buffer.from([0]), canonicalJson({ head, run_id: runId, seal }));
const merkleNode = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/** The root over leaves in order: pairs hashed level by level, an odd last node carried up unchanged. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256("");
  let level = [...leaves];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merkleNode(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** One step of an inclusion proof: the sibling's hash and which side it is on. */
export interface ProofStep {
  side: "left" | "right";
  hash: string;
}

/** The siblings from the leaf at `index` up to the root. */
export function inclusionProof(leaves: readonly Buffer[], index: number): ProofStep[] {
  const steps: ProofStep[] = [];
  let level = [...leaves];
  let position = index;
  while (level.length > 1) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) steps.push({ side: position % 2 === 0 ? "right" : "left", hash: level[sibling]!.toString("hex") });
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merkleNode(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
    position = Math.floor(position / 2);
  }
  return steps;
}

/** The root a leaf and its proof lead to. */
export function rootFromProof(leaf: Buffer, proof: readonly ProofStep[]): Buffer {
  let hash = leaf;
  for (const step of proof) {
    const sibling = Buffer.from(step.hash, "hex");
    hash = step.side === "left" ? merkleNode(sibling, hash) : merkleNode(hash, sibling);
  }
  return hash;
}

/** What a checkpoint's signature covers. */
export interface CheckpointBody {
  format: "codon-ledger-checkpoint/1";
  tenant: string;
  id: string;
  createdAt: string;
  root: string;
  leafCount: number;
  keyId: string;
}

/** The exact bytes signed: the checkpoint's canonical JSON. */
export const checkpointMessage = (body: CheckpointBody): string =>
  canonicalJson({ createdAt: body.createdAt, format: body.format, id: body.id, keyId: body.keyId, leafCount: body.leafCount, root: body.root, tenant: body.tenant });

/** A key's id: the first 16 hex digits of SHA-256 over its raw 32-byte Ed25519 public key. */
export const keyIdOf = (rawPublicKey: Uint8Array): string => sha256(rawPublicKey).toString("hex").slice(0, 16);
