import { createPublicKey, verify as verifySignature } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { chainEventsOf, unpackHashes } from "@/collector/ledger/run-events";
import type { LedgerBundle as SdkLedgerBundle } from "@/sdk/src/ledger-chain/bundle";
import { chainLinks, checkpointMessage, eventDigest, inclusionProof, merkleLeaf, orderEvents, rootFromProof, type ChainEvent, type CheckpointBody } from "@/sdk/src/ledger-chain/chain";
import type { LedgerBundle, LedgerVerification } from "@/lib/ledger-chain/types";

interface Sealed {
  seal: number;
  eventCount: number;
  head: string;
  links: string[];
  digests: string[];
  stale: boolean;
  broken: string | null;
  sealedAt: string | null;
}

async function sealedChain(db: Kysely<DB>, tenantId: string, runId: string): Promise<Sealed | null> {
  const row = await db.selectFrom("ledger_chains").selectAll().where("tenant_id", "=", tenantId).where("run_id", "=", runId).executeTakeFirst();
  if (!row || row.seal === 0 || row.head === null) return null;
  return {
    seal: row.seal,
    eventCount: row.event_count,
    head: row.head,
    links: unpackHashes(row.links),
    digests: unpackHashes(row.digests),
    stale: row.stale,
    broken: row.broken,
    sealedAt: row.sealed_at === null ? null : new Date(row.sealed_at).toISOString(),
  };
}

/** The sealed events as they stand now: each current event whose digest the seal holds, in canonical order (late ones left for the next seal). */
function sealedEventsNow(sealed: Sealed, events: readonly ChainEvent[]): ChainEvent[] {
  const wanted = new Map<string, number>();
  for (const digest of sealed.digests) wanted.set(digest, (wanted.get(digest) ?? 0) + 1);
  const kept: ChainEvent[] = [];
  for (const event of orderEvents(events)) {
    const digest = eventDigest(event);
    const left = wanted.get(digest) ?? 0;
    if (left === 0) continue;
    wanted.set(digest, left - 1);
    kept.push(event);
  }
  return kept;
}

interface Signed {
  checkpoint: CheckpointBody & { signature: string };
  steps: ReturnType<typeof inclusionProof>;
  leafIndex: number;
  publicKeyPem: string | null;
}

/** The checkpoint that signed the run's seal, with the seal's inclusion proof; null while none has. */
async function signedCheckpoint(db: Kysely<DB>, tenantId: string, runId: string, seal: number): Promise<Signed | null> {
  const row = await db.selectFrom("ledger_seals").select(["checkpoint_id", "leaf_index"]).where("tenant_id", "=", tenantId).where("run_id", "=", runId).where("seal", "=", seal).executeTakeFirst();
  if (!row || row.checkpoint_id === null || row.leaf_index === null) return null;
  const checkpoint = await db.selectFrom("ledger_checkpoints").selectAll().where("tenant_id", "=", tenantId).where("id", "=", row.checkpoint_id).executeTakeFirst();
  if (!checkpoint) return null;
  const packed = Buffer.from(checkpoint.leaves);
  const leaves: Buffer[] = [];
  for (let i = 0; i + 32 <= packed.length; i += 32) leaves.push(packed.subarray(i, i + 32));
  const key = await db.selectFrom("audit_keys").select("public_key").where("key_id", "=", checkpoint.key_id).executeTakeFirst();
  return {
    checkpoint: {
      format: "codon-ledger-checkpoint/1",
      tenant: tenantId,
      id: String(checkpoint.id),
      createdAt: new Date(checkpoint.created_at).toISOString(),
      root: checkpoint.root,
      leafCount: checkpoint.leaf_count,
      keyId: checkpoint.key_id,
      signature: checkpoint.signature,
    },
    steps: inclusionProof(leaves, row.leaf_index),
    leafIndex: row.leaf_index,
    publicKeyPem: key?.public_key ?? null,
  };
}

const describeEvent = (event: ChainEvent | undefined) =>
  event ? `${event.type}${event.tokenId ? ` of token ${event.tokenId}` : ""}${event.sourceNode || event.targetNode ? ` (${event.sourceNode ?? "?"} → ${event.targetNode ?? "?"})` : ""} at ${event.time}` : "no event";

/**
 * Recomputes the run's sealed chain from the events stored now and checks its checkpoint: the
 * seal's leaf and proof lead to the root, and the root's signature verifies with the key that
 * signed it. `broken` names the first event whose link differs and what stands there now.
 */
export async function verifyRunLedger(db: Kysely<DB>, tenantId: string, runId: string): Promise<LedgerVerification> {
  const sealed = await sealedChain(db, tenantId, runId);
  const base = { runId, seal: sealed?.seal ?? 0, eventCount: sealed?.eventCount ?? 0, head: sealed?.head ?? null, sealedAt: sealed?.sealedAt ?? null, checkpoint: null, brokenAt: null };
  if (!sealed) {
    const any = await db.selectFrom("audit_events").select("id").where("tenant_id", "=", tenantId).where("run_id", "=", runId).limit(1).executeTakeFirst();
    if (!any) return { ...base, status: "none", message: "the run has no audit ledger" };
    return { ...base, status: "pending", message: "not sealed yet: a run's ledger is sealed a few seconds after it finishes" };
  }
  const events = await chainEventsOf(db, tenantId, runId);
  if (events === null) return { ...base, status: "broken", message: "the run now holds more audit events than can be chained" };
  const now = sealedEventsNow(sealed, events);
  const links = chainLinks(runId, now).map((link) => link.toString("hex"));
  const first = links.findIndex((link, i) => link !== sealed.links[i]);
  const at = first >= 0 ? first : links.length < sealed.links.length ? links.length : -1;
  if (at >= 0) {
    const gone = sealed.links.length - links.length;
    return {
      ...base,
      status: "broken",
      brokenAt: { index: at, sealedLink: sealed.links[at] ?? null, recomputedLink: links[at] ?? null, event: now[at] ?? null },
      message: `broken at event ${at}: ${gone > 0 ? `${gone} sealed event(s) are gone or changed; ` : ""}what stands there now (${describeEvent(now[at])}) is not what was sealed`,
    };
  }
  if (sealed.broken) return { ...base, status: "broken", message: sealed.broken };
  // Events the seal does not hold: late ones came through ingest, which flagged the chain for
  // another seal; any other was put in the table behind the collector's back.
  const extra = events.length - now.length;
  if (extra > 0 && !sealed.stale) return { ...base, status: "broken", message: `${extra} stored event(s) are in no seal and did not come through ingest (inserted?)` };
  if (extra > 0) return { ...base, status: "pending", message: `${extra} late event(s) wait for the next seal` };
  const signed = await signedCheckpoint(db, tenantId, runId, sealed.seal);
  if (!signed) return { ...base, status: "pending", message: "sealed; waiting for the next signed checkpoint" };
  const checkpoint = { id: signed.checkpoint.id, createdAt: signed.checkpoint.createdAt, keyId: signed.checkpoint.keyId, root: signed.checkpoint.root };
  const root = rootFromProof(merkleLeaf(runId, sealed.seal, sealed.head), signed.steps).toString("hex");
  if (root !== signed.checkpoint.root) return { ...base, checkpoint, status: "broken", message: `the seal's inclusion proof leads to ${root}, not to checkpoint ${checkpoint.id}'s root` };
  if (signed.publicKeyPem === null) return { ...base, checkpoint, status: "broken", message: `key ${checkpoint.keyId} that signed checkpoint ${checkpoint.id} is not known` };
  const { signature, ...body } = signed.checkpoint;
  if (!verifySignature(null, Buffer.from(checkpointMessage(body)), createPublicKey(signed.publicKeyPem), Buffer.from(signature, "base64"))) {
    return { ...base, checkpoint, status: "broken", message: `checkpoint ${checkpoint.id}'s signature does not verify` };
  }
  return { ...base, checkpoint, status: "verified", message: `${sealed.eventCount} events chained, sealed ${sealed.seal === 1 ? "once" : `${sealed.seal} times`}, signed in checkpoint ${checkpoint.id}` };
}

/** The run's evidence bundle: the events as stored now (the sealed ones while late ones wait), the sealed chain, the checkpoint, the proof and the key. Null when not sealed. */
// The SDK's bundle (what is built and verified) must be the wire type (lib) the API documents:
// a field added to or changed in one but not the other stops this from compiling.
type Fits<A, B> = [A] extends [B] ? true : never;
const sdkBundleFitsWireType: Fits<SdkLedgerBundle, LedgerBundle> & Fits<keyof LedgerBundle, keyof SdkLedgerBundle> = true;
void sdkBundleFitsWireType;

export async function exportRunLedger(db: Kysely<DB>, tenantId: string, runId: string): Promise<LedgerBundle | null> {
  const sealed = await sealedChain(db, tenantId, runId);
  if (!sealed) return null;
  const events = (await chainEventsOf(db, tenantId, runId)) ?? [];
  const signed = await signedCheckpoint(db, tenantId, runId, sealed.seal);
  return {
    format: "codon-ledger-bundle/1",
    tenant: tenantId,
    runId,
    // Late events waiting for their seal stay out; otherwise every stored event goes in, so one
    // inserted behind the collector's back fails the offline check as it fails here.
    events: sealed.stale ? sealedEventsNow(sealed, events) : orderEvents(events),
    chain: { seal: sealed.seal, links: sealed.links, head: sealed.head },
    checkpoint: signed?.checkpoint ?? null,
    inclusionProof: signed ? { leafIndex: signed.leafIndex, steps: signed.steps } : null,
    publicKey: signed?.publicKeyPem ? { keyId: signed.checkpoint.keyId, algorithm: "Ed25519", pem: signed.publicKeyPem } : null,
  };
}
