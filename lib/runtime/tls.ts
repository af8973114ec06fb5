import fs from "node:fs";
import tls from "node:tls";
import { ConfigError, type TlsFilePaths } from "@/lib/runtime/config";

/** A certificate chain and its private key, read once at start and shared by the dashboard and both receivers. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

function readPem(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * Reads and checks the PEM files. A key that does not match its certificate fails here, at start,
 * rather than at the first client's handshake; either way a ConfigError the start banner shows.
 */
export function readTlsMaterial(paths: TlsFilePaths): TlsMaterial {
  const material = { cert: readPem(paths.certFile, "TLS_CERT_FILE"), key: readPem(paths.keyFile, "TLS_KEY_FILE") };
  try {
    tls.createSecureContext(material);
  } catch (error) {
    throw new ConfigError(`TLS_CERT_FILE / TLS_KEY_FILE are not a usable PEM certificate and matching private key: ${(error as Error).message}`);
  }
  return material;
}
