import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface SelfSignedCert {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: Buffer;
  /** Removes the folder holding the files. */
  dispose(): void;
}

/**
 * A throwaway certificate for 127.0.0.1 and localhost, made by the system's openssl (Node has no
 * API that signs certificates). Clients trust it by passing `cert` as their CA.
 */
export function selfSignedCert(): SelfSignedCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-tls-"));
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ], { stdio: "ignore" });
  return { dir, certFile, keyFile, cert: fs.readFileSync(certFile), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
