import { createPublicKey, verify as verifySignature } from "node:crypto";
import {
  chainHead,
  chainLinks,
  checkpointMessage,
  eventDigest,
  keyIdOf,
  merkleLeaf,
  orderEvents,
  rootFromProof,
  type ChainEvent,
  type CheckpointBody,
  type ProofStep,
} from "./chain";

/** A run's ledger with everything needed to check it without the server (docs/ledger-format.md). */
export interface LedgerBundle {
  format: "codon-ledger-bundle/1";
  tenant: string;
  runId: string;
  /** In canonical order. */
  events: ChainEvent[];
  chain: { seal: number; links: string[]; head: string };
  /** Null while the run's seal is not yet in a signed checkpoint. */
  checkpoint: (CheckpointBody & { signature: string }) | null;
  inclusionProof: { leafIndex: number; steps: ProofStep[] } | null;
  publicKey: { keyId: string; algorithm: "Ed25519"; pem: string } | null;
}

export interface BundleCheck {
  /** verified: chain and signed checkpoint agree; pending: the chain agrees but no checkpoint signs it yet; broken: something differs. */
  status: "verified" | "pending" | "broken";
  problems: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isNullableString = (value: unknown) => value === null || typeof value === "string";

function shapeProblem(bundle: unknown): string | null {
  if (!isObject(bundle)) return "the bundle is not a JSON object";
  if (bundle.format !== "codon-ledger-bundle/1") return `unknown format ${JSON.stringify(bundle.format)} (expected codon-ledger-bundle/1)`;
  if (typeof bundle.tenant !== "string" || typeof bundle.runId !== "string") return "tenant and runId must be strings";
  if (!Array.isArray(bundle.events)) return "events must be a list";
  for (const [i, event] of bundle.events.entries()) {
    if (!isObject(event) || typeof event.type !== "string" || typeof event.time !== "string" || !/^\d+$/.test(event.time)) return `events[${i}]: needs a type and a time (decimal nanoseconds)`;
    for (const key of ["tokenId", "parentTokenId", "sourceNode", "targetNode", "traceId", "spanId"]) if (!isNullableString(event[key])) return `events[${i}].${key}: must be a string or null`;
    if (!Array.isArray(event.lineage) || !event.lineage.every((item) => typeof item === "string")) return `events[${i}].lineage: must be a list of strings`;
    if (!isObject(event.metadata)) return `events[${i}].metadata: must be an object`;
  }
  const chain = bundle.chain;
  if (!isObject(chain) || !Number.isInteger(chain.seal) || !Array.isArray(chain.links) || typeof chain.head !== "string") return "chain must be {seal, links, head}";
  if (!chain.links.every((link) => typeof link === "string" && HEX64.test(link)) || !HEX64.test(chain.head)) return "chain links and head must be 64 hex digits";
  return null;
}

/**
 * Checks a bundle offline: the events are in canonical order, every link recomputes, the head is
 * the last link, the seal's leaf and proof lead to the checkpoint's root, and the checkpoint's
 * Ed25519 signature verifies with the bundled key, whose id matches. Pass `trustedKeyIds` (the
 * ids GET /api/v1/audit/public-key published) so a bundle signed by some other key fails.
 */
export function verifyBundle(bundle: unknown, options: { trustedKeyIds?: readonly string[] } = {}): BundleCheck {
  const shape = shapeProblem(bundle);
  if (shape !== null) return { status: "broken", problems: [shape] };
  const b = bundle as LedgerBundle;
  const problems: string[] = [];
  const ordered = orderEvents(b.events);
  const misplaced = ordered.findIndex((event, i) => eventDigest(event) !== eventDigest(b.events[i]!));
  if (misplaced >= 0) problems.push(`events are not in canonical order from event ${misplaced} (by time, then digest)`);
  const links = chainLinks(b.runId, ordered).map((link) => link.toString("hex"));
  if (links.length !== b.chain.links.length) problems.push(`the chain has ${b.chain.links.length} links for ${links.length} events`);
  const broken = links.findIndex((link, i) => link !== b.chain.links[i]);
  if (broken >= 0) problems.push(`broken at event ${broken}: its link recomputes as ${links[broken]}, the chain says ${b.chain.links[broken] ?? "nothing"}`);
  const head = chainHead(b.runId, links.map((link) => Buffer.from(link, "hex"))).toString("hex");
  if (head !== b.chain.head) problems.push(`the head recomputes as ${head}, the chain says ${b.chain.head}`);
  if (problems.length > 0) return { status: "broken", problems };
  if (b.checkpoint === null || b.inclusionProof === null || b.publicKey === null) return { status: "pending", problems: ["the chain is intact but no signed checkpoint covers it yet"] };

  const checkpoint = b.checkpoint;
  if (checkpoint.tenant !== b.tenant) problems.push(`the checkpoint is tenant ${checkpoint.tenant}'s, the bundle tenant ${b.tenant}'s`);
  const root = rootFromProof(merkleLeaf(b.runId, b.chain.seal, b.chain.head), b.inclusionProof.steps).toString("hex");
  if (root !== checkpoint.root) problems.push(`the inclusion proof leads to root ${root}, the checkpoint's is ${checkpoint.root}`);
  try {
    const key = createPublicKey(b.publicKey.pem);
    const raw = key.export({ format: "der", type: "spki" }).subarray(-32);
    if (key.asymmetricKeyType !== "ed25519") problems.push("the public key is not an Ed25519 key");
    else if (keyIdOf(raw) !== b.publicKey.keyId || b.publicKey.keyId !== checkpoint.keyId) problems.push(`the checkpoint names key ${checkpoint.keyId}, the bundled key is ${keyIdOf(raw)}`);
    else if (!verifySignature(null, Buffer.from(checkpointMessage(checkpoint)), key, Buffer.from(checkpoint.signature, "base64"))) problems.push("the checkpoint's signature does not verify");
  } catch (error) {
    problems.push(`the public key cannot be read: ${(error as Error).message}`);
  }
  if (options.trustedKeyIds && !options.trustedKeyIds.includes(checkpoint.keyId)) problems.push(`key ${checkpoint.keyId} is not one of the trusted keys (${options.trustedKeyIds.join(", ")})`);
  return problems.length > 0 ? { status: "broken", problems } : { status: "verified", problems: [] };
}
