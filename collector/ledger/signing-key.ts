import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { keyIdOf } from "@/sdk/src/ledger-chain/chain";

/** The installation's Ed25519 key that signs ledger checkpoints. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`the audit signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return { keyId: keyIdOf(raw), privateKey, publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString() };
}

/** A key for this process only (tests, or a collector started without ledger settings). */
export const ephemeralSigningKey = (): SigningKey => fromPrivate(generateKeyPairSync("ed25519").privateKey);

/**
 * The signing key: `pem` (AUDIT_SIGNING_KEY, a PKCS#8 PEM) when given, else the key file, made at
 * first start (mode 0600) when missing. Replacing either rotates the key: checkpoints signed
 * before stay verifiable, as every public key is kept in audit_keys.
 */
export function loadSigningKey(options: { pem: string | null; file: string }): SigningKey {
  if (options.pem) return fromPrivate(createPrivateKey(options.pem));
  if (fs.existsSync(options.file)) return fromPrivate(createPrivateKey(fs.readFileSync(options.file, "utf8")));
  const { privateKey } = generateKeyPairSync("ed25519");
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  // wx: two collectors starting at once on one folder must not overwrite each other's key.
  try {
    fs.writeFileSync(options.file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fromPrivate(createPrivateKey(fs.readFileSync(options.file, "utf8")));
  }
  return fromPrivate(privateKey);
}

/** Publishes the key's public half (kept for good: old checkpoints verify with it after a rotation). */
export async function registerPublicKey(db: Kysely<DB>, key: SigningKey): Promise<void> {
  await db.insertInto("audit_keys").values({ key_id: key.keyId, public_key: key.publicKeyPem }).onConflict((oc) => oc.column("key_id").doNothing()).execute();
}
