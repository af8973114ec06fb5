import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { serverRuntime } from "@/lib/runtime/registry";

// The one-time setup token: printed by the server at start while no API key exists, it is the
// only way to create the first key over HTTP (`Authorization: Bearer <token>` on
// POST /api/v1/api-keys, or the sign-in page). Only its hash is kept, in memory; it dies with the
// process and is spent by the first key.

const SETUP_PREFIX = "cst_";

const digest = (token: string) => createHash("sha256").update(token, "utf8").digest();

export function isSetupTokenShaped(value: string): boolean {
  return value.startsWith(SETUP_PREFIX);
}

/** A new token for this process; returns it to print. */
export function issueSetupToken(): string {
  const token = `${SETUP_PREFIX}${randomBytes(24).toString("base64url")}`;
  serverRuntime().setupTokenHash = digest(token).toString("hex");
  return token;
}

/** Whether `candidate` is this process's unspent setup token (constant-time). */
export function matchesSetupToken(candidate: string): boolean {
  const stored = serverRuntime().setupTokenHash;
  if (!stored || !isSetupTokenShaped(candidate)) return false;
  return timingSafeEqual(Buffer.from(stored, "hex"), digest(candidate));
}

/** Spent: once the first key exists, the token opens nothing. */
export function forgetSetupToken(): void {
  serverRuntime().setupTokenHash = null;
}
