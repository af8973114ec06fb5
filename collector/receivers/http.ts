import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "../../lib/log";

const log = createLogger("otlp-http");

export interface HttpReceiver {
  address: AddressInfo;
  close(): Promise<void>;
}

const OTLP_PATHS = new Set(["/v1/traces", "/v1/logs"]);
const RETRY_AFTER_SECONDS = 30;

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/**
 * OTLP/HTTP receiver. Until the ingest pipeline lands it answers 503 with Retry-After, which
 * standard exporters treat as "retry later", so nothing a sender exports is lost by reaching it early.
 */
export async function startHttpReceiver(options: { host?: string; port: number }): Promise<HttpReceiver> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    if (!OTLP_PATHS.has(url.pathname)) {
      sendJson(res, 404, { error: { code: "not_found", message: `No OTLP endpoint at ${url.pathname}; use POST /v1/traces or /v1/logs` } });
      return;
    }
    if (req.method !== "POST") {
      sendJson(res, 405, { error: { code: "method_not_allowed", message: "OTLP endpoints accept POST only" } }, { allow: "POST" });
      return;
    }
    log.warn("export refused: ingestion not enabled yet", { path: url.pathname });
    // The body is not read; closing the connection afterwards stops the client from streaming it.
    sendJson(
      res,
      503,
      { error: { code: "unavailable", message: "OTLP ingestion is not enabled in this build yet; retry later" } },
      { "retry-after": String(RETRY_AFTER_SECONDS), connection: "close" },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then connections are cut.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}
