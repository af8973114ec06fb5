import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { createKeyWithCli, spawnServer } from "@/e2e/server-process";
import { selfSignedCert, type SelfSignedCert } from "@/test-support/self-signed-cert";

// TLS_CERT_FILE / TLS_KEY_FILE on a real server process: the dashboard serves https (and its session
// cookie is Secure), plaintext is refused. The receivers over TLS are covered in collector/tls.test.ts.
const PORTS = { web: 3240 + E2E_PORT_OFFSET, grpc: 14357 + E2E_PORT_OFFSET, http: 14358 + E2E_PORT_OFFSET };

test.describe.configure({ timeout: 180_000 });

let cert: SelfSignedCert;
let dataDir: string;
test.beforeAll(() => {
  cert = selfSignedCert();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-tls-e2e-"));
});
test.afterAll(() => {
  cert.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An https request trusting only the test certificate. */
function request(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port: PORTS.web, path: pathname, method: init.method ?? "GET", headers: init.headers, ca: cert.cert, servername: "localhost" }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

async function waitForHttps(output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await request("/api/health").catch(() => null))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy over https:\n${output()}`);
}

test("with a certificate the dashboard serves https only, and sign-in sets a Secure cookie", async () => {
  const key = createKeyWithCli(dataDir, "acme", "read");
  const server = spawnServer({
    HOST: "127.0.0.1",
    PORT: String(PORTS.web),
    OTLP_GRPC_PORT: String(PORTS.grpc),
    OTLP_HTTP_PORT: String(PORTS.http),
    DATA_DIR: dataDir,
    TLS_CERT_FILE: cert.certFile,
    TLS_KEY_FILE: cert.keyFile,
  });
  try {
    await waitForHttps(server.output);
    expect(server.output()).toContain(`Dashboard:  https://127.0.0.1:${PORTS.web}`);
    expect(server.output()).toContain(`OTLP HTTP:  https://127.0.0.1:${PORTS.http}`);
    await expect(fetch(`http://127.0.0.1:${PORTS.web}/api/health`)).rejects.toThrow();

    const origin = `https://127.0.0.1:${PORTS.web}`;
    const signedIn = await request("/api/v1/session", {
      method: "POST",
      headers: { "content-type": "application/json", origin, "sec-fetch-site": "same-origin", host: `127.0.0.1:${PORTS.web}` },
      body: JSON.stringify({ apiKey: key }),
    });
    expect(signedIn.status, signedIn.body).toBe(200);
    const cookie = String(signedIn.headers["set-cookie"]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
  } finally {
    expect((await server.stop()).code).toBe(0);
  }
});
