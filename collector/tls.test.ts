import * as grpc from "@grpc/grpc-js";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as HttpTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { ConfigError, loadConfig } from "@/lib/runtime/config";
import { readTlsMaterial } from "@/lib/runtime/tls";
import { collectorSuite, send } from "@/collector/testing/collector-suite";
import { codonRunSpans } from "@/collector/testing/telemetry";
import { selfSignedCert } from "@/test-support/self-signed-cert";

// TLS_CERT_FILE / TLS_KEY_FILE: both receivers serve TLS to real OTel exporters that trust the certificate.

const cert = selfSignedCert();
afterAll(() => cert.dispose());

describe("TLS configuration", () => {
  it("takes both files or neither, resolved against the working directory", () => {
    expect(loadConfig({}).tls).toBeNull();
    expect(loadConfig({ TLS_CERT_FILE: "c.pem", TLS_KEY_FILE: "k.pem" }, "/srv").tls).toEqual({ certFile: "/srv/c.pem", keyFile: "/srv/k.pem" });
    expect(() => loadConfig({ TLS_CERT_FILE: "c.pem" })).toThrow(/TLS_CERT_FILE: set both TLS_CERT_FILE and TLS_KEY_FILE, or neither/);
    expect(() => loadConfig({ TLS_KEY_FILE: "k.pem" })).toThrow(ConfigError);
  });

  it("fails at start, naming the variable, for a missing file or a key that is not the certificate's", () => {
    expect(() => readTlsMaterial({ certFile: path.join(cert.dir, "nope.pem"), keyFile: cert.keyFile })).toThrow(/TLS_CERT_FILE: cannot read .*nope\.pem \(ENOENT\)/);
    const other = selfSignedCert();
    try {
      expect(() => readTlsMaterial({ certFile: cert.certFile, keyFile: other.keyFile })).toThrow(ConfigError);
    } finally {
      other.dispose();
    }
    expect(readTlsMaterial({ certFile: cert.certFile, keyFile: cert.keyFile }).cert.equals(fs.readFileSync(cert.certFile))).toBe(true);
  });
});

describe.each(testBackends().slice(0, 1))("receivers over TLS on $name", (backend) => {
  const suite = collectorSuite(backend, { tls: readTlsMaterial({ certFile: cert.certFile, keyFile: cert.keyFile }) });
  const tenantOf = (runId: string) => suite.db().selectFrom("runs").select("tenant_id").where("run_id", "=", runId).executeTakeFirst();

  it("OTLP/HTTP over https from the OTel proto exporter", async () => {
    const exporter = new HttpTraceExporter({ url: `https://127.0.0.1:${suite.collector.httpPort}/v1/traces`, httpAgentOptions: { ca: cert.cert } });
    await send(exporter, codonRunSpans("run-https"));
    await exporter.shutdown();
    expect(await tenantOf("run-https")).toEqual({ tenant_id: "default" });
  });

  it("OTLP/gRPC over TLS from the OTel gRPC exporter", async () => {
    const exporter = new GrpcTraceExporter({ url: `https://127.0.0.1:${suite.collector.grpcPort}`, credentials: grpc.credentials.createSsl(cert.cert) });
    await send(exporter, codonRunSpans("run-grpcs"));
    await exporter.shutdown();
    expect(await tenantOf("run-grpcs")).toEqual({ tenant_id: "default" });
  });

  it("refuses plaintext on the TLS ports", async () => {
    await expect(fetch(`http://127.0.0.1:${suite.collector.httpPort}/v1/traces`, { method: "POST", body: "{}" })).rejects.toThrow();
    const plain = new GrpcTraceExporter({ url: `http://127.0.0.1:${suite.collector.grpcPort}`, timeoutMillis: 3000 });
    await expect(send(plain, codonRunSpans("run-plain"))).rejects.toThrow();
    await plain.shutdown();
    expect(await tenantOf("run-plain")).toBeUndefined();
  });
});
