import { hash, verify } from "@node-rs/argon2";

// argon2id through @node-rs/argon2 (a maintained binding shipped as per-platform npm packages, no
// install script). It runs on libuv's thread pool, so a sign-in does not block the event loop.
// Parameters: the library's defaults, which are OWASP's argon2id minimum (19 MiB, 2 passes).

export const MIN_PASSWORD_LENGTH = 12;
/** Bounded before hashing: argon2 would take a megabyte of "password" as readily as twelve characters. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a new password cannot be used, or null when it can. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return "Use something other than your email address";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches `stored`; false (not an error) for a hash that does not parse. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | null = null;
/**
 * A sign-in for an unknown email or an account without a password still spends one hash, so the
 * answer's timing does not tell which emails have accounts.
 */
export async function spendDecoyVerify(password: string): Promise<void> {
  decoy ??= hash("decoy password that matches nothing");
  await verifyPassword(await decoy, password);
}
