import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createLogger } from "@/lib/runtime/log";
import type { TlsMaterial } from "@/lib/runtime/tls";
import type { Authenticator } from "@/collector/auth";
import { apiKeyFrom } from "@/lib/auth/request-key";
import { allowedHosts, isHostAllowed, type AllowedHosts } from "@/lib/http/allowed-hosts";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits, type Encoding } from "@/collector/decode";
import { asExportError, InvalidExportError, PayloadTooLargeError, refusalMessage, UnsupportedMediaTypeError, type ExportError } from "@/collector/pipeline/errors";
import type { ExportService } from "@/collector/pipeline/export";
import { decodeAndExport } from "@/collector/receivers/decode-export";
import { encodeExportResponse, encodeStatus, exportResponseJson, statusJson, type Signal } from "@/collector/receivers/otlp-response";

const log = createLogger("otlp-http");
const gunzip = promisify(zlib.gunzip);

export interface HttpReceiver {
  address: AddressInfo;
  close(): Promise<void>;
}

export interface HttpReceiverOptions {
  host?: string;
  port: number;
  maxBodyBytes: number;
  exporter: ExportService;
  auth: Authenticator;
  limits?: DecodeLimits;
  /** Serve HTTPS with this certificate; absent: plain HTTP. */
  tls?: TlsMaterial | null;
  /** Host names a key-less export may name while no key exists (default: the loopback names). */
  keylessHosts?: AllowedHosts;
  /** On close, how long exports in flight may take to finish before connections are cut. */
  closeGraceMs?: number;
}

const HOST_REFUSED = "Misdirected request: this collector answers key-less exports only under its loopback names (or ALLOWED_HOSTS)";
const ROUTES: Record<string, Signal> = { "/v1/traces": "traces", "/v1/logs": "logs", "/v1/metrics": "metrics" };

function mediaType(req: http.IncomingMessage): Encoding {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new UnsupportedMediaTypeError(
    `Unsupported Content-Type "${type || "(none)"}": send application/x-protobuf or application/json`,
  );
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new PayloadTooLargeError(`Body of ${declared} bytes exceeds the limit of ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    // The client may already be gone (it hung up while the API key was checked).
    if (req.destroyed || req.readableAborted) return reject(new InvalidExportError("The client closed the request before sending its body"));
    req.once("close", () => {
      if (!req.complete) reject(new InvalidExportError("The client closed the request before sending its body"));
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(new PayloadTooLargeError(`Body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

async function inflate(req: http.IncomingMessage, body: Buffer, limit: number): Promise<Buffer> {
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (encoding !== "gzip") {
    throw new UnsupportedMediaTypeError(`Unsupported Content-Encoding "${encoding}": send gzip or no encoding`);
  }
  try {
    // maxOutputLength stops inflating at the limit, so a gzip bomb never grows past it in memory.
    return await gunzip(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(`Body exceeds the limit of ${limit} bytes after gzip decompression`);
    }
    throw new InvalidExportError(`Body is not valid gzip: ${(error as Error).message}`);
  }
}

function send(res: http.ServerResponse, status: number, encoding: Encoding, body: Buffer | string, headers: http.OutgoingHttpHeaders = {}) {
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "content-type": encoding === "protobuf" ? "application/x-protobuf" : "application/json",
    "content-length": payload.length,
    ...headers,
  });
  res.end(payload);
}

function sendError(res: http.ServerResponse, encoding: Encoding, error: ExportError, path: string) {
  const headers: http.OutgoingHttpHeaders = {};
  if (error.retryAfterSeconds !== null) headers["retry-after"] = String(error.retryAfterSeconds);
  // Stop a client still streaming a refused body.
  if (error instanceof PayloadTooLargeError) headers.connection = "close";
  const message = refusalMessage(error, log, { path });
  const body = encoding === "protobuf" ? encodeStatus(error.grpcCode, message) : statusJson(error.grpcCode, message);
  send(res, error.httpStatus, encoding, body, headers);
}

/** OTLP/HTTP receiver: POST /v1/traces, /v1/logs and /v1/metrics, protobuf or JSON, optionally gzip. */
export async function startHttpReceiver(options: HttpReceiverOptions): Promise<HttpReceiver> {
  const limits = options.limits ?? DEFAULT_DECODE_LIMITS;
  const keylessHosts = options.keylessHosts ?? allowedHosts([]);
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Only the path matters; never let a malformed request line throw outside the handler.
    const path = (req.url ?? "/").split("?")[0]!;
    const signal = ROUTES[path];
    if (!signal) {
      send(res, 404, "json", statusJson(5, `No OTLP endpoint at ${path}; use POST /v1/traces, /v1/logs or /v1/metrics`));
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, "json", statusJson(12, "OTLP endpoints accept POST only"), { allow: "POST" });
      return;
    }
    let encoding: Encoding = "json";
    try {
      encoding = mediaType(req);
      const key = apiKeyFrom((name) => req.headers[name] as string | undefined);
      // No key exists, so anything reaching this loopback port may send: a web page that rebinds
      // its own name to 127.0.0.1 could too, with its name in Host. Keys, once they exist, stop it.
      if (key === null && !isHostAllowed(keylessHosts, req.headers.host) && (await options.auth.keys.mode()) === "open") {
        log.warn("key-less export under a host name not allowed", { host: req.headers.host ?? null, path });
        send(res, 421, encoding, encoding === "protobuf" ? encodeStatus(7, HOST_REFUSED) : statusJson(7, HOST_REFUSED));
        return;
      }
      const tenantId = await options.auth.tenantFor(key);
      const body = await inflate(req, await readBody(req, options.maxBodyBytes), options.maxBodyBytes);
      const result = await decodeAndExport(signal, encoding, body, tenantId, options.exporter, limits);
      const partial = result.rejected > 0 ? result : null;
      send(res, 200, encoding, encoding === "protobuf" ? encodeExportResponse(partial) : exportResponseJson(signal, partial));
    } catch (error) {
      sendError(res, encoding, asExportError(error), path);
    }
  };
  // Exports in flight, so a stop can let them finish and be acknowledged (their rows are committed
  // by the batcher, which drains after the receivers) instead of cutting them mid-answer.
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (!closing) return;
      // Keep-alive connections would hold the server open; each goes once its answer is out.
      server.closeIdleConnections();
      if (inFlight === 0) drained?.();
    });
    handle(req, res).catch((error: unknown) => {
      const message = refusalMessage(asExportError(error), log, { path: req.url });
      if (!res.headersSent) send(res, 500, "json", statusJson(13, message));
      else res.destroy();
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : http.createServer(onRequest);
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
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight exports get until the grace time to be stored and answered; then connections are cut.
        const cut = () => server.closeAllConnections();
        const timer = setTimeout(cut, options.closeGraceMs ?? 3000);
        timer.unref();
        drained = () => {
          clearTimeout(timer);
          // Answers are out (finished); their connections are idle now.
          setImmediate(() => server.closeIdleConnections());
        };
        if (inFlight === 0) drained();
      }),
  };
}
