import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { collectorSuite, send } from "@/collector/testing/collector-suite";

// The reported attack: exports of one span each with a distinct multi-megabyte model name grew
// the heap by the name's size per request (the pricing memories kept every unknown model) until
// the process ran out of memory. Now a name that long is never priced nor remembered.

const EXPORTS = 1_000;
// 128 KB: the old memories kept 1,000 of them (~128 MB, over twice the bound) and the test stays well under a minute.
const NAME_BYTES = 128 * 1024;
const MB = 1024 * 1024;
const FILLER = "x".repeat(NAME_BYTES);

function hugeModelSpan(i: number): ReadableSpan {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "hostile" }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const span = provider.getTracer("hostile").startSpan("chat", {
    root: true,
    // Tokens, so that the span is priced (a span without usage never reaches the price lookup).
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": `model-${i}-${FILLER}`, "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 5 },
  });
  span.end();
  return exporter.getFinishedSpans()[0]!;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (vitest.abuse.config.ts passes it)");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// PGlite only: the bound is on this process's heap, the same whichever database stores the rows.
describe.each(testBackends({ NODE_ENV: "test" }))("distinct huge model names on $name", (backend) => {
  const suite = collectorSuite(backend, { otlpMaxBodyBytes: 4 * MB });

  it(`${EXPORTS} exports of a distinct ${NAME_BYTES / 1024} KB model name grow the heap by at most 50 MB`, async () => {
    const url = `http://127.0.0.1:${suite.collector.httpPort}/v1/traces`;
    const exporter = new OTLPTraceExporter({ url, compression: CompressionAlgorithm.GZIP });
    // Warm-up: pools, JIT and the first batch's allocations are not what is measured.
    for (let i = 0; i < 20; i++) await send(exporter, [hugeModelSpan(-1 - i)]);
    const before = heapAfterGc();
    const inFlight = 8;
    for (let i = 0; i < EXPORTS; i += inFlight) {
      await Promise.all(Array.from({ length: Math.min(inFlight, EXPORTS - i) }, (_, j) => send(exporter, [hugeModelSpan(i + j)])));
    }
    await exporter.shutdown();
    const grownMb = (heapAfterGc() - before) / MB;
    console.log(`heap growth after ${EXPORTS} exports: ${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThanOrEqual(50);
    const stored = await suite.db().selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("n")).where("cost_usd", "is", null).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(EXPORTS + 20);
  });
});
